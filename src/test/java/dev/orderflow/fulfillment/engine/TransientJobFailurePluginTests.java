package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;
import dev.orderflow.support.ExpectedLogs;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A step that lost a deadlock runs again soon without using up a retry; a real failure still uses one up. */
class TransientJobFailurePluginTests {

    /** deadlocks and lost updates are provoked on purpose: the job executor's reports of them are expected */
    @RegisterExtension
    static final ExpectedLogs EXPECTED = ExpectedLogs.of("org.camunda.bpm.engine.jobexecutor");

    private static final String PROCESS = "TransientFailureProcess";

    private static ProcessEngine engine;
    private final AtomicInteger failuresToGo = new AtomicInteger();
    private final AtomicInteger runs = new AtomicInteger();
    /** what the step throws while it fails */
    private RuntimeException failure;

    @BeforeAll
    static void startEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("transient-job-failures");
        configuration.setJdbcUrl("jdbc:h2:mem:transient-job-failures;DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setExpressionManager(new MockExpressionManager());
        configuration.setFailedJobRetryTimeCycle("R3/PT1M");
        configuration.setProcessEnginePlugins(List.of(new TransientJobFailurePlugin()));
        engine = configuration.buildProcessEngine();
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1).startEvent()
                .serviceTask("Task_Step").camundaAsyncBefore().camundaDelegateExpression("${step}").endEvent().done();
        engine.getRepositoryService().createDeployment().addModelInstance("transient.bpmn", model).deploy();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @AfterEach
    void forgetMocks() {
        Mocks.reset();
    }

    @Test
    void aDeadlockedStepRunsAgainSoonWithItsRetriesIntact() {
        // given: the step loses a deadlock twice, then goes through
        Job job = jobOfNewInstance(new PessimisticLockingFailureException("deadlock detected"), 2);

        // when
        execute(job);
        Job afterFirst = engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
        execute(job);
        engine.getManagementService().executeJob(job.getId());

        // then: no retry used up, due again within two seconds, and done on the third run
        assertThat(afterFirst.getRetries()).isEqualTo(3);
        assertThat(afterFirst.getDuedate().getTime() - System.currentTimeMillis()).isLessThan(2_000);
        assertThat(afterFirst.getExceptionMessage()).contains("deadlock detected");
        assertThat(runs.get()).isEqualTo(3);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(job.getProcessInstanceId())
                .count()).isZero();
    }

    @Test
    void aRealFailureUsesUpARetryAsUsual() {
        // given
        Job job = jobOfNewInstance(new IllegalStateException("courier refused"), 1);

        // when
        execute(job);

        // then: Camunda's cycle (R3/PT1M): first failure sets 3 retries, uses one, waits a minute
        Job failed = engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
        assertThat(failed.getRetries()).isEqualTo(2);
        assertThat(failed.getDuedate().getTime() - System.currentTimeMillis()).isGreaterThan(30_000);
    }

    @Test
    void aStepThatKeepsDeadlockingFallsBackToTheRetryCycle() {
        // given: more deadlocks in a row than are retried for free
        Job job = jobOfNewInstance(new PessimisticLockingFailureException("deadlock detected"), 100);

        // when
        for (int i = 0; i <= TransientJobFailurePlugin.FREE_RETRIES; i++) {
            execute(job);
        }

        // then
        assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getRetries())
                .isEqualTo(2);
    }

    private Job jobOfNewInstance(RuntimeException failure, int times) {
        this.failure = failure;
        failuresToGo.set(times);
        Mocks.register("step", (JavaDelegate) execution -> {
            runs.incrementAndGet();
            if (failuresToGo.getAndDecrement() > 0) {
                throw failure;
            }
        });
        String instance = engine.getRuntimeService().startProcessInstanceByKey(PROCESS).getId();
        return engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
    }

    /** Runs the job once; it fails with the step's own exception (the engine rethrows a runtime exception as is). */
    private void execute(Job job) {
        assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId())).isSameAs(failure);
    }
}
