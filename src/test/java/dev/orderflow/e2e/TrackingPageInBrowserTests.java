package dev.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderflow.order.OrderIntake;
import dev.orderflow.order.PlaceOrderRequest;
import dev.orderflow.support.Browser;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer's tracking page in a real browser, as a customer opens it from the e-mail: on a phone (390 × 844)
 * and on a desktop (1280 × 900), in the main states of an order. Each page is saved under
 * {@code target/screenshots/tracking-<state>-<phone|desktop>.png} (and the phone's whole page as
 * {@code ...-phone-full.png}) for a person to look at; the checks are what a customer, also one with a screen
 * reader or a keyboard, would notice.
 */
@Tag("e2e")
class TrackingPageInBrowserTests extends LocalRunTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TIME = Pattern.compile("\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} UTC");
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);

    @RegisterExtension
    Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    OrderIntake intake;

    @Autowired
    ObjectMapper json;

    @Autowired
    RuntimeService runtime;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TaskService tasks;

    @Test
    void customerClicksWaitAndSeesTheOrderWaitingForStock() {
        // given: an order whose product is out of stock
        String orderId = api.placed(OrderflowApi.order("HEADPH-WOOD", 1, "79.00"));
        Map<String, Object> order = api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        String link = (String) order.get("trackingUrl");
        WebDriver page = browser.driver();

        // when: the customer opens the tracking link and clicks "Wait for restock"
        page.get("http://localhost:" + port + link.substring(link.indexOf("/track/")));
        // the only product is out of stock: the whole order, not a part of it
        assertThat(page.findElement(By.id("status")).getText()).isEqualTo("Your order is out of stock");
        page.findElement(By.id("wait")).click();

        // then: the page says the order now waits for the goods, and the buttons are gone
        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "AWAITING_RESTOCK"));
        assertThat(page.findElement(By.id("status")).getText()).isEqualTo("Waiting for stock");
        assertThat(page.findElement(By.cssSelector("[role=status]")).getText()).startsWith("Thank you.");
        assertThat(page.findElements(By.id("wait"))).isEmpty();
        assertThat(api.get(orderId)).containsEntry("status", "AWAITING_RESTOCK");
    }

    @Test
    void receivedOrderReadsWellOnAPhoneAndADesktop() throws Exception {
        // given: an order whose process is held right after intake (suspended in the same transaction), so it
        // stays RECEIVED for as long as the test looks at it
        String orderId = receivedAndHeld(twoLines("SHOP-RECEIVED", "LAMP-DESK", 1, "49.00", "PEN-BAMBOO", 4, "2.50"));
        try {
            // when / then
            Map<String, Object> order = staffView(orderId);
            assertThat(order).containsEntry("status", "RECEIVED");
            lookAt("received", order, List.of("LED desk lamp", "Bamboo ballpoint pen", "€59.00"),
                    List.of("LAMP-DESK", "PEN-BAMBOO"));
            assertThat(visibleText()).contains("Want to cancel?", "SHOP-RECEIVED");
        } finally {
            runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).list().forEach(instance ->
                    runtime.updateProcessInstanceSuspensionState().byProcessInstanceId(instance.getId()).activate());
        }
    }

    @Test
    void awaitingStockDecisionReadsWellAndItsButtonsSayWhatTheyDo() throws Exception {
        // given
        String orderId = api.placed(twoLines("SHOP-STOCK", "HEADPH-WOOD", 1, "79.00", "CANDLE-SOY", 2, "11.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");

        // when / then
        lookAt("awaiting-stock-decision", staffView(orderId),
                List.of("Wooden headphones", "Soy wax candle", "€101.00", "€11.00 each"),
                List.of("HEADPH-WOOD", "CANDLE-SOY"));
        WebDriver page = browser.driver();
        assertThat(page.findElement(By.id("wait")).getAccessibleName()).isEqualTo("Wait for restock");
        assertThat(page.findElement(By.id("refund")).getAccessibleName()).isEqualTo("Cancel and refund");
        assertThat(page.findElement(By.id("refund")).getDomAttribute("aria-describedby")).isEqualTo("refund-means");
        assertThat(page.findElement(By.id("refund-means")).getText()).contains("€101.00");
        assertThat(visibleText()).containsPattern("Please choose by " + TIME.pattern());
        // a keyboard user sees where the focus is
        // from the headline, as a keyboard user who has read it, the Tab key goes to the first button
        script("const h1 = document.getElementById('status'); h1.setAttribute('tabindex', '-1'); h1.focus()");
        new Actions(page).sendKeys(Keys.TAB).perform();
        WebElement focused = page.switchTo().activeElement();
        assertThat(focused.getDomAttribute("id")).isEqualTo("wait");
        assertThat(focused.getCssValue("outline-style")).isNotEqualTo("none");
        assertThat(Double.parseDouble(focused.getCssValue("outline-width").replace("px", ""))).isGreaterThanOrEqualTo(2);
        screenshot("awaiting-stock-decision-phone-keyboard-focus");
    }

    @Test
    void shippedOrderReadsWellAndNamesCourierAndTrackingNumber() throws Exception {
        String orderId = api.placed(twoLines("SHOP-SHIPPED", "BOTTLE-STEEL", 2, "19.95", "TOTE-CANVAS", 1, "9.50"));
        Map<String, Object> order = api.awaitStatus(orderId, "SHIPPED");

        lookAt("shipped", staffView(orderId), List.of("Steel water bottle 750 ml", "Canvas tote bag", "€49.40",
                (String) order.get("trackingNumber"), "Simulated courier"), List.of("BOTTLE-STEEL", "TOTE-CANVAS"));
        assertThat(visibleText()).contains("Follow your parcel");
    }

    @Test
    void pickShortageWhileTheWarehouseDecidesReadsWellAndSaysSo() throws Exception {
        // given: the warehouse finds one unit too few while picking; its decision is pending
        shortProduct(jdbc, "SHORT-BROWSER");
        String orderId = api.placed(twoLines("SHOP-SHORTAGE", "SHORT-BROWSER", 1, "5.00", "CANDLE-SOY", 1, "11.00"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(orderId).count() == 1);

        // when / then
        lookAt("pick-shortage", staffView(orderId), List.of("Short candle", "Soy wax candle", "€16.00",
                "We found fewer items on our shelf than expected"), List.of("SHORT-BROWSER", "CANDLE-SOY"));
        assertThat(browser.driver().findElement(By.id("status")).getText())
                .isEqualTo("We found fewer items on our shelf than expected");
        assertThat(visibleText()).contains("We will e-mail you as soon as it is decided.")
                .doesNotContain("Being picked", "when your parcel is on its way");
        api.cancel(orderId, "test done");
    }

    @Test
    void failedDeliveryAttemptReadsWellAndSaysWhatHappensNext() throws Exception {
        // given: the courier could not deliver
        String orderId = api.placed(twoLines("SHOP-FAILED", "NOTEBOOK-A5", 2, "6.90", "TOTE-CANVAS", 1, "9.50"));
        String tracking = (String) api.awaitStatus(orderId, "SHIPPED").get("trackingNumber");
        assertThat(api.courierEvent(tracking, OrderflowApi.courierEventBody("evt-e2e-fail-" + orderId,
                "DELIVERY_FAILED", Instant.now().toString())).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> api.notifications(orderId)
                .stream().anyMatch(mail -> "DELIVERY_FAILED".equals(mail.get("type"))));

        // when / then
        lookAt("delivery-failed", staffView(orderId), List.of("Recycled paper notebook A5", "Canvas tote bag", "€23.30", tracking,
                "Delivery attempt failed", "Orderflow demo shop", "https://shop.example/help"),
                List.of("NOTEBOOK-A5", "TOTE-CANVAS"));
        assertThat(browser.driver().findElement(By.id("status")).getText()).isEqualTo("Delivery attempt failed");
        assertThat(visibleText()).contains("tries again or leaves you a notice").doesNotContain("On its way");
        assertThat(browser.driver().findElement(By.cssSelector("#delivery-failed a")).getAccessibleName())
                .isEqualTo("https://shop.example/help");
    }

    @Test
    void deliveredOrderReadsWell() throws Exception {
        String orderId = api.placed(twoLines("SHOP-DELIVERED", "PLANT-POT-M", 3, "15.00", "SEEDS-HERBS", 1, "7.50"));
        String tracking = (String) api.awaitStatus(orderId, "SHIPPED").get("trackingNumber");
        assertThat(api.courierEvent(tracking, OrderflowApi.courierEventBody("evt-e2e-" + orderId, "DELIVERED",
                Instant.now().toString())).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.awaitStatus(orderId, "DELIVERED");

        lookAt("delivered", staffView(orderId), List.of("Terracotta plant pot M", "Herb seed kit", "€52.50"),
                List.of("PLANT-POT-M", "SEEDS-HERBS"));
    }

    @Test
    void customerCancelsWithTheRefundButtonAndHearsItAndSeesTheRefund() throws Exception {
        // given: an out-of-stock order, opened on a phone
        String orderId = api.placed(twoLines("SHOP-CANCELLED", "RUG-JUTE", 1, "129.00", "TOWEL-LINEN", 2, "18.00"));
        Map<String, Object> order = api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        WebDriver page = browser.driver();
        page.manage().window().setSize(PHONE);
        page.get(url(order));

        // when: the customer presses "Cancel and refund"
        page.findElement(By.id("refund")).click();

        // then: a live region tells them what happened, and the page shows the refund once it is paid
        // the button posts and the page reloads: an element read while the old page goes away is stale, not wrong
        new WebDriverWait(page, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "CANCELLED"));
        WebElement notice = page.findElement(By.cssSelector("[role=status]"));
        assertThat(notice.getText()).isEqualTo("Thank you. Your order is cancelled and your money is on its way back.");
        screenshot("cancelled-phone-notice");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> api.get(orderId).get("refund") != null);
        lookAt("cancelled", staffView(orderId), List.of("Jute rug 120x180", "Linen hand towel", "€165.00",
                "We have paid you back €165.00"), List.of("RUG-JUTE", "TOWEL-LINEN"));
    }

    /**
     * Opens the order's page at phone and desktop size, saves screenshots, and checks what a customer would
     * notice: {@code visible} texts are there (the shop's reference always); no order id, no {@code skus}, no
     * internal note; the customer's timeline with readable times; no sideways scrolling; one h1 and headings in
     * order; every control named; text contrast at least WCAG AA.
     */
    private void lookAt(String state, Map<String, Object> order, List<String> visible, List<String> skus)
            throws IOException {
        WebDriver page = browser.driver();
        for (Dimension size : List.of(DESKTOP, PHONE)) {
            String device = size == PHONE ? "phone" : "desktop";
            String what = state + " on a " + device;
            page.manage().window().setSize(size);
            page.get(url(order));
            assertThat(page.findElement(By.id("status")).getDomAttribute("data-status")).as(what)
                    .isEqualTo(order.get("status"));
            screenshot(state + "-" + device);

            String text = visibleText();
            assertThat(text).as(what).contains(visible).contains((String) order.get("externalReference"));
            assertThat(page.getTitle()).as(what).startsWith("Order " + order.get("externalReference") + " · ");
            assertThat(UUID_TEXT.matcher(text + page.getTitle()).find()).as(what + ": an id on the page").isFalse();
            // the page names products, never SKUs, history included; the history shows the customer's timeline as
            // the API has it, entry for entry
            assertThat(text).as(what).doesNotContain(skus).doesNotContain(" EUR");
            assertThat(page.findElements(By.cssSelector(".timeline li > span"))).as(what + ": the customer's timeline")
                    .extracting(WebElement::getText)
                    .containsExactlyElementsOf(OrderflowApi.timeline(order, "message").stream()
                            .map(message -> message.strip().replaceAll("\\s+", " ")).toList());
            for (String note : notes(order)) {
                assertThat(text).as(what + ": an internal note").doesNotContain(note);
            }
            assertThat(page.findElements(By.cssSelector(".timeline time"))).as(what).allSatisfy(
                    time -> assertThat(time.getText()).matches(TIME));

            assertThat(number("return document.documentElement.scrollWidth")).as(what + ": sideways scrolling")
                    .isLessThanOrEqualTo(number("return window.innerWidth"));
            assertThat(script("return document.documentElement.lang")).as(what).isEqualTo("en");
            assertThat(script("return [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => h.tagName).join()"))
                    .as(what + ": headings").matches("H1(,H2)*");
            assertThat(page.findElements(By.cssSelector("button, a[href], input:not([type=hidden]), select, textarea")))
                    .as(what + ": controls").allSatisfy(control -> assertThat(control.getAccessibleName())
                            .as(control.getTagName() + " " + control.getDomAttribute("id")).isNotBlank());
            assertThat(script(CONTRAST)).as(what + ": text below 4.5:1 (3:1 for large text)").isEqualTo("");
        }
        // the phone's whole page, not only the first screen
        page.manage().window().setSize(new Dimension(PHONE.width,
                (int) Math.min(6000, number("return document.documentElement.scrollHeight") + 140)));
        screenshot(state + "-phone-full");
        page.manage().window().setSize(PHONE);
    }

    /**
     * Each element with text of its own, against the first ancestor with an opaque background: the WCAG contrast
     * ratio, at least 4.5, or 3 for large text (24 px, or 18.66 px bold). Answers the failures, one a line.
     */
    private static final String CONTRAST = """
            const rgb = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
              const p = m[1].split(',').map(s => parseFloat(s)); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
            const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
            const background = el => { for (let e = el; e; e = e.parentElement) {
                const c = rgb(getComputedStyle(e).backgroundColor); if (c && c.a >= 1) return c; }
              return {r: 255, g: 255, b: 255, a: 1}; };
            const failures = [];
            for (const el of document.body.querySelectorAll('*')) {
              const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
              const style = getComputedStyle(el);
              if (!own || style.visibility === 'hidden' || el.getClientRects().length === 0
                  || el.closest('.visually-hidden')) continue;
              const fg = rgb(style.color), bg = background(el);
              const l1 = lum(fg), l2 = lum(bg);
              const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
              const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
              const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
              if (ratio < needed) failures.push(el.tagName + ' "' + el.textContent.trim().slice(0, 40) + '" '
                  + ratio.toFixed(2) + ' < ' + needed);
            }
            return failures.join('\\n');
            """;

    private String visibleText() {
        return browser.driver().findElement(By.tagName("body")).getText();
    }

    private String script(String script) {
        return String.valueOf(((JavascriptExecutor) browser.driver()).executeScript(script));
    }

    private long number(String script) {
        return ((Number) ((JavascriptExecutor) browser.driver()).executeScript(script)).longValue();
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve("tracking-" + name + ".png"), png);
    }

    private String url(Map<String, Object> order) {
        String link = (String) order.get("trackingUrl");
        return "http://localhost:" + port + link.substring(link.indexOf("/track/"));
    }

    private Map<String, Object> staffView(String orderId) {
        return api.staff().exchange("/api/orders/" + orderId, HttpMethod.GET, null, OrderflowApi.JSON_OBJECT)
                .getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> notes(Map<String, Object> order) {
        return ((List<Map<String, Object>>) order.getOrDefault("internalNotes", List.of())).stream()
                .map(note -> (String) note.get("message")).toList();
    }

    /** Places the order as the API would, and suspends its process in the same transaction. */
    private String receivedAndHeld(String body) throws Exception {
        PlaceOrderRequest request = json.readValue(body, PlaceOrderRequest.class);
        UUID orderId = new TransactionTemplate(transactions).execute(status -> {
            UUID placed = intake.place("storefront", null, request).orderId();
            runtime.createProcessInstanceQuery().processInstanceBusinessKey(placed.toString()).list()
                    .forEach(instance -> runtime.updateProcessInstanceSuspensionState()
                            .byProcessInstanceId(instance.getId()).suspend());
            return placed;
        });
        return orderId.toString();
    }

    private static String twoLines(String reference, String sku1, int quantity1, String price1, String sku2,
            int quantity2, String price2) {
        return OrderflowApi.order(sku1, quantity1, price1).replace("SHOP-IT", reference)
                .replace("\"lines\": [ {", "\"lines\": [ { \"sku\": \"%s\", \"quantity\": %d, \"unitPrice\": \"%s\" }, {"
                        .formatted(sku2, quantity2, price2));
    }
}
