package dev.orderflow.fulfillment.engine;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Camunda looks for the failed-job incidents of every job it deletes, also of a job that just ran fine for the
 * first time: one query per job, three per order. Only a job that failed or was set to no retries can have one
 * (the engine opens a failed-job incident when a job's retries reach 0, and resolves it when they go up again;
 * a job that failed keeps its exception until it succeeds). This skips the query for a job this command holds that
 * has retries left and never failed; every other case queries as Camunda does. Camunda's handler stays in charge
 * when composite incident handlers are switched on. {@code orderflow.engine.skip-needless-incident-lookups: false}
 * leaves Camunda's handler as it ships (the benchmark's out-of-the-box reference).
 */
@Component
@ConditionalOnProperty(name = "orderflow.engine.skip-needless-incident-lookups", havingValue = "true",
        matchIfMissing = true)
class FailedJobIncidentLookups extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.isCompositeIncidentHandlersEnabled()) {
            return;
        }
        if (configuration.getCustomIncidentHandlers() == null) {
            configuration.setCustomIncidentHandlers(new ArrayList<>());
        }
        configuration.getCustomIncidentHandlers().add(new Handler());
    }

    static final class Handler extends DefaultIncidentHandler {

        Handler() {
            super(Incident.FAILED_JOB_HANDLER_TYPE);
        }

        @Override
        protected void removeIncident(IncidentContext context, boolean incidentResolved) {
            if (mayHaveIncident(context.getConfiguration())) {
                super.removeIncident(context, incidentResolved);
            }
        }

        private static boolean mayHaveIncident(String jobId) {
            JobEntity job = jobId == null ? null
                    : Context.getCommandContext().getDbEntityManager().getCachedEntity(JobEntity.class, jobId);
            return job == null || job.getRetries() <= 0 || job.getExceptionByteArrayId() != null
                    || job.getExceptionMessage() != null;
        }
    }
}
