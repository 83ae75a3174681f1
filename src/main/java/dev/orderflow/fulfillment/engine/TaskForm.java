package dev.orderflow.fulfillment.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The input fields of a deployed Camunda Form (form-js JSON, as Camunda Modeler writes it): what a staff member
 * may submit when completing the task. A field may be set to a value its form allows (one of a radio's or
 * select's values, text within its length, a number, a boolean); a read-only or disabled field may only be
 * sent back unchanged (Tasklist submits every field it shows, numbers as text) and is then not written, so it
 * keeps its value and type; nothing else may be set, and only as a primitive value.
 */
final class TaskForm {

    /** A task without a Camunda Form: nothing may be set when completing it. */
    static final TaskForm NONE = new TaskForm(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NO_DATA = Set.of("text", "html", "image", "spacer", "separator", "button",
            "group", "dynamiclist", "iframe", "table", "documentPreview");
    private static final Set<String> TEXT = Set.of("textfield", "textarea", "datetime");

    /** One field: its key, form-js type, whether staff may change it, and what it accepts. */
    record Field(String key, String type, boolean editable, boolean required, Set<String> options,
            boolean dynamicOptions, Integer minLength, Integer maxLength) {
    }

    private final Map<String, Field> fields;

    private TaskForm(Map<String, Field> fields) {
        this.fields = fields;
    }

    static TaskForm read(InputStream json) throws IOException {
        Map<String, Field> fields = new LinkedHashMap<>();
        collect(JSON.readTree(json).path("components"), fields);
        return new TaskForm(fields);
    }

    /**
     * The Camunda Form deployed for a task, read inside a running command (no authorization check of its own:
     * callers check the user first); {@link #NONE} when the task has no Camunda Form.
     *
     * @throws UncheckedIOException when the deployed form cannot be read
     */
    static TaskForm deployed(CommandContext context, String taskId) {
        InputStream json;
        try {
            json = new GetDeployedTaskFormCmd(taskId).execute(context);
        } catch (BadUserRequestException noCamundaForm) {
            return NONE;
        }
        try (json) {
            return read(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the form of task " + taskId + " cannot be read", e);
        }
    }

    /** Every field of the form that holds data, in the form's order. */
    List<Field> fields() {
        return List.copyOf(fields.values());
    }

    /** The keys of every field of the form, read-only ones included: what the form shows. */
    Set<String> keys() {
        return Set.copyOf(fields.keySet());
    }

    private static void collect(JsonNode components, Map<String, Field> fields) {
        for (JsonNode component : components) {
            collect(component.path("components"), fields);
            String type = component.path("type").asText("");
            String key = component.path("key").asText("");
            if (key.isBlank() || NO_DATA.contains(type)) {
                continue;
            }
            // an expression (a text starting with "=") decides at runtime: counted as read-only
            boolean editable = !flag(component.path("readonly")) && !flag(component.path("disabled"));
            JsonNode validate = component.path("validate");
            Set<String> options = null;
            if (component.has("values")) {
                options = new LinkedHashSet<>();
                for (JsonNode option : component.path("values")) {
                    options.add(option.path("value").asText());
                }
            }
            boolean dynamic = component.has("valuesKey") || component.has("valuesExpression");
            fields.put(key, new Field(key, type, editable, validate.path("required").asBoolean(false), options,
                    dynamic, integer(validate.path("minLength")), integer(validate.path("maxLength"))));
        }
    }

    private static boolean flag(JsonNode value) {
        return value.isBoolean() ? value.asBoolean() : value.isTextual();
    }

    private static Integer integer(JsonNode value) {
        return value.isNumber() ? value.asInt() : null;
    }

    /** The keys of the fields staff may only send back unchanged. */
    Set<String> readOnlyKeys() {
        Set<String> keys = new LinkedHashSet<>();
        fields.values().stream().filter(field -> !field.editable()).forEach(field -> keys.add(field.key()));
        return keys;
    }

    /**
     * Checks what a completion sets against the form.
     *
     * @param task the task's name, for the messages
     * @param submitted variable name to raw value or {@link TypedValue} (as {@link #typed} gives them); may be null
     * @param current the task's current value of a read-only field
     * @throws FormFieldValidationException (400 on {@code /engine-rest}) naming the first field that is not the
     *         form's, not allowed, or required and missing
     */
    void check(String task, Map<String, ?> submitted, Function<String, Object> current) {
        Map<String, ?> values = submitted == null ? Map.of() : submitted;
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            String name = entry.getKey();
            Field field = fields.get(name);
            if (field == null) {
                throw refusal(shown(name), "'" + shown(name) + "' is not a field of the form of '" + task + "'; only "
                        + editableKeys() + " may be set");
            }
            Object value = plain(name, entry.getValue());
            if (!field.editable()) {
                if (!same(value, current.apply(name))) {
                    throw refusal(name, "'" + name + "' is read-only in the form of '" + task + "'");
                }
            } else {
                checkValue(task, field, value);
            }
        }
        for (Field field : fields.values()) {
            if (field.editable() && field.required() && blank(values.get(field.key()) instanceof TypedValue typed
                    ? typed.getValue() : values.get(field.key()))) {
                throw refusal(field.key(), "'" + field.key() + "' is required to complete '" + task + "'");
            }
        }
    }

    /**
     * The submitted variables with typed values as sent, unread: reading a serialized object's value through
     * a {@link VariableMap} fails ("Object is not deserialized").
     */
    static Map<String, Object> typed(Map<String, ?> submitted) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (submitted instanceof VariableMap variables) {
            variables.keySet().forEach(name -> values.put(name, variables.getValueTyped(name)));
        } else if (submitted != null) {
            values.putAll(submitted);
        }
        return values;
    }

    /** What a completion writes: the submitted variables without the read-only fields (checked, never written). */
    VariableMap writable(Map<String, Object> typedValues) {
        VariableMap writable = Variables.createVariables();
        Set<String> readOnly = readOnlyKeys();
        typedValues.forEach((name, value) -> {
            if (!readOnly.contains(name)) {
                if (value instanceof TypedValue typedValue) {
                    writable.putValueTyped(name, typedValue);
                } else {
                    writable.putValue(name, value);
                }
            }
        });
        return writable;
    }

    private Set<String> editableKeys() {
        Set<String> keys = new LinkedHashSet<>();
        fields.values().stream().filter(Field::editable).forEach(field -> keys.add(field.key()));
        return keys;
    }

    private static void checkValue(String task, Field field, Object value) {
        if (value == null) {
            return;
        }
        String name = field.key();
        if (field.options() != null || field.dynamicOptions()) {
            if (field.dynamicOptions() || !(value instanceof String chosen) || !field.options().contains(chosen)) {
                throw refusal(name, "'" + name + "' must be one of " + field.options() + " to complete '" + task
                        + "', not " + shown(value));
            }
        } else if ("checkbox".equals(field.type())) {
            if (!(value instanceof Boolean)) {
                throw refusal(name, "'" + name + "' must be true or false, not " + shown(value));
            }
        } else if ("number".equals(field.type())) {
            if (number(value) == null) {
                throw refusal(name, "'" + name + "' must be a number, not " + shown(value));
            }
        } else if (TEXT.contains(field.type())) {
            if (!(value instanceof String text)) {
                throw refusal(name, "'" + name + "' must be text, not " + shown(value));
            }
            int length = text.codePointCount(0, text.length());
            if (field.maxLength() != null && length > field.maxLength()) {
                throw refusal(name, "'" + name + "' may be at most " + field.maxLength() + " characters long");
            }
            if (field.minLength() != null && !text.isEmpty() && length < field.minLength()) {
                throw refusal(name, "'" + name + "' must be at least " + field.minLength() + " characters long");
            }
        } else {
            throw refusal(name, "'" + name + "' (" + field.type() + ") cannot be set by staff");
        }
    }

    /** A submitted value as messages (and the log) show it: short, on one line. */
    private static String shown(Object value) {
        String text = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /**
     * The value of a submitted variable, which staff may send only as a primitive: text, a boolean, a number, a
     * date or null. Object, JSON, XML, file and bytes values are refused (400 naming the field) before anything
     * reads them: a serialized object would otherwise fail deep in the engine (500) or be stored as sent.
     */
    private static Object plain(String name, Object value) {
        Object plain = value;
        if (value instanceof TypedValue typed) {
            ValueType type = typed.getType();
            if (typed instanceof SerializableValue || typed instanceof FileValue
                    || (type != null && (!type.isPrimitiveValueType() || type == ValueType.BYTES))) {
                throw refusal(name, "'" + name + "' must be a plain value (text, a boolean or a number), not "
                        + (type == null ? typed.getClass().getSimpleName() : type.getName()));
            }
            plain = typed.getValue();
        }
        if (plain != null && !(plain instanceof String || plain instanceof Boolean || plain instanceof Number
                || plain instanceof Date)) {
            throw refusal(name, "'" + name + "' must be a plain value (text, a boolean or a number)");
        }
        return plain;
    }

    private static boolean same(Object submitted, Object current) {
        if (blank(submitted) && blank(current)) {
            return true;
        }
        if (Objects.equals(submitted, current)) {
            return true;
        }
        BigDecimal left = number(submitted);
        BigDecimal right = number(current);
        if (left != null && right != null) {
            return left.compareTo(right) == 0;
        }
        return submitted != null && current != null && String.valueOf(submitted).equals(String.valueOf(current));
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Number number) {
            try {
                return new BigDecimal(number.toString());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (value instanceof String text && !text.isBlank() && text.length() < 40) {
            try {
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean blank(Object value) {
        return value == null || (value instanceof String text && text.isEmpty());
    }

    private static FormFieldValidationException refusal(String field, String message) {
        return new FormFieldValidationException(field, message);
    }
}
