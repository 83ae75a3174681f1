package dev.orderflow.fulfillment.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.support.ChangedDiagram;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;

/**
 * {@code orderflow.process.migrate-in-flight=false}: nothing moves, the versions are still listed, with the orders
 * that stay on an older version and why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:in-flight-migration-off-tests;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
        "orderflow.process.migrate-in-flight=false"
})
class InFlightMigrationSwitchedOffTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    ProcessEngine engine;
    @Autowired
    InFlightMigration migration;

    @Test
    @SuppressWarnings("unchecked")
    void switchedOffNoOrderMovesAndTheVersionsAreListedWithWhereTheirOrdersStayAndWhy() {
        // given: an order at the review, and one waiting for the customer's stock decision (at a gateway without a
        // name)
        OrderflowApi api = new OrderflowApi(http, "storefront", "staff", "courier-secret");
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));
        String decision = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00"));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        api.awaitStatus(decision, "AWAITING_STOCK_DECISION");
        await().atMost(Duration.ofSeconds(60)).until(() -> runtime.getActiveActivityIds(runtime
                .createProcessInstanceQuery().processInstanceBusinessKey(decision).singleResult().getId())
                .contains(Elements.GATEWAY_AWAIT_STOCK_DECISION));
        String oldVersion = runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult()
                .getProcessDefinitionId();

        // when: a changed diagram is deployed from the Modeler, and a sweep runs
        assertThat(ChangedDiagram.ofCurrent().renamed(Elements.USER_TASK_REVIEW_DISCREPANCY, "Review (off)")
                .deployFromModeler(http.getRootUri() + "/engine-rest/engine/" + engine.getName(), "admin", "admin")
                .status()).isEqualTo(200);
        assertThat(migration.sweep()).isEmpty();

        // then: the order stays where it is, and both versions are listed
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> runtime
                .createProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult()
                .getProcessDefinitionId().equals(oldVersion));
        List<Map<String, Object>> items = (List<Map<String, Object>>) api.staff()
                .exchange("/api/process/versions", HttpMethod.GET, null, OrderflowApi.JSON_OBJECT).getBody().get("items");
        int newest = repository.createProcessDefinitionQuery().processDefinitionKey(OrderFulfillmentProcess.PROCESS_KEY)
                .latestVersion().singleResult().getVersion();
        assertThat(items).extracting(item -> item.get("version"))
                .containsExactly(newest, repository.getProcessDefinition(oldVersion).getVersion());
        assertThat(items.get(1).get("ordersInFlight")).isEqualTo(2);
        // and the old version's orders are listed where they wait, with why they stay (contract: blockedAt lists the
        // wait states of orders that cannot move to the newest version)
        List<Map<String, Object>> blockedAt = (List<Map<String, Object>>) items.get(1).get("blockedAt");
        assertThat(blockedAt).extracting(blocked -> blocked.get("activityId"))
                .containsExactlyInAnyOrder(Elements.USER_TASK_REVIEW_DISCREPANCY,
                        Elements.GATEWAY_AWAIT_STOCK_DECISION);
        assertThat(blockedAt).allSatisfy(blocked -> {
            assertThat(blocked.get("orders")).isEqualTo(1);
            assertThat((String) blocked.get("reason")).contains("moving orders in flight to version " + newest
                    + " is switched off", "orderflow.process.migrate-in-flight=false");
        });
        // and an element without a name has none in the listing (not its id)
        Map<Object, Object> names = new java.util.HashMap<>();
        blockedAt.forEach(blocked -> names.put(blocked.get("activityId"), blocked.get("name")));
        assertThat(names).containsEntry(Elements.USER_TASK_REVIEW_DISCREPANCY, "Review discrepancy")
                .containsEntry(Elements.GATEWAY_AWAIT_STOCK_DECISION, null);
    }
}
