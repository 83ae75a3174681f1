package dev.orderflow.fulfillment.engine;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff change an order's process only through the forms of its tasks. A command a Camunda user sends (from
 * {@code /engine-rest}, a webapp or Java code run with that user's authentication) may complete a task or
 * submit its form with the variables the task's Camunda Form declares, in the values the form allows; any
 * other variable write is refused: setting, changing or removing process, execution or task variables (local
 * ones included, one at a time, patched or in a batch), and variables sent along with a modification, a start,
 * a message, a signal, a BPMN error or escalation, a migration or a resolution. Our own code calls the engine
 * without a user, and what the process's own steps do inside a command is not looked at: only the command a
 * caller sends.
 */
class StaffVariableWriteInterceptor extends CommandInterceptor {

    static final String REFUSAL = "Staff may not set an order's process variables: an order changes only through "
            + "its steps and the forms of its tasks";

    private static final Logger log = LoggerFactory.getLogger(StaffVariableWriteInterceptor.class);

    private final ProcessEngineConfigurationImpl engine;

    StaffVariableWriteInterceptor(ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    @Override
    public <T> T execute(Command<T> command) {
        boolean sentByCaller = Context.getCommandContext() == null && !(command instanceof TaskFormCheck);
        Authentication user = sentByCaller ? engine.getIdentityService().getCurrentAuthentication() : null;
        if (user != null) {
            try {
                check(command);
            } catch (AuthorizationException | FormFieldValidationException refused) {
                log.warn("Refused {} by user {}: {}", command.getClass().getSimpleName(), user.getUserId(),
                        refused.getMessage());
                throw refused;
            }
        }
        return next.execute(command);
    }

    @SuppressWarnings("unchecked")
    private void check(Command<?> command) {
        Class<?> type = command.getClass();
        if (command instanceof AbstractQuery<?, ?>) {
            return; // queries read; Tasklist and Cockpit send many
        }
        if (type == CompleteTaskCmd.class || type == SubmitTaskFormCmd.class) {
            String taskId = (String) CommandPayloads.field(command, "taskId");
            String field = type == CompleteTaskCmd.class ? "variables" : "properties";
            Map<String, Object> variables = TaskForm.typed((Map<String, ?>) CommandPayloads.field(command, field));
            TaskFormCheck.Snapshot task = engine.getCommandExecutorTxRequired().execute(new TaskFormCheck(taskId));
            if (task != null) {
                String user = engine.getIdentityService().getCurrentAuthentication().getUserId();
                if (task.assignee() != null && !task.assignee().equals(user)) {
                    // a claim says who works on it: a colleague of the same group may not decide meanwhile
                    throw new AuthorizationException("'" + task.name() + "' is claimed by " + task.assignee()
                            + ": only they may complete it (or unclaim it first)");
                }
                task.form().check(task.name(), variables, task.readOnlyValues()::get);
                // read-only fields came back unchanged (as text, from Tasklist): not written, they keep their type
                CommandPayloads.replace(command, field, task.form().writable(variables));
            }
        } else if (command instanceof AbstractSetVariableCmd || command instanceof AbstractRemoveVariableCmd
                || command instanceof AbstractPatchVariablesCmd || command instanceof SetVariablesToProcessInstancesBatchCmd
                || CommandPayloads.carryVariables(command)) {
            throw new AuthorizationException(REFUSAL);
        }
    }

    /**
     * Reads, in a command of its own, what checking a completion needs: whether the user may work on the task
     * at all (refused first, as the completion itself would), its form, and the current values of the form's
     * read-only fields. Null when there is no such task: the completion itself says so.
     */
    record TaskFormCheck(String taskId) implements Command<TaskFormCheck.Snapshot> {

        record Snapshot(String name, String assignee, TaskForm form, Map<String, Object> readOnlyValues) {
        }

        @Override
        public Snapshot execute(CommandContext context) {
            if (taskId == null) {
                return null;
            }
            TaskEntity task = context.getTaskManager().findTaskById(taskId);
            if (task == null) {
                return null;
            }
            for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
                checker.checkTaskWork(task);
            }
            return context.runWithoutAuthorization(() -> {
                TaskForm form = TaskForm.deployed(context, taskId);
                Map<String, Object> values = new HashMap<>();
                for (String key : form.readOnlyKeys()) {
                    values.put(key, task.getVariable(key));
                }
                return new Snapshot(task.getName(), task.getAssignee(), form, values);
            });
        }
    }
}
