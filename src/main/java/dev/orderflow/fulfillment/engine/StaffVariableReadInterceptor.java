package dev.orderflow.fulfillment.engine;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Staff read of an order only what their task shows. Reading a task's variables reaches, in Camunda, every
 * variable of the task's process (the customer's e-mail address, the checks' findings, …); for a Camunda user
 * who is neither an admin nor in {@code operations}, the task-variable reads ({@code TaskService.getVariable*},
 * local ones included, and the task's form variables: {@code /engine-rest/task/{id}/variables},
 * {@code /variables/{name}}, {@code /localVariables}, {@code /form-variables}) return only the task's own
 * (task-local) variables, which are its card, and the fields of its Camunda Form; any other name reads as absent
 * (null, 404 on {@code /engine-rest}). Whether the user may read the task's variables at all is checked first,
 * as the read itself would. Our own code reads without a user and is not narrowed.
 */
class StaffVariableReadInterceptor extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl engine;

    StaffVariableReadInterceptor(ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (Context.getCommandContext() != null || !isTaskVariableRead(command)) {
            return next.execute(command);
        }
        Authentication user = engine.getIdentityService().getCurrentAuthentication();
        if (user == null || readsEverything(user)) {
            return next.execute(command);
        }
        String taskId = (String) CommandPayloads.field(command,
                command instanceof GetTaskFormVariablesCmd ? "resourceId" : "taskId");
        Set<String> readable = engine.getCommandExecutorTxRequired().execute(new ReadableVariables(taskId));
        if (readable == null) {
            return next.execute(command); // no such task: the read itself says so
        }
        if (command instanceof GetTaskVariableCmd || command instanceof GetTaskVariableCmdTyped) {
            Object name = CommandPayloads.field(command, "variableName");
            return name == null || readable.contains(name) ? next.execute(command) : null;
        }
        String field = command instanceof GetTaskFormVariablesCmd ? "formVariableNames" : "variableNames";
        CommandPayloads.replace(command, field, narrowed((Collection<?>) CommandPayloads.field(command, field),
                readable));
        return next.execute(command);
    }

    private static boolean isTaskVariableRead(Command<?> command) {
        return command instanceof GetTaskVariablesCmd || command instanceof GetTaskVariableCmd
                || command instanceof GetTaskVariableCmdTyped || command instanceof GetTaskFormVariablesCmd;
    }

    /** The names asked for (all when null) that the user may read. */
    private static Set<String> narrowed(Collection<?> requested, Set<String> readable) {
        if (requested == null) {
            return readable;
        }
        Set<String> names = new LinkedHashSet<>();
        requested.stream().filter(readable::contains).forEach(name -> names.add((String) name));
        return names;
    }

    /** Camunda admins and operations (who read every order in Cockpit anyway) are not narrowed. */
    private boolean readsEverything(Authentication user) {
        List<String> adminUsers = engine.getAdminUsers() == null ? List.of() : engine.getAdminUsers();
        List<String> adminGroups = engine.getAdminGroups() == null ? List.of() : engine.getAdminGroups();
        List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
        return adminUsers.contains(user.getUserId()) || groups.stream().anyMatch(adminGroups::contains)
                || groups.contains(StaffAccess.OPERATIONS);
    }

    /**
     * The names a user may read of a task: its local variables and its form's fields, after the same check the
     * read makes (may this user read the task's variables). Null when there is no such task.
     */
    record ReadableVariables(String taskId) implements Command<Set<String>> {

        @Override
        public Set<String> execute(CommandContext context) {
            TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
            if (task == null) {
                return null;
            }
            for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
                checker.checkReadTaskVariable(task);
            }
            return context.runWithoutAuthorization(() -> {
                Set<String> names = new LinkedHashSet<>(task.getVariableNamesLocal());
                names.addAll(TaskForm.deployed(context, taskId).keys());
                return names;
            });
        }
    }
}
