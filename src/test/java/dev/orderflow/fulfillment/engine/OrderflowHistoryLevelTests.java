package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda's history keeps what only the engine can tell (the instance, staff tasks, incidents, who did what in
 * Cockpit); the steps of an order are on its own timeline and are not written a second time.
 */
class OrderflowHistoryLevelTests extends LocalRunTest {

    @Autowired
    HistoryService history;

    @Autowired
    ProcessEngineConfiguration configuration;

    @Test
    void engineRunsOnTheOrderflowHistoryLevel() {
        assertThat(((ProcessEngineConfigurationImpl) configuration).getHistoryLevel().getName())
                .isEqualTo(OrderflowHistoryLevel.NAME);
    }

    @Test
    void aDatabaseRecordedWithCamundasFullHistoryMovesToOursAtStartUp() throws Exception {
        // given: the engine tables of an earlier Orderflow that ran on history level full
        var dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:history-level-full;DB_CLOSE_DELAY=-1");
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("create table ACT_GE_PROPERTY (NAME_ varchar(64) primary key, VALUE_ varchar(300), REV_ int)");
            statement.execute("insert into ACT_GE_PROPERTY values ('historyLevel', '3', 1)");
        }
        var configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setDataSource(dataSource);
        configuration.setHistory(OrderflowHistoryLevel.NAME);

        // when
        new OrderflowHistoryLevel().postInit(configuration);

        // then
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
                var row = statement.executeQuery("select VALUE_ from ACT_GE_PROPERTY where NAME_ = 'historyLevel'")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo(String.valueOf(OrderflowHistoryLevel.Level.ID));
        }
    }

    @Test
    void aNewDatabaseWithoutEngineTablesIsLeftAlone() {
        var dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:history-level-new;DB_CLOSE_DELAY=-1");
        var configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setDataSource(dataSource);
        configuration.setHistory(OrderflowHistoryLevel.NAME);

        assertThatCode(() -> new OrderflowHistoryLevel().postInit(configuration)).doesNotThrowAnyException();
    }

    @Test
    void shippedOrderLeavesItsProcessInstanceInHistoryButNotEachStepVariableAndJob() {
        // given
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "12.50"));

        // when
        api.awaitStatus(orderId, "SHIPPED");

        // then
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(orderId).singleResult();
        assertThat(instance).isNotNull();
        assertThat(instance.getProcessDefinitionKey()).isEqualTo(OrderFulfillmentProcess.PROCESS_KEY);
        String instanceId = instance.getId();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).count()).isZero();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).count()).isZero();
        assertThat(history.createHistoricDetailQuery().processInstanceId(instanceId).count()).isZero();
        assertThat(history.createHistoricJobLogQuery().processInstanceId(instanceId).count()).isZero();
        assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(instanceId).count()).isZero();
        assertThat(OrderflowApi.timeline(api.get(orderId), "status")).contains("SHIPPED");
    }

    @Test
    void staffTasksStayInHistoryWithTheirCandidates() {
        // given: a price that differs from the catalog sends the order to customer service
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));

        // when
        api.awaitStatus(orderId, "UNDER_REVIEW");

        // then
        var task = history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(orderId).singleResult();
        assertThat(task).isNotNull();
        assertThat(task.getTaskDefinitionKey()).isEqualTo(OrderFulfillmentProcess.Elements.USER_TASK_REVIEW_DISCREPANCY);
        assertThat(history.createHistoricIdentityLinkLogQuery().taskId(task.getId()).list())
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("customer-service"));
    }
}
