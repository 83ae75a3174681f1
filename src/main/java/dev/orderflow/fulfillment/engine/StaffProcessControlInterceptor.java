package dev.orderflow.fulfillment.engine;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ActivateJobCmd;
import org.camunda.bpm.engine.impl.cmd.ActivateJobDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.ActivateProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.ActivateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessDefinitionsByIdsCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessDefinitionsByKeyCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.LockExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.RestartProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SetProcessDefinitionVersionCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SuspendJobCmd;
import org.camunda.bpm.engine.impl.cmd.SuspendJobDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.SuspendProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.SuspendProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateProcessInstancesSuspendStateBatchCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateProcessInstancesSuspendStateCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.jobexecutor.SuccessfulJobListener;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An order's process moves only by its own steps, its timers, the messages our code correlates and the forms of
 * its tasks. A command a Camunda user sends (admins included) that would start, move or fire an order's process
 * out of turn is refused with 403: modification, start, restart, migration, message correlation, signals,
 * manual job execution, due-date changes (a timer fired early), BPMN errors and escalations thrown from a task,
 * external-task work (the model has none). Suspending and activating stay an admin's emergency brake; staff
 * may claim a task only for themselves. Our own code calls the engine without a user and is not looked at, nor
 * is what a command does inside the engine: only the command a caller sends.
 */
class StaffProcessControlInterceptor extends CommandInterceptor {

    static final String REFUSAL = "Camunda users may not start, move or fire an order's process: it moves only by "
            + "its own steps and the forms of its tasks";

    /** The commands of Camunda 7.24 (engine/impl/cmd, cmd/batch, batch, migration) that move a process by hand. */
    private static final Set<Class<?>> REFUSED = Set.of(
            // modification, sync, async, batch
            ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class,
            ProcessInstanceModificationCmd.class, ProcessInstanceModificationBatchCmd.class,
            // any start: by key or id, at activities, by a start form, conditional
            StartProcessInstanceCmd.class, StartProcessInstanceAtActivitiesCmd.class, SubmitStartFormCmd.class,
            EvaluateStartConditionCmd.class,
            // restart and migration (a version change is a migration too)
            RestartProcessInstancesCmd.class, RestartProcessInstancesBatchCmd.class,
            MigrateProcessInstanceCmd.class, MigrateProcessInstanceBatchCmd.class,
            SetProcessDefinitionVersionCmd.class,
            // messages (single, all, start-only, batch) and signals
            CorrelateMessageCmd.class, CorrelateAllMessageCmd.class, CorrelateAllMessageBatchCmd.class,
            MessageEventReceivedCmd.class, SignalEventReceivedCmd.class, SignalCmd.class,
            // jobs fired by hand or early; a refused execution would still count as a failed attempt (retries
            // down, due date moved) through the listener Camunda runs after it: refused as well
            ExecuteJobsCmd.class, FailedJobListener.class, SuccessfulJobListener.class, SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class,
            // events thrown from a task instead of its form
            HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class,
            // external tasks: the model has none, a worker posing as one would complete foreign work
            FetchExternalTasksCmd.class, LockExternalTaskCmd.class, CompleteExternalTaskCmd.class,
            HandleExternalTaskBpmnErrorCmd.class);

    /**
     * Deleting by hand what orders run on: a definition or deployment (new orders would fail, running ones vanish;
     * deploy a new version instead) or a job (its timer would never fire, unnoticed). Deleting an order's process
     * instance stays an admin's right: reconciliation then cancels and refunds its order.
     */
    private static final Set<Class<?>> NOT_DELETED = Set.of(
            DeleteProcessDefinitionsByIdsCmd.class, DeleteProcessDefinitionsByKeyCmd.class, DeleteDeploymentCmd.class,
            DeleteJobCmd.class);

    /** Suspending and activating: an admin's emergency brake, nobody else's. */
    private static final Set<Class<?>> ADMINS_ONLY = Set.of(
            SuspendProcessInstanceCmd.class, ActivateProcessInstanceCmd.class,
            UpdateProcessInstancesSuspendStateCmd.class, UpdateProcessInstancesSuspendStateBatchCmd.class,
            SuspendProcessDefinitionCmd.class, ActivateProcessDefinitionCmd.class,
            SuspendJobCmd.class, ActivateJobCmd.class, SuspendJobDefinitionCmd.class, ActivateJobDefinitionCmd.class);

    private static final Logger log = LoggerFactory.getLogger(StaffProcessControlInterceptor.class);

    private final ProcessEngineConfigurationImpl engine;

    StaffProcessControlInterceptor(ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    @Override
    public <T> T execute(Command<T> command) {
        Authentication user = Context.getCommandContext() == null
                ? engine.getIdentityService().getCurrentAuthentication() : null;
        if (user != null) {
            try {
                check(command, user);
            } catch (AuthorizationException refused) {
                log.warn("Refused {} by user {}: {}", command.getClass().getSimpleName(), user.getUserId(),
                        refused.getMessage());
                throw refused;
            }
        }
        return next.execute(command);
    }

    private void check(Command<?> command, Authentication user) {
        Class<?> type = command.getClass();
        if (REFUSED.contains(type)) {
            throw new AuthorizationException(REFUSAL);
        }
        if (NOT_DELETED.contains(type)) {
            throw new AuthorizationException("Process definitions, deployments and jobs are not deleted by hand: "
                    + "deploy a new version of the diagram instead");
        }
        if (ADMINS_ONLY.contains(type) && !isAdmin(user)) {
            throw new AuthorizationException("Only a Camunda admin may suspend or activate an order's process");
        }
        if ((command instanceof SetJobRetriesCmd || command instanceof AbstractSetJobsRetriesBatchCmd)
                && Boolean.TRUE.equals(CommandPayloads.field(command, "isDueDateSet"))) {
            // a retry may not bring a timer forward: the restock deadline would fire early
            throw new AuthorizationException("A job's retries may be set, not its due date: " + REFUSAL);
        }
        if ((command instanceof SetJobRetriesCmd || command instanceof AbstractSetJobsRetriesBatchCmd)
                && ((Number) CommandPayloads.field(command, "retries")).intValue() < 1) {
            // no retries left stops a healthy job (a timer) until someone "retries" it: a pause by hand
            throw new AuthorizationException("A retry gives a job at least one attempt; setting none would stop it: "
                    + REFUSAL);
        }
        if (type == ClaimTaskCmd.class) {
            Object claimant = CommandPayloads.field(command, "userId");
            if (claimant != null && !Objects.equals(claimant, user.getUserId())) {
                throw new AuthorizationException("A task may be claimed only for oneself, not for " + claimant);
            }
        }
    }

    private boolean isAdmin(Authentication user) {
        List<String> adminUsers = engine.getAdminUsers() == null ? List.of() : engine.getAdminUsers();
        List<String> adminGroups = engine.getAdminGroups() == null ? List.of() : engine.getAdminGroups();
        List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
        return adminUsers.contains(user.getUserId()) || groups.stream().anyMatch(adminGroups::contains);
    }
}
