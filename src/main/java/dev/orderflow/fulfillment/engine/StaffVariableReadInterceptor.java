package dev.orderflow.fulfillment.engine;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryProperty;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
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
 * as the read itself would. The other doors to the same data are closed for them too: task searches by process
 * variables, completing with variables in return, resolving a task ({@link #refuseReadsByOtherMeans}). Our own
 * code reads without a user and is not narrowed.
 */
class StaffVariableReadInterceptor extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl engine;

    StaffVariableReadInterceptor(ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (Context.getCommandContext() != null) {
            return next.execute(command);
        }
        Authentication user = engine.getIdentityService().getCurrentAuthentication();
        if (user == null || readsEverything(user)) {
            return next.execute(command);
        }
        refuseReadsByOtherMeans(command);
        if (!isTaskVariableRead(command)) {
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

    /**
     * The other ways to learn an order's variables through a task: a task search that filters or sorts by a
     * process variable (its count answers "is the customer's e-mail a…?", one guess at a time; directly, through a
     * filter, or in an "or" query), completing a task with the order's variables in return, and resolving a task
     * (the model delegates none; resolving took a colleague's claim away). Searching and sorting by the task's own
     * (card) variables stays allowed: that is how staff find a task by its shop reference.
     */
    private static void refuseReadsByOtherMeans(Command<?> command) {
        TaskQueryImpl search = command instanceof TaskQueryImpl query ? query
                : command instanceof AbstractExecuteFilterCmd
                        && CommandPayloads.field(command, "extendingQuery") instanceof TaskQueryImpl query ? query
                        : null;
        if (search != null) {
            for (TaskQueryImpl query : search.getQueries()) {
                if (query.getVariables().stream().anyMatch(variable -> !variable.isLocal())
                        || query.getOrderingProperties().stream().anyMatch(StaffVariableReadInterceptor::byOrderData)) {
                    throw new AuthorizationException("Staff search tasks by their own variables (Task Variable: "
                            + "shopReference, customer, total, taskReason), not by an order's process variables");
                }
            }
        }
        if (command instanceof ResolveTaskCmd) {
            throw new AuthorizationException("Tasks are not delegated in this process, so there is nothing to "
                    + "resolve; complete the task with its form");
        }
        if ((command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)
                && Boolean.TRUE.equals(CommandPayloads.field(command, "returnVariables"))) {
            throw new AuthorizationException("Staff complete a task without the order's variables in return "
                    + "(leave out withVariablesInReturn)");
        }
    }

    /** Sorting by a variable other than the task's own: a process, execution or case variable. */
    private static boolean byOrderData(QueryOrderingProperty ordering) {
        return QueryOrderingProperty.RELATION_VARIABLE.equals(ordering.getRelation())
                && (ordering.getRelationConditions() == null || ordering.getRelationConditions().stream()
                        .noneMatch(condition -> condition.getProperty() == VariableInstanceQueryProperty.TASK_ID));
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
