package dev.orderflow.order;

import static dev.orderflow.support.OrderflowApi.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * A shop whose default out-of-stock decision is WAIT ({@code orderflow.out-of-stock.default-decision}): the customer
 * is told so when asked, and a wait by default says that we did not hear from them, unlike a wait they chose.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:default-wait-tests;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        "camunda.bpm.generate-unique-process-engine-name=true",
        // Camunda's webapps keep static state per JVM: only the local-run test context may start them
        "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
        "orderflow.out-of-stock.default-decision=WAIT"
})
class DefaultWaitTimelineTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;

    OrderflowApi api;

    @BeforeEach
    void connectApi() {
        api = new OrderflowApi(http, "storefront", "staff", "courier-secret");
    }

    @Test
    void aWaitByDefaultAfterNoAnswerSaysWeDidNotHearFromTheCustomerByTheirDeadline() {
        // given: the customer is asked, and told that we wait without an answer
        String orderId = outOfStockOrder();
        String asked = timeline(api.get(orderId), "message").stream()
                .filter(message -> message.startsWith("Out of stock: ")).findFirst().orElseThrow();
        assertThat(asked).endsWith("If we do not hear from you by then, we wait for new stock for you.");
        String deadline = asked.replaceAll(".*Please choose by (" + CustomerTimelineTests.READABLE_TIME + ").*", "$1");

        // when: nobody answers in time
        StockDecisionTimers.fire(runtime, management, orderId);
        Map<String, Object> waiting = api.awaitStatus(orderId, "AWAITING_RESTOCK");

        // then
        CustomerTimelineTests.assertReadableForTheCustomer(waiting, "TSHIRT-ORG-L");
        assertThat(timeline(waiting, "message")).last().asString()
                .startsWith("We did not hear from you by " + deadline + ", so we wait for new stock for you.")
                .doesNotContain("You chose");
        // and a mail tells the customer, who did not choose it, that the order now waits and until when
        assertThat(api.notifications(orderId)).extracting(mail -> mail.get("type")).contains("WAITING_FOR_STOCK");
    }

    @Test
    void aWaitTheCustomerChoseIsNotCalledADefault() {
        // given
        String orderId = outOfStockOrder();

        // when
        assertThat(api.decideStock(orderId, "WAIT").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> waiting = api.awaitStatus(orderId, "AWAITING_RESTOCK");

        // then
        assertThat(timeline(waiting, "message")).last().asString().startsWith("You chose to wait for new stock.");
        assertThat(timeline(waiting, "message")).noneMatch(message -> message.contains("did not hear from you"));
    }

    private String outOfStockOrder() {
        String orderId = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        return orderId;
    }

}
