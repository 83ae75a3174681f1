package dev.orderflow.shipping;

import static dev.orderflow.support.OrderflowApi.courierEventBody;
import static dev.orderflow.support.OrderflowApi.internalNotes;
import static dev.orderflow.support.OrderflowApi.order;
import static dev.orderflow.support.OrderflowApi.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.support.PostgresIntegrationTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import dev.orderflow.support.ExpectedLogs;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No accepted courier event is lost, and none reads as news when it is old: events that arrive before the order
 * waits for them (handoff or redelivery still being retried), during the delivery investigation, after the
 * delivery, for cancelled orders, twice at once, and at the very moment the process reaches its delivery wait.
 * The real engine and job executor on PostgreSQL; the simulated courier can be taken down per test.
 */
@TestPropertySource(properties = "orderflow.retry-cycle=R1/PT0.2S")
class CourierEventsOnPostgresTests extends PostgresIntegrationTest {

    /** the courier is down on purpose: the job executor's reports of failed bookings are expected */
    @RegisterExtension
    static final ExpectedLogs EXPECTED = ExpectedLogs.of("org.camunda.bpm.engine.jobexecutor");

    private static final Instant NOW = Instant.now();

    @MockitoSpyBean
    CourierPort courier;

    @Autowired
    ShippingService shipping;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    TaskService tasks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private volatile boolean courierDown;

    @BeforeEach
    void courierAnswersUnlessTakenDown() {
        doAnswer(call -> {
            if (courierDown) {
                throw new CourierUnavailableException("test: the courier is down");
            }
            return call.callRealMethod();
        }).when(courier).bookPickup(any(), any());
        doAnswer(call -> {
            if (courierDown) {
                throw new CourierUnavailableException("test: the courier is down");
            }
            return call.callRealMethod();
        }).when(courier).requestRedelivery(any(), any());
    }

    @AfterEach
    void courierBack() {
        courierDown = false;
    }

    @Test
    void deliveryReportedWhileTheHandoffIsRetriedEndsTheOrderDeliveredOnceItGoesThrough() {
        // given: booking the pickup fails until the retries run out (an incident for operations)
        Parcel parcel = packedWhileTheCourierIsDown();

        // when: the courier has the parcel anyway and reports pick-up, transit and delivery
        assertThat(post(parcel, "evt-1", "PICKED_UP", NOW.minusSeconds(3 * 3600))).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post(parcel, "evt-2", "IN_TRANSIT", NOW.minusSeconds(2 * 3600))).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post(parcel, "evt-3", "DELIVERED", NOW.minusSeconds(3600))).isEqualTo(HttpStatus.ACCEPTED);

        // then: kept, not yet news
        Map<String, Object> packed = api.get(parcel.orderId());
        assertThat(packed).containsEntry("status", "PACKED");
        assertThat(timeline(packed, "message")).noneMatch(CourierEventsOnPostgresTests::fromTheCourier);

        // when: operations retry the handoff (Cockpit's "Retry"), the courier answers again
        courierDown = false;
        management.setJobRetries(incidentOf(parcel).getConfiguration(), 1);

        // then: shipped and delivered, in the courier's order, and nobody is asked to investigate
        Map<String, Object> delivered = api.awaitStatus(parcel.orderId(), "DELIVERED");
        assertThat(timeline(delivered, "message")).filteredOn(m -> m.startsWith("Handed over") || fromTheCourier(m)
                || m.startsWith("Delivered")).extracting(m -> m.replaceAll(" \\(.*", ""))
                .containsExactly("Handed over to Simulated courier, tracking number " + parcel.trackingNumber(),
                        "Picked up by the courier", "In transit", "Delivered");
        // one entry for the delivery, written by the order's lifecycle with the courier's time (issue #14)
        assertThat(timeline(delivered, "message")).filteredOn(m -> m.startsWith("Delivered"))
                .singleElement(STRING)
                .endsWith(", reported by the courier)");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(parcel.orderId()).count()).isZero();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(parcel.orderId()).count()).isZero();
        awaitNotifications(parcel, "ORDER_CONFIRMED", "SHIPPED", "DELIVERED");
        assertThat(inboxStates(parcel)).containsOnly("APPLIED");
    }

    @Test
    void failedAttemptThenDeliveryWhileTheHandoffIsRetriedEndsDeliveredWithoutAFailureMail() {
        // given
        Parcel parcel = packedWhileTheCourierIsDown();
        post(parcel, "evt-1", "DELIVERY_FAILED", NOW.minusSeconds(2 * 3600));
        post(parcel, "evt-2", "DELIVERED", NOW.minusSeconds(3600));

        // when
        courierDown = false;
        management.setJobRetries(incidentOf(parcel).getConfiguration(), 1);

        // then: the failed attempt is history before the delivery; the customer only hears the news that holds
        Map<String, Object> delivered = api.awaitStatus(parcel.orderId(), "DELIVERED");
        List<String> messages = timeline(delivered, "message");
        assertThat(messages.indexOf(find(messages, "Delivery attempt failed")))
                .isLessThan(messages.indexOf(find(messages, "Delivered")));
        awaitNotifications(parcel, "ORDER_CONFIRMED", "SHIPPED", "DELIVERED");
    }

    @Test
    void failedAttemptWhileTheHandoffIsRetriedIsToldOnceTheOrderShips() {
        // given
        Parcel parcel = packedWhileTheCourierIsDown();
        post(parcel, "evt-1", "DELIVERY_FAILED", NOW.minusSeconds(600));

        // when
        courierDown = false;
        management.setJobRetries(incidentOf(parcel).getConfiguration(), 1);

        // then: the customer is told, and the order waits for the next attempt
        awaitNotifications(parcel, "ORDER_CONFIRMED", "SHIPPED", "DELIVERY_FAILED");
        assertThat(api.get(parcel.orderId())).containsEntry("status", "SHIPPED");
        assertThat(waitsForDelivery(parcel)).isTrue();

        // when: the next attempt succeeds
        post(parcel, "evt-2", "DELIVERED", NOW);

        // then
        api.awaitStatus(parcel.orderId(), "DELIVERED");
    }

    @Test
    void eventsOlderThanTheDeliveryOrAfterItChangeNothingAndStayOffTheTimeline() {
        // given: delivered
        Parcel parcel = shipped();
        post(parcel, "evt-3", "DELIVERED", NOW.minusSeconds(3600));
        Map<String, Object> delivered = api.awaitStatus(parcel.orderId(), "DELIVERED");
        awaitNotifications(parcel, "ORDER_CONFIRMED", "SHIPPED", "DELIVERED");

        // when: late webhook calls about earlier moments, and a contradicting one about a later moment
        assertThat(post(parcel, "evt-2", "IN_TRANSIT", NOW.minusSeconds(2 * 3600))).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post(parcel, "evt-f", "DELIVERY_FAILED", NOW.minusSeconds(5400))).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post(parcel, "evt-1", "PICKED_UP", NOW.minusSeconds(3 * 3600))).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post(parcel, "evt-4", "DELIVERY_FAILED", NOW)).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post(parcel, "evt-5", "DELIVERED", NOW)).isEqualTo(HttpStatus.ACCEPTED);

        // then: nothing changed, no news, no mail
        Map<String, Object> after = api.get(parcel.orderId());
        assertThat(after).containsEntry("status", "DELIVERED");
        assertThat(after.get("timeline")).isEqualTo(delivered.get("timeline"));
        awaitNotifications(parcel, "ORDER_CONFIRMED", "SHIPPED", "DELIVERED");
        assertThat(inboxStates(parcel)).containsExactly("APPLIED", "IGNORED", "IGNORED", "IGNORED", "IGNORED",
                "IGNORED");
    }

    @Test
    void transitReportOlderThanAFailedAttemptIsNotNews() {
        // given: the customer heard of a failed attempt at -1 h
        Parcel parcel = shipped();
        post(parcel, "evt-2", "DELIVERY_FAILED", NOW.minusSeconds(3600));
        awaitNotifications(parcel, "ORDER_CONFIRMED", "SHIPPED", "DELIVERY_FAILED");
        List<String> before = timeline(api.get(parcel.orderId()), "message");

        // when: the courier's report of -2 h arrives late
        post(parcel, "evt-1", "IN_TRANSIT", NOW.minusSeconds(2 * 3600));

        // then
        assertThat(timeline(api.get(parcel.orderId()), "message")).isEqualTo(before);
    }

    @Test
    void deliveryReportedDuringTheInvestigationClosesItAndEndsTheOrderDelivered() {
        // given: nothing heard by the deadline, customer service investigates
        Parcel parcel = shipped();
        management.executeJob(job(parcel, Elements.TIMER_DELIVERY_OVERDUE).getId());
        assertThat(investigation(parcel)).isEqualTo(1);

        // when: the courier reports a failed attempt, then the delivery
        assertThat(post(parcel, "evt-1", "DELIVERY_FAILED", NOW.minusSeconds(600))).isEqualTo(HttpStatus.ACCEPTED);

        // then: the investigator sees it on the timeline; the decision stays theirs
        assertThat(timeline(api.get(parcel.orderId()), "message")).anyMatch(m -> m.startsWith("Delivery attempt failed"));
        assertThat(investigation(parcel)).isEqualTo(1);

        // when
        assertThat(post(parcel, "evt-2", "DELIVERED", NOW)).isEqualTo(HttpStatus.ACCEPTED);

        // then
        assertThat(api.get(parcel.orderId())).containsEntry("status", "DELIVERED");
        assertThat(investigation(parcel)).isZero();
        awaitNotifications(parcel, "ORDER_CONFIRMED", "SHIPPED", "DELIVERED");
    }

    @Test
    void investigationFindingItDeliveredIsOneEntryWithWhoDecided() {
        // given: nothing heard by the deadline, customer service investigates
        Parcel parcel = shipped();
        management.executeJob(job(parcel, Elements.TIMER_DELIVERY_OVERDUE).getId());
        String task = tasks.createTaskQuery().processInstanceBusinessKey(parcel.orderId()).singleResult().getId();

        // when: the customer confirms it arrived
        tasks.claim(task, "cs");
        tasks.complete(task, Map.of(Variables.INVESTIGATION_OUTCOME, "DELIVERED"));

        // then: the task's opening is the overdue delivery's entry; the decision goes with the delivery (for staff)
        api.awaitStatus(parcel.orderId(), "DELIVERED");
        Map<String, Object> delivered = api.getAsStaff(parcel.orderId());
        List<String> messages = timeline(delivered, "message");
        String overdue = "Your parcel is taking longer than expected: we are looking into it.";
        assertThat(messages.subList(messages.indexOf(overdue), messages.size())).containsExactly(overdue, "Delivered");
        List<String> notes = internalNotes(delivered, "message");
        assertThat(notes.subList(notes.indexOf("Task 'Investigate delivery' opened for staff"), notes.size()))
                .containsExactly("Task 'Investigate delivery' opened for staff",
                        "'Investigate delivery' completed by cs: DELIVERED");
    }

    @Test
    void failedAttemptFromBeforeARedeliveryIsOldNewsAndADeliveryDuringItEndsDelivered() {
        // given: customer service chose to reship, and the courier is down while the redelivery is arranged
        Parcel parcel = shipped();
        management.executeJob(job(parcel, Elements.TIMER_DELIVERY_OVERDUE).getId());
        courierDown = true;
        String task = tasks.createTaskQuery().processInstanceBusinessKey(parcel.orderId()).singleResult().getId();
        tasks.complete(task, Map.of(Variables.INVESTIGATION_OUTCOME, "RESHIP"));
        Incident incident = awaitIncident(parcel);
        assertThat(incident.getActivityId()).isEqualTo(Elements.TASK_ARRANGE_REDELIVERY);

        // when: a failed attempt of the first delivery arrives, then the courier delivers after all
        assertThat(post(parcel, "evt-1", "DELIVERY_FAILED", Instant.now())).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post(parcel, "evt-2", "DELIVERED", Instant.now())).isEqualTo(HttpStatus.ACCEPTED);
        courierDown = false;
        management.setJobRetries(incident.getConfiguration(), 1);

        // then: delivered once the redelivery step went through; the old failure was not news
        Map<String, Object> delivered = api.awaitStatus(parcel.orderId(), "DELIVERED");
        assertThat(timeline(delivered, "message")).noneMatch(m -> m.startsWith("Delivery attempt failed"));
        awaitNotifications(parcel, "ORDER_CONFIRMED", "SHIPPED", "DELIVERED");
    }

    @Test
    void failedAttemptAfterARedeliveryWasArrangedIsNews() {
        // given
        Parcel parcel = shipped();
        management.executeJob(job(parcel, Elements.TIMER_DELIVERY_OVERDUE).getId());
        String task = tasks.createTaskQuery().processInstanceBusinessKey(parcel.orderId()).singleResult().getId();
        tasks.complete(task, Map.of(Variables.INVESTIGATION_OUTCOME, "RESHIP"));
        await().atMost(Duration.ofSeconds(30)).until(() -> waitsForDelivery(parcel));
        // the decision and the redelivery it arranged are one internal note; the customer reads a plain line
        Map<String, Object> redelivering = api.getAsStaff(parcel.orderId());
        assertThat(internalNotes(redelivering, "message")).filteredOn(m -> m.contains("RESHIP")
                || m.startsWith("Redelivery arranged")).singleElement(STRING).startsWith("Redelivery arranged with the")
                .endsWith(": 'Investigate delivery' completed by an unknown user: RESHIP");
        assertThat(timeline(redelivering, "message")).contains("The courier will deliver your parcel again.")
                .noneMatch(m -> m.contains("RESHIP") || m.startsWith("Redelivery arranged"));

        // when
        post(parcel, "evt-1", "DELIVERY_FAILED", Instant.now());

        // then
        awaitNotifications(parcel, "ORDER_CONFIRMED", "SHIPPED", "DELIVERY_FAILED");
    }

    @Test
    void eventsForAnOrderCancelledBeforeHandoffChangeNothing() {
        // given: labelled, the handoff stuck, and the customer cancelled
        Parcel parcel = packedWhileTheCourierIsDown();
        assertThat(api.cancel(parcel.orderId(), "found it cheaper").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> cancelled = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(parcel.orderId()), order -> order.get("refund") != null);

        // when: the courier reports on the parcel all the same
        assertThat(post(parcel, "evt-1", "PICKED_UP", NOW.minusSeconds(60))).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post(parcel, "evt-2", "DELIVERED", NOW)).isEqualTo(HttpStatus.ACCEPTED);

        // then: kept, and nothing changed
        Map<String, Object> after = api.get(parcel.orderId());
        assertThat(after).containsEntry("status", "CANCELLED");
        assertThat(after.get("timeline")).isEqualTo(cancelled.get("timeline"));
        assertThat(inboxStates(parcel)).containsExactly("IGNORED", "IGNORED");
    }

    @Test
    void cancellationAfterTheCourierReportedOnTheParcelIsRefusedWhileTheHandoffIsRetried() {
        // given: the handoff is stuck, but the courier picked the parcel up
        Parcel parcel = packedWhileTheCourierIsDown();
        post(parcel, "evt-1", "PICKED_UP", NOW.minusSeconds(60));

        // when
        ResponseEntity<String> cancellation = api.cancel(parcel.orderId(), "changed my mind");

        // then: it is with the courier, as after the handoff
        assertThat(cancellation.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(api.get(parcel.orderId())).containsEntry("status", "PACKED");

        // when: the handoff goes through
        courierDown = false;
        management.setJobRetries(incidentOf(parcel).getConfiguration(), 1);

        // then
        Map<String, Object> shipped = api.awaitStatus(parcel.orderId(), "SHIPPED");
        assertThat(timeline(shipped, "message")).anyMatch(m -> m.startsWith("Picked up by the courier"));
    }

    @Test
    void deliveryReportedAfterTheParcelWasDeclaredLostChangesNothing() {
        // given: investigated and refunded as lost
        Parcel parcel = shipped();
        management.executeJob(job(parcel, Elements.TIMER_DELIVERY_OVERDUE).getId());
        String task = tasks.createTaskQuery().processInstanceBusinessKey(parcel.orderId()).singleResult().getId();
        tasks.complete(task, Map.of(Variables.INVESTIGATION_OUTCOME, "REFUND"));
        Map<String, Object> cancelled = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(parcel.orderId()), order -> order.get("refund") != null);
        // the decision is the cancellation's internal note; the customer reads why in plain words
        assertThat(timeline(cancelled, "message")).filteredOn(m -> m.contains("REFUND") || m.startsWith("Cancelled"))
                .containsExactly("Cancelled: the courier lost your parcel. You get a full refund.");
        assertThat(internalNotes(api.getAsStaff(parcel.orderId()), "message"))
                .contains("'Investigate delivery' completed by an unknown user: REFUND");

        // when
        assertThat(post(parcel, "evt-1", "DELIVERED", NOW)).isEqualTo(HttpStatus.ACCEPTED);

        // then
        Map<String, Object> after = api.get(parcel.orderId());
        assertThat(after).containsEntry("status", "CANCELLED").containsEntry("cancellationReason", "PARCEL_LOST");
        assertThat(after.get("timeline")).isEqualTo(cancelled.get("timeline"));
    }

    @Test
    void theSameEventPostedManyTimesAtOnceTakesEffectOnce() throws Exception {
        // given
        Parcel parcel = shipped();
        String transit = courierEventBody("evt-1", "IN_TRANSIT", NOW.minusSeconds(60).toString());
        String delivered = courierEventBody("evt-2", "DELIVERED", NOW.toString());

        // when: the courier's retries overlap
        List<HttpStatus> answers = atOnce(8, () -> api.courierEvent(parcel.trackingNumber(), transit));
        answers.addAll(atOnce(8, () -> api.courierEvent(parcel.trackingNumber(), delivered)));

        // then
        assertThat(answers).containsOnly(HttpStatus.ACCEPTED);
        Map<String, Object> order = api.awaitStatus(parcel.orderId(), "DELIVERED");
        assertThat(timeline(order, "message")).filteredOn(m -> m.startsWith("In transit")).hasSize(1);
        assertThat(timeline(order, "message")).filteredOn(m -> m.startsWith("Delivered")).singleElement(STRING)
                .startsWith("Delivered (").endsWith(", reported by the courier)");
    }

    @Test
    void deliveryStoredJustBeforeTheProcessReachesItsWaitIsAppliedThere() throws Exception {
        // given: the handoff is stuck; the webhook call gets the parcel first, the retried handoff queues behind it
        Parcel parcel = packedWhileTheCourierIsDown();
        courierDown = false;
        Job handoff = job(parcel, Elements.TASK_HAND_OVER_TO_COURIER);
        try (ParcelLock lock = new ParcelLock(parcel)) {
            var webhook = CompletableFuture.supplyAsync(() -> post(parcel, "evt-1", "DELIVERED", NOW));
            lock.awaitWaiters(1);
            var step = CompletableFuture.runAsync(() -> management.executeJob(handoff.getId()));
            lock.awaitWaiters(2);

            // when: both go on, the webhook first
            lock.release();

            // then
            assertThat(webhook.get()).isEqualTo(HttpStatus.ACCEPTED);
            step.get();
        }
        api.awaitStatus(parcel.orderId(), "DELIVERED");
        assertThat(inboxStates(parcel)).containsOnly("APPLIED");
    }

    @Test
    void deliveryPostedWhileTheProcessReachesItsWaitFindsItWaiting() throws Exception {
        // given: the retried handoff gets the parcel first, the webhook call queues behind it
        Parcel parcel = packedWhileTheCourierIsDown();
        courierDown = false;
        Job handoff = job(parcel, Elements.TASK_HAND_OVER_TO_COURIER);
        try (ParcelLock lock = new ParcelLock(parcel)) {
            var step = CompletableFuture.runAsync(() -> management.executeJob(handoff.getId()));
            lock.awaitWaiters(1);
            var webhook = CompletableFuture.supplyAsync(() -> post(parcel, "evt-1", "DELIVERED", NOW));
            lock.awaitWaiters(2);

            // when: both go on, the process first
            lock.release();

            // then
            step.get();
            assertThat(webhook.get()).isEqualTo(HttpStatus.ACCEPTED);
        }
        api.awaitStatus(parcel.orderId(), "DELIVERED");
        assertThat(inboxStates(parcel)).containsOnly("APPLIED");
    }

    /** An order with the courier. */
    private record Parcel(String orderId, String trackingNumber) {
    }

    private Parcel shipped() {
        String orderId = api.placed(order("PEN-BAMBOO", 1, "2.50"));
        return new Parcel(orderId, (String) api.awaitStatus(orderId, "SHIPPED").get("trackingNumber"));
    }

    /** Labelled and packed; the pickup booking failed until its retries ran out. */
    private Parcel packedWhileTheCourierIsDown() {
        courierDown = true;
        String orderId = api.placed(order("PEN-BAMBOO", 1, "2.50"));
        Parcel parcel = new Parcel(orderId, null);
        Incident incident = awaitIncident(parcel);
        assertThat(incident.getActivityId()).isEqualTo(Elements.TASK_HAND_OVER_TO_COURIER);
        return new Parcel(orderId, shipping.shipment(UUID.fromString(orderId)).orElseThrow().trackingNumber());
    }

    private Incident awaitIncident(Parcel parcel) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> incidentOf(parcel), found -> found != null);
    }

    private Incident incidentOf(Parcel parcel) {
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(parcel.orderId()).singleResult();
        return instance == null ? null
                : runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    }

    private Job job(Parcel parcel, String activityId) {
        return management.createJobQuery().processInstanceId(runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(parcel.orderId()).singleResult().getId()).activityId(activityId)
                .singleResult();
    }

    private long investigation(Parcel parcel) {
        return tasks.createTaskQuery().processInstanceBusinessKey(parcel.orderId())
                .taskDefinitionKey(Elements.USER_TASK_INVESTIGATE_DELIVERY).count();
    }

    private boolean waitsForDelivery(Parcel parcel) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(parcel.orderId())
                .activityId(Elements.GATEWAY_AWAIT_DELIVERY).count() > 0;
    }

    private HttpStatus post(Parcel parcel, String eventId, String type, Instant at) {
        ResponseEntity<String> answer = api.courierEvent(parcel.trackingNumber(),
                courierEventBody(eventId, type, at.toString()));
        return HttpStatus.valueOf(answer.getStatusCode().value());
    }

    private void awaitNotifications(Parcel parcel, String... types) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(api.notifications(parcel.orderId()))
                .extracting(n -> n.get("type")).containsExactly((Object[]) types));
    }

    private List<String> inboxStates(Parcel parcel) {
        return jdbc.sql("select state from courier_event_inbox where tracking_number = :trackingNumber"
                + " order by received_at, event_id").param("trackingNumber", parcel.trackingNumber())
                .query(String.class).list();
    }

    private static boolean fromTheCourier(String message) {
        return message.startsWith("Picked up") || message.startsWith("In transit")
                || message.startsWith("Delivery attempt failed") || message.startsWith("Delivered (");
    }

    private static String find(List<String> messages, String prefix) {
        return messages.stream().filter(m -> m.startsWith(prefix)).findFirst().orElseThrow();
    }

    private static List<HttpStatus> atOnce(int times, java.util.function.Supplier<ResponseEntity<String>> call)
            throws Exception {
        ExecutorService couriers = Executors.newFixedThreadPool(times);
        try {
            List<Future<ResponseEntity<String>>> calls = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                calls.add(couriers.submit(call::get));
            }
            List<HttpStatus> answers = new ArrayList<>();
            for (var answer : calls) {
                answers.add(HttpStatus.valueOf(answer.get().getStatusCode().value()));
            }
            return answers;
        } finally {
            couriers.shutdown();
        }
    }

    /**
     * Holds the parcel's shipment row lock in a transaction of the test's own, so that the webhook call and the
     * process step line up behind it in a chosen order (PostgreSQL grants a row lock to its waiters in turn).
     */
    private final class ParcelLock implements AutoCloseable {

        private final Connection connection;

        ParcelLock(Parcel parcel) throws Exception {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(
                    "select 1 from shipment where tracking_number = ? for update")) {
                lock.setString(1, parcel.trackingNumber());
                lock.executeQuery().close();
            }
        }

        void awaitWaiters(int count) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql("""
                    select count(*) from pg_stat_activity
                     where datname = current_database() and wait_event_type = 'Lock' and query like '%shipment%'
                    """).query(Integer.class).single() >= count);
        }

        void release() throws Exception {
            connection.rollback();
        }

        @Override
        public void close() throws Exception {
            connection.rollback();
            connection.close();
        }
    }
}
