package dev.orderflow.fulfillment;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;

/**
 * An in-memory engine for process tests: delegates are replaced by mocks ({@code Mocks.register}), no job
 * executor runs (tests execute jobs and timers themselves), and flow-node and sequence-flow coverage is
 * measured and reported under {@code target/process-test-coverage}.
 */
final class ProcessEngineForTests {

    private ProcessEngineForTests() {
    }

    static ProcessEngineCoverageExtension extension() {
        ProcessCoverageInMemProcessEngineConfiguration configuration = new ProcessCoverageInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("process-tests");
        configuration.setJdbcUrl("jdbc:h2:mem:process-tests;DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setJavaSerializationFormatEnabled(false);
        configuration.setExpressionManager(new MockExpressionManager());
        return ProcessEngineCoverageExtension.Companion.builder(configuration)
                .assertClassCoverageAtLeast(1.0)
                .build();
    }
}
