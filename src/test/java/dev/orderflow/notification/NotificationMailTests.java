package dev.orderflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.support.OrderflowApi;
import jakarta.mail.BodyPart;
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
        "orderflow.notifications.max-retry-backoff=PT0.5S"
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
    InventoryService inventory;

    @Autowired
    OrderLifecycle lifecycle;

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
        assertThat(text(mails.get(1))).contains("simulated", tracking);
        assertThat(html(mails.get(0))).contains("Steel water bottle", "39.90 EUR");
        assertThat(opens(link(html(mails.get(0))))).contains("data-status=\"DELIVERED\"");
        assertThat(notifications.forOrder(UUID.fromString(orderId))).extracting(NotificationView::state)
                .containsOnly("SENT");
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
        assertThat(text(mails.get(2))).contains("We have refunded 129.00 EUR");
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
            MailTemplates.Mail mail = templates.render(type, order, products(order));

            // then
            assertThat(mail.subject()).as(type.name()).endsWith("(SHOP-IT)").isNotBlank();
            assertThat(mail.html()).as(type.name()).contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;", "Eco mug, recycled ceramic",
                    "44.70 EUR", order.trackingUrl()).doesNotContain("<b>Lovelace</b>");
            assertThat(mail.text()).as(type.name()).contains("Hello Ada <b>Lovelace</b>", "3 x Eco mug, recycled ceramic",
                    "Total  44.70 EUR", "Follow your order: " + order.trackingUrl());
        }
    }

    @Test
    void aStepThatRunsTwiceMailsOnce() throws Exception {
        // given
        String orderId = api.placed(OrderflowApi.order("SOAP-OLIVE", 1, "4.90"));
        api.awaitStatus(orderId, "SHIPPED");

        // when: the same milestone is notified again, as a retried process step would
        var order = orders.forFulfillment(UUID.fromString(orderId));
        notifications.enqueue(order, products(order), NotificationType.SHIPPED);
        notifications.enqueue(order, products(order), NotificationType.SHIPPED);
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
                templates.render(NotificationType.DELIVERY_FAILED, order, products(order)), OffsetDateTime.now(clock));

        // when
        relay.relay();

        // then
        assertThat(notifications.forOrder(order.orderId())).filteredOn(n -> n.type() == NotificationType.DELIVERY_FAILED)
                .extracting(NotificationView::state).containsExactly("FAILED");
        assertThat(OrderflowApi.internalNotes(api.getAsStaff(orderId), "message"))
                .anySatisfy(message -> assertThat(message).contains("Delivery attempt failed", "failed: invalid address"));
        assertThat(api.get(orderId)).containsEntry("status", "SHIPPED");
    }

    private NotificationRelay relayWith(NotificationSender sender, Duration claimTimeout) {
        return new NotificationRelay(outbox, sender, lifecycle, transactions, clock, Duration.ofMillis(100),
                Duration.ofMillis(500), claimTimeout);
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

    private java.util.Map<String, dev.orderflow.inventory.Product> products(dev.orderflow.order.OrderView order) {
        return inventory.products(order.lines().stream().map(line -> line.sku()).toList());
    }
}
