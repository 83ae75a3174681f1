package dev.orderflow.fulfillment.engine;

import java.sql.Timestamp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The engine in {@code /actuator/health} ("engine") and in Prometheus: is the job executor running, how many
 * jobs are due and not yet done (the backlog), how many failed for good, how many incidents are open.
 */
@Component("engine")
class EngineHealthIndicator implements HealthIndicator {

    private final ProcessEngine engine;
    private final ManagementService management;
    private final RuntimeService runtime;

    EngineHealthIndicator(ProcessEngine engine, ManagementService management, RuntimeService runtime,
            MeterRegistry registry) {
        this.engine = engine;
        this.management = management;
        this.runtime = runtime;
        Gauge.builder("orderflow.jobs.due", this::dueJobs).description("Jobs due and waiting for the job executor")
                .register(registry);
        Gauge.builder("orderflow.incidents.open", this::openIncidents)
                .description("Incidents waiting for a person in Cockpit").register(registry);
    }

    @Override
    public Health health() {
        var jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        boolean running = jobExecutor != null && jobExecutor.isActive();
        return (running ? Health.up() : Health.down())
                .withDetail("engine", engine.getName())
                .withDetail("jobExecutorActive", running)
                .withDetail("jobsDue", dueJobs())
                .withDetail("jobsFailed", management.createJobQuery().noRetriesLeft().count())
                .withDetail("openIncidents", openIncidents())
                .build();
    }

    /**
     * Due jobs with retries left, not suspended: what acquisition would take or is running. Counted on the
     * acquisition index ({@code JobAcquisitionIndex}); Camunda's "executable" job query reads every waiting timer.
     */
    private double dueJobs() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return JdbcClient.create(configuration.getDataSource())
                .sql("select count(*) from " + management.getTableName(JobEntity.class)
                        + " where RETRIES_ > 0 and SUSPENSION_STATE_ = 1 and DUEDATE_ <= :now")
                .param("now", new Timestamp(ClockUtil.getCurrentTime().getTime())).query(Long.class).single();
    }

    private double openIncidents() {
        return runtime.createIncidentQuery().count();
    }
}
