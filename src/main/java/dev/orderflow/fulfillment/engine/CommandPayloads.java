package dev.orderflow.fulfillment.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads what an engine command carries. Camunda's commands keep their arguments in protected fields without
 * getters, so this reads them reflectively; Camunda 7's command classes no longer change (7.24 is the last
 * Community Edition). Anything that cannot be read counts as carrying variables: the callers refuse then.
 */
final class CommandPayloads {

    private static final int MAX_DEPTH = 4;

    private CommandPayloads() {
    }

    /** The value of a field declared by the command's class or one of its superclasses. */
    static Object field(Object command, String name) {
        for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(command);
            } catch (NoSuchFieldException e) {
                // declared further up
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot read " + name + " of " + command.getClass().getName(), e);
            }
        }
        throw new IllegalStateException(command.getClass().getName() + " has no field " + name);
    }

    /** Replaces the value of a field declared by the command's class or one of its superclasses. */
    static void replace(Object command, String name, Object value) {
        for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                field.set(command, value);
                return;
            } catch (NoSuchFieldException e) {
                // declared further up
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot set " + name + " of " + command.getClass().getName(), e);
            }
        }
        throw new IllegalStateException(command.getClass().getName() + " has no field " + name);
    }

    /**
     * Whether the command, or a builder, instruction or plan it holds, carries variables to write: a non-empty
     * map in a field named like {@code variables}, {@code processVariablesLocal}, {@code
     * payloadProcessInstanceVariables}. Maps that only select by variable ({@code correlation...}) do not count.
     */
    static boolean carryVariables(Object command) {
        try {
            return carryVariables(command, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    private static boolean carryVariables(Object target, int depth, Set<Object> seen) throws RuntimeException {
        if (target == null || depth > MAX_DEPTH || !seen.add(target)) {
            return false;
        }
        for (Class<?> type = target.getClass(); type != null && isCamunda(type); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = read(field, target);
                String name = field.getName().toLowerCase(Locale.ROOT);
                if (value instanceof Map<?, ?> map && name.contains("variable") && !name.startsWith("correlation")
                        && !map.isEmpty()) {
                    return true;
                }
                if (value instanceof Collection<?> elements) {
                    for (Object element : elements) {
                        if (holdsArguments(element) && carryVariables(element, depth + 1, seen)) {
                            return true;
                        }
                    }
                } else if (holdsArguments(value) && carryVariables(value, depth + 1, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Object read(Field field, Object target) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isCamunda(Class<?> type) {
        return type.getName().startsWith("org.camunda.bpm.engine.");
    }

    /** Builders, instructions and plans carry a command's arguments; entities, queries and executors do not. */
    private static boolean holdsArguments(Object value) {
        if (value == null || !isCamunda(value.getClass())) {
            return false;
        }
        String name = value.getClass().getSimpleName();
        return name.endsWith("BuilderImpl") || name.endsWith("Cmd") || name.endsWith("Command")
                || name.endsWith("PlanImpl") || name.endsWith("Instruction") || name.endsWith("InstructionImpl");
    }
}
