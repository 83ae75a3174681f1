package dev.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.support.OrderflowApi;
import jakarta.mail.BodyPart;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpMethod;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import dev.orderflow.support.ExpectedLogs;

/**
 * Customer e-mails through a real SMTP server (GreenMail): what each says, that each milestone mails once
 * whatever runs twice or stops halfway, and that nothing is lost while the server is down. The scheduled relay
 * is slowed to once an hour here; the tests run it themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:mail-tests;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        "camunda.bpm.generate-unique-process-engine-name=true",
        // Camunda's webapps keep static state per JVM: only the local-run test context may start them
        "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
        "orderflow.notifications.relay-interval=PT1H",
        "orderflow.notifications.retry-backoff=PT0.1S",
        "orderflow.notifications.max-retry-backoff=PT0.5S",
        // an HTTP courier as a shop configures one; the test changes an order's stored courier to it
        "orderflow.couriers.parcelco.base-url=http://127.0.0.1:9",
        "orderflow.couriers.parcelco.display-name=ParcelCo",
        "orderflow.couriers.parcelco.tracking-url=https://track.example/en/parcels?piececode={trackingNumber}",
        // the warehouse finds one unit too few of this SKU (a product only these tests create)
        "orderflow.simulation.pick-shortage-skus=SHORT-MAIL",
        "orderflow.shop.contact=help@shop.example"
})
class NotificationMailTests {

    /** the mail server fails on purpose: the relay's reports of it are expected */
    @RegisterExtension
    static final ExpectedLogs EXPECTED = ExpectedLogs.of("dev.orderflow.notification.NotificationRelay");

    /**
     * Started once before the application context (which reads its port below) and restarted by each test's
     * {@code reset()}; a restart may take another free port, which {@link #useTheMailServersPort} hands on.
     */
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    /** The mail server's host and a free port the system gave it: never SMTP's default port 25. */
    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.host", () -> "localhost");
        properties.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    private static final Path MAILS = Path.of("target", "mails");

    private static final Pattern TRACKING_LINK = Pattern.compile("https?://[^\\s\"<]+/track/[^\\s\"<]+");

    @Autowired
    TestRestTemplate http;

    @Autowired
    NotificationRelay relay;

    @Autowired
    NotificationService notifications;

    @Autowired
    OutboxRepository outbox;

    @Autowired
    MailTemplates templates;

    @Autowired
    OrderQueries orders;

    @Autowired
    OrderLifecycle lifecycle;

    @Autowired
    TaskService tasks;

    @Autowired
    IdentityService identity;

    @Autowired
    NotificationSender smtpSender;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    private OrderflowApi api;

    @Autowired
    JavaMailSenderImpl mailSender;

    @BeforeEach
    void connectApi() {
        useTheMailServersPort();
        api = new OrderflowApi(http, "storefront", "staff", "courier-secret");
        relay.relay();
        smtp.reset(); // a restart: the server may listen on another port now
        useTheMailServersPort();
    }

    @Test
    void orderFromPlacementToDeliveryMailsThreeTimesWithLinksThatOpenTheTrackingPage() throws Exception {
        // given
        String orderId = api.placed(OrderflowApi.order("BOTTLE-STEEL", 2, "19.95"));
        String tracking = (String) api.awaitStatus(orderId, "SHIPPED").get("trackingNumber");
        String event = "{\"eventId\":\"evt-mail-" + orderId + "\",\"type\":\"DELIVERED\",\"at\":\"2026-11-26T10:00:00Z\"}";
        assertThat(api.courierEvent(tracking, event).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.awaitStatus(orderId, "DELIVERED");

        // when
        relay.relay();

        // then
        List<MimeMessage> mails = mailsFor(orderId);
        assertThat(mails).extracting(NotificationMailTests::type).containsExactly("ORDER_CONFIRMED", "SHIPPED",
                "DELIVERED");
        assertThat(mails).allSatisfy(mail -> {
            assertThat(GreenMailUtil.getAddressList(mail.getAllRecipients())).isEqualTo("ada@example.com");
            assertThat(mail.getHeader(SmtpNotificationSender.ORDER_HEADER)[0]).isEqualTo(orderId);
        });
        assertThat(mails.get(0).getSubject()).isEqualTo("Your order is confirmed (SHOP-IT)");
        assertThat(text(mails.get(1))).contains("Courier: Simulated courier", tracking);
        assertThat(html(mails.get(0))).contains("2 × Steel water bottle 750 ml", "€39.90");
        assertThat(opens(link(html(mails.get(0))))).contains("data-status=\"DELIVERED\"");
        assertThat(notifications.forOrder(UUID.fromString(orderId))).extracting(NotificationView::state)
                .containsOnly("SENT");
    }

    @Test
    void shippedMailNamesAConfiguredCourierForPeopleAndLinksToItsTracking() {
        // given: an order with the courier parcelco (display name and tracking URL configured above)
        String orderId = api.placed(OrderflowApi.order("BOTTLE-STEEL", 1, "19.95"));
        api.awaitStatus(orderId, "SHIPPED");
        jdbc.sql("update customer_order set courier = 'parcelco', tracking_number = 'PC 0001/A' where id = :id")
                .param("id", UUID.fromString(orderId)).update();

        // when
        MailTemplates.Mail mail = templates.render(NotificationType.SHIPPED, orders.view(UUID.fromString(orderId)));

        // then: the display name, and the courier's page with the tracking number encoded into it, in both parts
        String link = "https://track.example/en/parcels?piececode=PC%200001%2FA";
        assertThat(mail.html()).contains("Courier: <strong>ParcelCo</strong>",
                "Tracking number: <strong>PC 0001/A</strong>",
                "<a href=\"" + link + "\" rel=\"noopener noreferrer\"", ">ParcelCo&#39;s tracking page</a>");
        assertThat(mail.text()).contains("Courier: ParcelCo", "Tracking number: PC 0001/A",
                "Follow your parcel on ParcelCo's tracking page: " + link);
        assertThat(mail.html() + mail.text()).as("the courier's configuration name").doesNotContain("parcelco");
    }

    @Test
    void shippedMailOfTheSimulatedCourierHasNoCourierLink() {
        // given
        String orderId = api.placed(OrderflowApi.order("BOTTLE-STEEL", 1, "19.95"));
        api.awaitStatus(orderId, "SHIPPED");

        // when
        MailTemplates.Mail mail = templates.render(NotificationType.SHIPPED, orders.view(UUID.fromString(orderId)));

        // then: its name for people; the only link is the one to our own tracking page
        assertThat(mail.text()).contains("Courier: Simulated courier").doesNotContain("tracking page:");
        assertThat(mail.html()).contains("Courier: <strong>Simulated courier</strong>")
                .doesNotContain("noopener", "tracking page</a>");
        // our tracking page and the shop's contact (orderflow.shop.contact, set above)
        assertThat(mail.html().split("<a ", -1)).as("links").hasSize(3);
        assertThat(mail.html().split("<a ", -1)).filteredOn(link -> link.contains("noopener")).isEmpty();
    }

    @Test
    void outOfStockThenRefundMailsConfirmationChoiceAndCancellationWithTheAmount() throws Exception {
        // given
        String orderId = api.placed(OrderflowApi.order("RUG-JUTE", 1, "129.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        relay.relay();
        MimeMessage outOfStock = mailsFor(orderId).get(1);

        // when: the customer follows the e-mail's refund link and confirms
        String refundLink = Arrays.stream(html(outOfStock).split("\"")).filter(part -> part.contains("choose=REFUND"))
                .findFirst().orElseThrow().replace("&amp;", "&");
        assertThat(opens(refundLink)).contains("To cancel and get your money back, please confirm");
        api.decideStock(orderId, "REFUND");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(orderId).get("refund") != null);
        relay.relay();

        // then
        List<MimeMessage> mails = mailsFor(orderId);
        assertThat(mails).extracting(NotificationMailTests::type).containsExactly("ORDER_CONFIRMED", "OUT_OF_STOCK",
                "CANCELLED");
        assertThat(text(outOfStock)).contains("Wait for restock: ", "choose=WAIT", "Cancel and refund: ");
        assertThat(text(mails.get(2))).contains("We have paid you back €129.00");
        assertThat(mails.get(2).getSubject()).isEqualTo("Your order was cancelled (SHOP-IT)");
    }

    @Test
    void everyMilestoneRendersWithLinesTotalsAndEscapedCustomerText() {
        // given: a customer who typed HTML into their name
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-02", 3, "14.90")
                .replace("Ada Lovelace", "Ada <b>Lovelace</b>"));
        var order = orders.view(UUID.fromString(orderId));

        for (NotificationType type : NotificationType.values()) {
            // when
            MailTemplates.Mail mail = templates.render(type, order);

            // then
            assertThat(mail.subject()).as(type.name()).endsWith("(SHOP-IT)").isNotBlank();
            assertThat(mail.html()).as(type.name()).contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;", "Eco mug, recycled ceramic",
                    "€44.70", order.trackingUrl()).doesNotContain("<b>Lovelace</b>");
            assertThat(mail.text()).as(type.name()).contains("Hello Ada <b>Lovelace</b>", "3 × Eco mug, recycled ceramic",
                    "Total: €44.70", "Follow your order: " + order.trackingUrl());
        }
    }

    @Test
    void aStepThatRunsTwiceMailsOnce() throws Exception {
        // given
        String orderId = api.placed(OrderflowApi.order("SOAP-OLIVE", 1, "4.90"));
        api.awaitStatus(orderId, "SHIPPED");

        // when: the same milestone is notified again, as a retried process step would
        notifications.enqueue(UUID.fromString(orderId), NotificationType.SHIPPED);
        notifications.enqueue(UUID.fromString(orderId), NotificationType.SHIPPED);
        relay.relay();
        relay.relay();

        // then
        assertThat(mailsFor(orderId)).extracting(NotificationMailTests::type).containsExactly("ORDER_CONFIRMED",
                "SHIPPED");
    }

    @Test
    void aRelayThatStopsBetweenSendingAndMarkingNeverSendsAgain() throws Exception {
        // given: a relay that dies right after the server accepted the mail
        String orderId = api.placed(OrderflowApi.order("CANDLE-SOY", 1, "11.00"));
        api.awaitStatus(orderId, "SHIPPED");
        NotificationRelay dying = relayWith(mail -> {
            smtpSender.send(mail);
            throw new IllegalStateException("relay killed after sending, before marking");
        }, Duration.ofMillis(200));
        dying.relay();
        assertThat(mailsFor(orderId)).hasSize(2);

        // when: the relay runs again, also after its claim went stale
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
        relayWith(smtpSender, Duration.ofMillis(200)).relay();

        // then: nothing is sent twice; the uncertain mails are reported for a person to check
        assertThat(mailsFor(orderId)).hasSize(2);
        assertThat(notifications.forOrder(UUID.fromString(orderId))).extracting(NotificationView::state)
                .containsOnly("FAILED");
        assertThat(OrderflowApi.internalNotes(api.getAsStaff(orderId), "message"))
                .anySatisfy(message -> assertThat(message).contains("it may have been sent"));
    }

    @Test
    void severalDueMailsGoOutWithOneClaimAndOneMarkPerBatch() throws Exception {
        // given: four shipped orders, so four confirmations due now and four shipping mails behind them
        List<String> orderIds = fourShippedOrders();
        CountingTransactions counted = new CountingTransactions(transactions);
        List<Map<String, String>> statesAtEachSend = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger others = new java.util.concurrent.atomic.AtomicInteger();
        NotificationRelay batching = relayWith(mail -> {
            if (orderIds.contains(mail.orderId().toString())) {
                statesAtEachSend.add(states(orderIds));
            } else {
                others.incrementAndGet(); // a mail an earlier test's order queued in the background
            }
            smtpSender.send(mail);
        }, Duration.ofMinutes(5), Duration.ofMillis(100), 10, counted);

        // when
        batching.relay();

        // then: every mail once, in its order's order
        for (String orderId : orderIds) {
            assertThat(mailsFor(orderId)).extracting(NotificationMailTests::type).containsExactly("ORDER_CONFIRMED",
                    "SHIPPED");
        }
        // the four confirmations were claimed together before the first went out ...
        assertThat(statesAtEachSend.get(0)).containsOnlyKeys(keys(orderIds)).satisfies(states -> orderIds
                .forEach(id -> assertThat(states).containsEntry(id + "/ORDER_CONFIRMED", "SENDING")
                        .containsEntry(id + "/SHIPPED", "PENDING")));
        // ... and marked sent together in the transaction that claimed the four shipping mails
        assertThat(statesAtEachSend.get(4)).satisfies(states -> orderIds
                .forEach(id -> assertThat(states).containsEntry(id + "/ORDER_CONFIRMED", "SENT")
                        .containsEntry(id + "/SHIPPED", "SENDING")));
        // stale-claim check, claim of 4, mark 4 and claim 4, mark 4 and find nothing due: 4 commits for 8 mails
        // (one claim and one mark per mail would be 1 + 8 + 1); another order's mail adds a batch at most
        assertThat(counted.commits.get()).isLessThanOrEqualTo(4 + others.get());
        assertThat(states(orderIds)).containsOnlyKeys(keys(orderIds)).allSatisfy((mail, state) -> assertThat(state)
                .isEqualTo("SENT"));
    }

    @Test
    void oneFailingMailInABatchIsRetriedAloneWhileTheOthersAreSent() throws Exception {
        // given: three shipped orders; the server turns down the second one's confirmation once, for a while
        List<String> orderIds = fourShippedOrders().subList(0, 3);
        String unlucky = orderIds.get(1);
        java.util.concurrent.atomic.AtomicBoolean refused = new java.util.concurrent.atomic.AtomicBoolean();
        NotificationSender busyOnce = mail -> {
            if (mail.orderId().toString().equals(unlucky) && refused.compareAndSet(false, true)) {
                throw new NotificationSender.DeliveryFailure("451 try again later", false, null);
            }
            smtpSender.send(mail);
        };

        // when: the retry is due only later
        relayWith(busyOnce, Duration.ofMinutes(5), Duration.ofHours(1), 10, transactions).relay();

        // then: the others are sent; the refused mail alone waits for its retry, and its order's next mail behind it
        assertThat(mailsFor(orderIds.get(0))).hasSize(2);
        assertThat(mailsFor(orderIds.get(2))).hasSize(2);
        assertThat(mailsFor(unlucky)).isEmpty();
        assertThat(jdbc.sql("select state, attempts, last_error from notification_outbox where order_id = :id and type = 'ORDER_CONFIRMED'")
                .param("id", UUID.fromString(unlucky)).query().singleRow())
                .containsEntry("STATE", "PENDING").containsEntry("ATTEMPTS", 1).containsEntry("LAST_ERROR", "451 try again later");

        // and when its retry falls due, it goes out once, then its order's next mail; nothing else again
        jdbc.sql("update notification_outbox set next_attempt_at = :now where order_id = :id")
                .param("now", OffsetDateTime.now(clock)).param("id", UUID.fromString(unlucky)).update();
        relayWith(busyOnce, Duration.ofMinutes(5), Duration.ofHours(1), 10, transactions).relay();
        assertThat(mailsFor(unlucky)).extracting(NotificationMailTests::type).containsExactly("ORDER_CONFIRMED",
                "SHIPPED");
        assertThat(mailsFor(orderIds.get(0))).hasSize(2);
        assertThat(mailsFor(orderIds.get(2))).hasSize(2);
    }

    @Test
    void aRelayKilledMidBatchLeavesAtMostOneBatchInDoubtAndSendsNothingTwice() throws Exception {
        // given: mails due; a relay claiming three at a time dies in the middle of a batch, after the server took
        // the batch's first mail and before it sent the second
        List<String> orderIds = fourShippedOrders();
        List<String> takenByTheServer = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        NotificationRelay dying = relayWith(mail -> {
            if (sends.incrementAndGet() == 2) {
                throw new KilledRelay();
            }
            smtpSender.send(mail);
            takenByTheServer.add(mail.orderId() + "/" + mail.type());
        }, Duration.ofMillis(200), Duration.ofMillis(100), 3, transactions);
        try {
            dying.relay();
        } catch (KilledRelay expected) {
            // the process ends here: what it knew about its batch is gone with it
        }
        List<String> inDoubt = jdbc.sql("select order_id, type from notification_outbox where state = 'SENDING'")
                .query((rs, n) -> rs.getObject("order_id", UUID.class) + "/" + rs.getString("type")).list();
        assertThat(inDoubt).as("claimed by the killed batch").hasSizeBetween(1, 3);

        // when: a relay starts again, after the claims went stale
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
        relayWith(smtpSender, Duration.ofMillis(200), Duration.ofMillis(100), 3, transactions).relay();

        // then: the batch's mails, at most three, are reported "may have been sent"; none is sent again, the one
        // the crash stopped before sending is not sent either; every other mail goes out once
        Map<String, String> states = states(orderIds);
        for (String orderId : orderIds) {
            List<String> received = mailsFor(orderId).stream().map(mail -> orderId + "/" + type(mail)).toList();
            assertThat(received).doesNotHaveDuplicates();
            for (String mail : keys(List.of(orderId))) {
                if (inDoubt.contains(mail)) {
                    assertThat(states).containsEntry(mail, "FAILED");
                    assertThat(received.contains(mail)).as(mail).isEqualTo(takenByTheServer.contains(mail));
                    assertThat(OrderflowApi.internalNotes(api.getAsStaff(orderId), "message"))
                            .anySatisfy(message -> assertThat(message).contains("it may have been sent"));
                } else {
                    assertThat(states).containsEntry(mail, "SENT");
                    assertThat(received).contains(mail);
                }
            }
        }
        assertThat(jdbc.sql("select count(*) from notification_outbox where state = 'SENDING'").query(Integer.class)
                .single()).isZero();
    }

    @Test
    void aSlowServerGetsTheBatchsUnsentMailsPutBackUncountedBeforeTheirClaimGoesStale() throws Exception {
        // given: a server that takes longer per mail than half the claim timeout
        List<String> orderIds = fourShippedOrders();
        Duration claimTimeout = Duration.ofMillis(400);
        List<Long> oldestClaimAtSendMillis = new java.util.ArrayList<>();
        NotificationRelay slow = relayWith(mail -> {
            oldestClaimAtSendMillis.add(oldestClaimAgeMillis(orderIds));
            smtpSender.send(mail);
            await().pollDelay(Duration.ofMillis(250)).atMost(Duration.ofSeconds(2)).until(() -> true);
        }, claimTimeout, Duration.ofMillis(100), 10, transactions);

        // when
        slow.relay();

        // then: every mail once, none given up as stale, no attempt counted for a mail put back unsent
        for (String orderId : orderIds) {
            assertThat(mailsFor(orderId)).extracting(NotificationMailTests::type).containsExactly("ORDER_CONFIRMED",
                    "SHIPPED");
        }
        assertThat(states(orderIds).values()).containsOnly("SENT");
        assertThat(jdbc.sql("select max(attempts) from notification_outbox where order_id in (:ids)")
                .param("ids", orderIds.stream().map(UUID::fromString).toList()).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(oldestClaimAtSendMillis).allSatisfy(age -> assertThat(age).isLessThan(claimTimeout.toMillis()));
    }

    @Test
    void mailsQueuedWhileTheServerIsDownArriveOnceItIsBack() throws Exception {
        // given: the mail server is down
        smtp.stop();
        String first = api.placed(OrderflowApi.order("TOWEL-LINEN", 1, "18.00"));
        String second = api.placed(OrderflowApi.order("BOARD-CHOP", 1, "34.00"));
        api.awaitStatus(first, "SHIPPED");
        api.awaitStatus(second, "SHIPPED");

        // when: the relay tries, fails, and tries again
        relay.relay();
        assertThat(notifications.forOrder(UUID.fromString(first))).extracting(NotificationView::state)
                .containsOnly("PENDING");
        smtp.start();
        useTheMailServersPort();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            relay.relay();
            assertThat(mailsFor(first)).hasSize(2);
            assertThat(mailsFor(second)).hasSize(2);
        });

        // then: each exactly once, in the order they happened
        relay.relay();
        assertThat(mailsFor(first)).extracting(NotificationMailTests::type).containsExactly("ORDER_CONFIRMED",
                "SHIPPED");
        assertThat(mailsFor(second)).extracting(NotificationMailTests::type).containsExactly("ORDER_CONFIRMED",
                "SHIPPED");
    }

    @Test
    void aMailWhoseRetryFallsDueLaterStillArrivesBeforeTheOrdersNextMail() throws Exception {
        // given: the confirmation failed during an outage and its next attempt is later than the shipping mail's
        smtp.stop();
        String orderId = api.placed(OrderflowApi.order("TOWEL-LINEN", 1, "18.00"));
        api.awaitStatus(orderId, "SHIPPED");
        relay.relay();
        smtp.start();
        useTheMailServersPort();
        jdbc.sql("update notification_outbox set next_attempt_at = :later where order_id = :orderId and type = :type")
                .param("later", OffsetDateTime.now(clock).plusHours(1)).param("orderId", UUID.fromString(orderId))
                .param("type", NotificationType.ORDER_CONFIRMED.name()).update();
        jdbc.sql("update notification_outbox set next_attempt_at = :now where order_id = :orderId and type = :type")
                .param("now", OffsetDateTime.now(clock)).param("orderId", UUID.fromString(orderId))
                .param("type", NotificationType.SHIPPED.name()).update();

        // when: the relay runs while only the shipping mail is due
        relay.relay();

        // then: the customer has no "shipped" mail before the confirmation
        assertThat(mailsFor(orderId)).isEmpty();

        // and when the confirmation falls due, both arrive, the confirmation first
        jdbc.sql("update notification_outbox set next_attempt_at = :now where order_id = :orderId")
                .param("now", OffsetDateTime.now(clock)).param("orderId", UUID.fromString(orderId)).update();
        relay.relay();
        assertThat(mailsFor(orderId)).extracting(NotificationMailTests::type).containsExactly("ORDER_CONFIRMED",
                "SHIPPED");
    }

    @Test
    void aMailThatCanNeverBeDeliveredFailsOnTheTimelineAndTheOrderGoesOn() {
        // given: a milestone mail to an address no server will take
        String orderId = api.placed(OrderflowApi.order("PEN-BAMBOO", 2, "2.50"));
        api.awaitStatus(orderId, "SHIPPED");
        var order = orders.view(UUID.fromString(orderId));
        outbox.insertIfAbsent(order.orderId(), NotificationType.DELIVERY_FAILED, "ada@@example..com",
                templates.render(NotificationType.DELIVERY_FAILED, order), OffsetDateTime.now(clock));

        // when
        relay.relay();

        // then
        assertThat(notifications.forOrder(order.orderId())).filteredOn(n -> n.type() == NotificationType.DELIVERY_FAILED)
                .extracting(NotificationView::state).containsExactly("FAILED");
        assertThat(OrderflowApi.internalNotes(api.getAsStaff(orderId), "message"))
                .anySatisfy(message -> assertThat(message).contains("Delivery attempt failed", "failed: invalid address"));
        assertThat(api.get(orderId)).containsEntry("status", "SHIPPED");
    }

    @Test
    void deliveryMilestonesMailNamesQuantitiesMoneyTheTimelinesWordsAndTheLinkInBothParts() throws Exception {
        // given: two products, a failed delivery attempt, then the delivery
        String orderId = api.placed(twoLines("SHOP-MAIL-1", "BOTTLE-STEEL", 2, "19.95", "CANDLE-SOY", 1, "11.00"));
        String tracking = (String) api.awaitStatus(orderId, "SHIPPED").get("trackingNumber");
        String failed = OrderflowApi.courierEventBody("evt-fail-" + orderId, "DELIVERY_FAILED", Instant.now().toString());
        assertThat(api.courierEvent(tracking, failed).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.notifications(orderId).size() == 3);
        String delivered = OrderflowApi.courierEventBody("evt-done-" + orderId, "DELIVERED", Instant.now().toString());
        assertThat(api.courierEvent(tracking, delivered).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.awaitStatus(orderId, "DELIVERED");

        // when
        relay.relay();

        // then
        Map<String, Object> order = staffView(orderId);
        List<MimeMessage> mails = mailsFor(orderId);
        assertThat(mails).extracting(NotificationMailTests::type).containsExactly("ORDER_CONFIRMED", "SHIPPED",
                "DELIVERY_FAILED", "DELIVERED");
        assertThat(mails.get(0).getSubject()).isEqualTo("Your order is confirmed (SHOP-MAIL-1)");
        assertThat(mails.get(1).getSubject()).isEqualTo("Your order has shipped (SHOP-MAIL-1)");
        assertThat(mails.get(2).getSubject()).isEqualTo("Delivery attempt failed (SHOP-MAIL-1)");
        assertThat(mails.get(3).getSubject()).isEqualTo("Your order was delivered (SHOP-MAIL-1)");
        for (MimeMessage mail : mails) {
            assertReadsWell(mail, order, List.of("2 × Steel water bottle 750 ml", "1 × Soy wax candle", "€39.90",
                    "€19.95 each", "€11.00", "€50.90"), List.of("BOTTLE-STEEL", "CANDLE-SOY"));
        }
        // courier and tracking number once (not again in a quote of the timeline's "Handed over to ..." entry)
        assertBothParts(mails.get(1), "Courier: ", "Tracking number: ", tracking);
        assertThat(text(mails.get(1))).contains("Tracking number: " + tracking);
        assertThat(text(mails.get(1)).split(Pattern.quote(tracking), -1)).as("tracking number once").hasSize(2);
        assertThat(text(mails.get(1))).doesNotContain(entered(order, "SHIPPED"));
        // a failed attempt: what happens next, what the customer can do, whom to contact
        assertBothParts(mails.get(2), "The courier tries again or leaves you a notice",
                "Please follow your parcel with the courier", "contact Orderflow demo shop");
        assertBothParts(mails.get(3), entered(order, "DELIVERED"));
        List<String> shippedNews = run(order, "SHIPPED").subList(1, run(order, "SHIPPED").size());
        assertThat(text(mails.get(2))).as("the courier's news, in the timeline's words")
                .containsAnyOf(shippedNews.toArray(String[]::new));
        assertThat(html(mails.get(2))).containsAnyOf(shippedNews.stream().map(NotificationMailTests::escaped)
                .toArray(String[]::new));
    }

    @Test
    void outOfStockWaitAndBackInStockMailTheChoiceWithItsDeadlineAndTheGoodNews() throws Exception {
        // given: a T-shirt that is out of stock; the customer waits; the shop restocks
        String orderId = api.placed(twoLines("SHOP-MAIL-2", "TSHIRT-ORG-L", 1, "24.00", "PEN-BAMBOO", 3, "2.50"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        assertThat(api.decideStock(orderId, "WAIT").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.awaitStatus(orderId, "AWAITING_RESTOCK");
        assertThat(api.restock("TSHIRT-ORG-L", 5).getStatusCode().is2xxSuccessful()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.notifications(orderId).stream()
                .anyMatch(mail -> "BACK_IN_STOCK".equals(mail.get("type"))));

        // when
        relay.relay();

        // then
        Map<String, Object> order = staffView(orderId);
        List<MimeMessage> mails = mailsFor(orderId);
        assertThat(mails).extracting(NotificationMailTests::type).startsWith("ORDER_CONFIRMED", "OUT_OF_STOCK",
                "BACK_IN_STOCK").as("the customer chose to wait: no mail repeats it").doesNotContain("WAITING_FOR_STOCK");
        for (MimeMessage mail : mails) {
            assertReadsWell(mail, order, List.of("1 × Organic cotton T-shirt L", "3 × Bamboo ballpoint pen", "€24.00", "€7.50",
                    "€2.50 each", "€31.50"), List.of("TSHIRT-ORG-L", "PEN-BAMBOO"));
        }
        MimeMessage outOfStock = mails.get(1);
        assertThat(outOfStock.getSubject()).isEqualTo("Part of your order is out of stock: wait or refund? (SHOP-MAIL-2)");
        // the deadline: to the minute, never an ISO instant; and what happens without an answer
        assertBothParts(outOfStock, "Wait for restock", "Cancel and refund", "choose=WAIT", "choose=REFUND",
                "Please choose by ", "If we do not hear from you by then, we cancel your order and pay you back in full.");
        assertThat(text(outOfStock)).containsPattern("Please choose by \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} UTC\\.");
        assertBothParts(mails.get(2), "Good news");
    }

    @Test
    void theWarehousesWaitAfterAPickShortageIsMailedWithTheDeadlineAndWhatHappensThen() throws Exception {
        // given: the warehouse finds one unit too few while picking
        jdbc.sql("""
                insert into product (sku, name, unit_price, weight_grams, length_mm, width_mm, height_mm, bin_location)
                select 'SHORT-MAIL', 'Short candle', 5.00, 100, 100, 100, 50, 'Z-98-98' from (values (1)) as one(x)
                 where not exists (select 1 from product where sku = 'SHORT-MAIL')
                """).update();
        jdbc.sql("""
                insert into stock (sku, on_hand, reserved) select 'SHORT-MAIL', 5, 0 from (values (1)) as one(x)
                 where not exists (select 1 from stock where sku = 'SHORT-MAIL')
                """).update();
        String orderId = api.placed(OrderflowApi.order("SHORT-MAIL", 1, "5.00"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(orderId).count() == 1);

        // when: the warehouse decides to wait for new stock
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(orderId).singleResult();
        tasks.claim(task.getId(), "warehouse");
        tasks.complete(task.getId(), Map.of("shortageDecision", "WAIT"));
        api.awaitStatus(orderId, "AWAITING_RESTOCK");
        relay.relay();

        // then: a mail says so, with the date until which it waits and what happens then, and whom to contact
        Map<String, Object> order = staffView(orderId);
        List<MimeMessage> mails = mailsFor(orderId);
        assertThat(mails).extracting(NotificationMailTests::type).containsExactly("ORDER_CONFIRMED",
                "WAITING_FOR_STOCK");
        MimeMessage waiting = mails.get(1);
        assertThat(waiting.getSubject()).isEqualTo("We are waiting for new stock (SHOP-IT)");
        assertReadsWell(waiting, order, List.of("1 × Short candle", "€5.00"), List.of("SHORT-MAIL"));
        assertBothParts(waiting, "we keep your order waiting for new stock until ",
                "As soon as the goods arrive, we send your order on and e-mail you.",
                "If they are not back by then, we cancel your order and pay you back in full.",
                entered(order, "AWAITING_RESTOCK"), "Kind regards,", "Orderflow demo shop");
        assertThat(text(waiting)).containsPattern("until \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} UTC\\.");
        api.cancel(orderId, "test done");
    }

    @Test
    void mailsNameTheShopInGreetingSignOffAndFooterWithItsContact() {
        // given
        String orderId = api.placed(OrderflowApi.order("BOTTLE-STEEL", 1, "19.95"));
        api.awaitStatus(orderId, "SHIPPED");

        // when
        MailTemplates.Mail mail = templates.render(NotificationType.DELIVERED, orders.view(UUID.fromString(orderId)));

        // then: the shop by name and how to reach it, in both parts; never "the shop where you ordered"
        assertThat(mail.text()).contains("Kind regards,\nOrderflow demo shop",
                "Questions? Contact Orderflow demo shop at help@shop.example and give your order reference SHOP-IT.",
                "You receive this e-mail because you placed an order with Orderflow demo shop.");
        assertThat(mail.html()).contains("<a href=\"mailto:help@shop.example\"", ">help@shop.example</a>",
                "placed an order with Orderflow demo shop.");
        assertThat(mail.html() + mail.text()).doesNotContain("the shop where you ordered", "an order with us");
    }

    @Test
    void anOrderWhoseEveryLineIsOutOfStockIsMailedAsYourOrder() {
        // given: only a product that is out of stock
        String orderId = api.placed(OrderflowApi.order("RUG-JUTE", 1, "129.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");

        // when
        MailTemplates.Mail mail = templates.render(NotificationType.OUT_OF_STOCK,
                orders.view(UUID.fromString(orderId)));

        // then
        assertThat(mail.subject()).isEqualTo("Your order is out of stock: wait or refund? (SHOP-IT)");
        assertThat(mail.text()).contains("Your order is out of stock", "What you ordered is not in stock just now.")
                .doesNotContain("Part of your order", "Some of what you ordered");
        api.cancel(orderId, "test done");
    }

    @Test
    void reviewAndCancellationMailsQuoteTheCustomersTimelineAndNeverTheStaffsNotes() throws Exception {
        // given: a price that differs from the catalog goes to review, and customer service cancels with a comment
        String orderId = api.placed(twoLines("SHOP-MAIL-3", "MUG-ECO-01", 2, "9.99", "SOAP-OLIVE", 1, "4.90"));
        Task review = await().atMost(Duration.ofSeconds(20)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(orderId).singleResult(), task -> task != null);
        // as customer service works in Tasklist: the user with their groups, which grant the task
        identity.setAuthentication("cs", identity.createGroupQuery().groupMember("cs").list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList());
        try {
            tasks.complete(review.getId(), Map.of("reviewDecision", "CANCEL",
                    "reviewComment", "Phoned Ada, she found it cheaper elsewhere"));
        } finally {
            identity.clearAuthentication();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> api.notifications(orderId).stream()
                .anyMatch(mail -> "CANCELLED".equals(mail.get("type"))));

        // when
        relay.relay();

        // then
        Map<String, Object> order = staffView(orderId);
        List<MimeMessage> mails = mailsFor(orderId);
        assertThat(mails).extracting(NotificationMailTests::type).containsExactly("ORDER_CONFIRMED", "REVIEW_STARTED",
                "CANCELLED");
        for (MimeMessage mail : mails) {
            assertReadsWell(mail, order, List.of("2 × Eco mug, bamboo fibre", "1 × Olive oil soap bar", "€19.98",
                    "€9.99 each", "€4.90", "€24.88"), List.of("MUG-ECO-01", "SOAP-OLIVE"));
        }
        assertBothParts(mails.get(1), "We are checking a detail of your order before it goes to our warehouse.");
        assertBothParts(mails.get(2), entered(order, "CANCELLED"), "We have paid you back €24.88");
        assertThat(mails.get(2).getSubject()).isEqualTo("Your order was cancelled (SHOP-MAIL-3)");
        // the clerk's comment and name are staff's: in the internal notes, in no mail
        assertThat(notes(order)).anySatisfy(note -> assertThat(note).contains("Phoned Ada").contains("cs"));
        for (MimeMessage mail : mails) {
            assertThat(text(mail) + html(mail)).doesNotContain("Phoned Ada").doesNotContain("cs:")
                    .doesNotContain("CANCEL (");
        }
    }

    /**
     * What every mail must do for the customer: an HTML and a plain-text alternative, both with {@code expected}
     * (names, quantities, money), the tracking link and the shop's reference; neither with a SKU of
     * {@code forbidden}, the order's id or any of its internal notes; and no markup in the text part.
     */
    private static void assertReadsWell(MimeMessage mail, Map<String, Object> order, List<String> expected,
            List<String> forbidden) throws Exception {
        String type = type(mail);
        Multipart alternative = alternative(mail);
        assertThat(alternative).as(type + ": multipart/alternative").isNotNull();
        assertThat(alternative.getCount()).as(type).isEqualTo(2);
        String text = text(mail);
        String html = html(mail);
        String link = (String) order.get("trackingUrl");
        String reference = (String) order.get("externalReference");
        // kept for a person to read (or open in a browser) after the build, like the browser tests' screenshots
        Files.createDirectories(MAILS);
        Files.writeString(MAILS.resolve(reference + "-" + type + ".html"), html);
        Files.writeString(MAILS.resolve(reference + "-" + type + ".txt"), text);
        assertThat(text).as(type + " text").contains(expected).contains(link, "Order " + reference,
                "Hello Ada Lovelace,");
        assertThat(html).as(type + " html").contains(expected).contains("href=\"" + escaped(link) + "\"", reference);
        for (String part : List.of(text, html)) {
            // the id is in the tracking link only, never in what the mail says
            assertThat(part.replace(link, "").replace(escaped(link), "")).as(type).doesNotContain(forbidden)
                    .doesNotContain(" EUR", (String) order.get("orderId"));
            for (String note : notes(order)) {
                assertThat(part).as(type + ": internal note").doesNotContain(note);
            }
        }
        assertThat(text).as(type + ": plain text, no markup").doesNotContainPattern("<[a-zA-Z/!][^>]*>")
                .doesNotContain("&amp;", "&lt;", "&gt;", "&nbsp;", "&#");
    }

    private static void assertBothParts(MimeMessage mail, String... expected) throws Exception {
        assertThat(text(mail)).as(type(mail) + " text").contains(expected);
        assertThat(html(mail)).as(type(mail) + " html")
                .contains(Arrays.stream(expected).map(NotificationMailTests::escaped).toArray(String[]::new));
    }

    /** The customer timeline's entry that brought the order into {@code status}: what the mail quotes. */
    private static String entered(Map<String, Object> order, String status) {
        return run(order, status).get(0);
    }

    /** The customer timeline's messages of the newest run of entries in {@code status}, oldest first. */
    @SuppressWarnings("unchecked")
    private static List<String> run(Map<String, Object> order, String status) {
        List<Map<String, Object>> timeline = (List<Map<String, Object>>) order.get("timeline");
        int end = timeline.size() - 1;
        while (end >= 0 && !status.equals(timeline.get(end).get("status"))) {
            end--;
        }
        int start = end;
        while (start > 0 && status.equals(timeline.get(start - 1).get("status"))) {
            start--;
        }
        assertThat(end).as("an entry in " + status).isNotNegative();
        return timeline.subList(start, end + 1).stream().map(entry -> (String) entry.get("message")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> notes(Map<String, Object> order) {
        List<Map<String, Object>> notes = (List<Map<String, Object>>) order.getOrDefault("internalNotes", List.of());
        return notes.stream().map(note -> (String) note.get("message")).toList();
    }

    /** As Thymeleaf writes text into HTML. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private Map<String, Object> staffView(String orderId) {
        return api.staff().exchange("/api/orders/" + orderId, HttpMethod.GET, null, OrderflowApi.JSON_OBJECT)
                .getBody();
    }

    private static String twoLines(String reference, String sku1, int quantity1, String price1, String sku2,
            int quantity2, String price2) {
        return OrderflowApi.order(sku1, quantity1, price1).replace("SHOP-IT", reference)
                .replace("\"lines\": [ {", "\"lines\": [ { \"sku\": \"%s\", \"quantity\": %d, \"unitPrice\": \"%s\" }, {"
                        .formatted(sku2, quantity2, price2));
    }

    private static Multipart alternative(MimeMessage mail) throws Exception {
        return alternative(mail.getContent());
    }

    private static Multipart alternative(Object content) throws Exception {
        if (content instanceof Multipart multipart) {
            if (multipart.getContentType().toLowerCase().startsWith("multipart/alternative")) {
                return multipart;
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                Multipart found = alternative(multipart.getBodyPart(i).getContent());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private NotificationRelay relayWith(NotificationSender sender, Duration claimTimeout) {
        return relayWith(sender, claimTimeout, Duration.ofMillis(100), 10, transactions);
    }

    private NotificationRelay relayWith(NotificationSender sender, Duration claimTimeout, Duration backoff,
            int batchSize, PlatformTransactionManager transactionManager) {
        return new NotificationRelay(outbox, sender, lifecycle, transactionManager, clock, backoff,
                backoff.multipliedBy(5), claimTimeout, batchSize);
    }

    /** Four orders placed and shipped, their confirmation and shipping mails queued and not yet sent. */
    private List<String> fourShippedOrders() {
        List<String> orderIds = List.of(api.placed(OrderflowApi.order("SOAP-OLIVE", 1, "4.90")),
                api.placed(OrderflowApi.order("CANDLE-SOY", 1, "11.00")),
                api.placed(OrderflowApi.order("TOWEL-LINEN", 1, "18.00")),
                api.placed(OrderflowApi.order("BOARD-CHOP", 1, "34.00")));
        orderIds.forEach(orderId -> api.awaitStatus(orderId, "SHIPPED"));
        // the shipping mail is queued by the step that ships, which may commit a moment after the status shows
        await().atMost(Duration.ofSeconds(10)).until(() -> states(orderIds).size() == 2 * orderIds.size());
        // these mails sort first among the due (before any mail an earlier test's order queues meanwhile)
        jdbc.sql("update notification_outbox set next_attempt_at = :earlier where order_id in (:ids)")
                .param("earlier", OffsetDateTime.now(clock).minusHours(1))
                .param("ids", orderIds.stream().map(UUID::fromString).toList()).update();
        return orderIds;
    }

    /** "orderId/TYPE" to the mail's state in the outbox. */
    private Map<String, String> states(List<String> orderIds) {
        Map<String, String> states = new java.util.TreeMap<>();
        jdbc.sql("select order_id, type, state from notification_outbox where order_id in (:ids)")
                .param("ids", orderIds.stream().map(UUID::fromString).toList())
                .query(rs -> {
                    states.put(rs.getObject("order_id", UUID.class) + "/" + rs.getString("type"), rs.getString("state"));
                });
        return states;
    }

    private static List<String> keys(List<String> orderIds) {
        return orderIds.stream().flatMap(id -> java.util.stream.Stream.of(id + "/ORDER_CONFIRMED", id + "/SHIPPED"))
                .toList();
    }

    /** How long ago the oldest claim still SENDING among these orders' mails was made (0 if none). */
    private long oldestClaimAgeMillis(List<String> orderIds) {
        OffsetDateTime oldest = jdbc.sql("""
                select min(claimed_at) from notification_outbox where state = 'SENDING' and order_id in (:ids)
                """).param("ids", orderIds.stream().map(UUID::fromString).toList())
                .query(OffsetDateTime.class).optional().orElse(null);
        return oldest == null ? 0 : Duration.between(oldest, OffsetDateTime.now(clock)).toMillis();
    }

    /** Stands for the relay's process being killed: nothing in the relay catches it. */
    private static final class KilledRelay extends Error {
    }

    /** Counts the commits of the transactions it runs. */
    private static final class CountingTransactions implements PlatformTransactionManager {
        final java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        private final PlatformTransactionManager delegate;

        CountingTransactions(PlatformTransactionManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public org.springframework.transaction.TransactionStatus getTransaction(
                org.springframework.transaction.TransactionDefinition definition) {
            return delegate.getTransaction(definition);
        }

        @Override
        public void commit(org.springframework.transaction.TransactionStatus status) {
            commits.incrementAndGet();
            delegate.commit(status);
        }

        @Override
        public void rollback(org.springframework.transaction.TransactionStatus status) {
            delegate.rollback(status);
        }
    }

    private List<MimeMessage> mailsFor(String orderId) throws Exception {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(mail -> {
                    try {
                        return orderId.equals(mail.getHeader(SmtpNotificationSender.ORDER_HEADER)[0]);
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }

    private String opens(String link) {
        String path = link.substring(link.indexOf("/track/"));
        ResponseEntity<String> page = http.getForEntity(path, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        return page.getBody();
    }

    private static String link(String html) {
        Matcher matcher = TRACKING_LINK.matcher(html);
        assertThat(matcher.find()).isTrue();
        return matcher.group().replace("&amp;", "&");
    }

    private static String type(MimeMessage mail) {
        try {
            return mail.getHeader(SmtpNotificationSender.TYPE_HEADER)[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage mail) throws Exception {
        return part(mail, "text/plain");
    }

    private static String html(MimeMessage mail) throws Exception {
        return part(mail, "text/html");
    }

    private static String part(MimeMessage mail, String type) throws Exception {
        Multipart mixed = (Multipart) mail.getContent();
        for (int i = 0; i < mixed.getCount(); i++) {
            String found = find(mixed.getBodyPart(i), type);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String find(BodyPart part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart inner) {
            for (int i = 0; i < inner.getCount(); i++) {
                String found = find(inner.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** GreenMail listens on a port the system chose when it started; the service sends there. */
    private void useTheMailServersPort() {
        mailSender.setPort(smtp.getSmtp().getPort());
    }
}
