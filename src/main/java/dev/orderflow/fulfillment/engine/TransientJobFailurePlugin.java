package dev.orderflow.fulfillment.engine;

import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.orderflow.system.TransientFailures;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * A step that lost a deadlock, met a lock timeout or an optimistic-locking conflict (another transaction
 * changed the same order or process meanwhile) is run again within a second, without using up one of its
 * retries: such a failure says nothing about the step, and the retry resolves it. Camunda's default would wait a
 * whole retry interval ({@code orderflow.retry-cycle}, a minute) and, after three, open an incident for a
 * deadlock. A job that keeps failing that way ({@value #FREE_RETRIES} times in a row) falls back to the usual
 * retry cycle, so a persistent problem still ends as an incident in Cockpit.
 */
@Component
class TransientJobFailurePlugin extends AbstractProcessEnginePlugin {

    static final int FREE_RETRIES = 5;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory standard = configuration.getFailedJobCommandFactory() != null
                ? configuration.getFailedJobCommandFactory() : new DefaultFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory(new TransientFirst(standard));
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OptimisticLockingException) {
                return true;
            }
        }
        return TransientFailures.isTransient(failure);
    }

    static final class TransientFirst implements FailedJobCommandFactory {

        private final FailedJobCommandFactory standard;
        /** transient failures in a row per job id; bounded, a job that is gone is forgotten eventually */
        private final Map<String, Integer> transientFailures = Collections.synchronizedMap(
                new LinkedHashMap<>(64, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                        return size() > 10_000;
                    }
                });

        TransientFirst(FailedJobCommandFactory standard) {
            this.standard = standard;
        }

        @Override
        public Command<Object> getCommand(String jobId, Throwable failure) {
            if (isTransient(failure)) {
                int inARow = transientFailures.merge(jobId, 1, Integer::sum);
                if (inARow <= FREE_RETRIES) {
                    return new RunAgainSoon(jobId, failure, inARow);
                }
            }
            transientFailures.remove(jobId);
            return standard.getCommand(jobId, failure);
        }
    }

    /** Unlocks the job and makes it due again after a short random pause; its retries stay as they are. */
    static final class RunAgainSoon extends JobRetryCmd {

        private final int inARow;

        RunAgainSoon(String jobId, Throwable failure, int inARow) {
            super(jobId, failure);
            this.inARow = inARow;
        }

        @Override
        public Object execute(CommandContext commandContext) {
            JobEntity job = getJob();
            if (job == null) {
                return null;
            }
            // 50-100 ms, then 100-200, ... at most 1.6 s: two steps that deadlocked do not meet again
            long pause = (50L << Math.min(inARow - 1, 5)) + ThreadLocalRandom.current().nextLong(50L << Math.min(inARow - 1, 5));
            job.unlock();
            logException(job);
            job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + pause));
            notifyAcquisition(commandContext);
            return null;
        }
    }
}
