package dev.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.orderflow.support.Browser;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A clerk of customer service in Tasklist, as they would work: the cards tell the orders apart (shop reference,
 * customer, total with currency, why), the review form shows the order, what the customer will read and the
 * order's history, and no end-of-life banner is shown, because our custom script hides it.
 */
@Tag("e2e")
class TasklistCardsInBrowserTests extends LocalRunTest {

    @RegisterExtension
    Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Test
    void customerServiceFindsAReviewByItsShopReferenceOnTheCardAndCancelsIt() throws Exception {
        // given: two orders under review, for different customers and shop references
        String mine = "SHOP-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String other = "SHOP-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 2, "9.99").replace("SHOP-IT", mine));
        String otherId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99").replace("SHOP-IT", other)
                .replace("Ada Lovelace", "Grace Hopper"));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        api.awaitStatus(otherId, "UNDER_REVIEW");

        // when: cs logs in and opens the filter
        WebDriver page = browser.driver();
        logIn(page, "cs");
        WebElement card = waitForCard(page, mine);
        waitForCard(page, other);
        browser.screenshot("tasklist-cards");

        // then: every card tells its order apart, and no end-of-life banner is shown, hidden by our script
        List<WebElement> cards = page.findElements(By.cssSelector("ol.tasks-list > li"));
        assertThat(cards).isNotEmpty().allSatisfy(each -> assertThat(each.getText())
                .contains("Order", "SHOP-", "Customer", "Total", "€", "Why"));
        assertThat(card.getText()).contains(mine, "Ada Lovelace", "€19.98", "Unit price differs from the catalog");
        // every value is shown whole: none is cut with an ellipsis (its text wider than its box)
        assertThat(card.findElements(By.cssSelector(".variable-value"))).isNotEmpty().allSatisfy(value -> assertThat(
                ((Number) ((JavascriptExecutor) page).executeScript(
                        "return arguments[0].scrollWidth - arguments[0].clientWidth", value)).intValue())
                .as(value.getText()).isLessThanOrEqualTo(0));
        assertThat(waitForCard(page, other).getText()).contains("Grace Hopper", "€9.99");
        assertEndOfLifeBannerHiddenByUs(page);

        // when: cs opens the card, claims the task, and cancels with a comment
        click(page, card.findElement(By.cssSelector("a")));
        WebElement reference = waitFor(page, By.cssSelector("input[id$='Field_ShopReference']"));
        assertThat(reference.getAttribute("value")).isEqualTo(mine);
        assertThat(page.findElement(By.cssSelector("input[id$='Field_Total']")).getAttribute("value"))
                .isEqualTo("€19.98");
        assertThat(page.findElement(By.tagName("body")).getText())
                .contains("What the customer reads", "Approve: \"Checked: your order goes on to our warehouse.\"")
                .contains("Cancel: \"Cancelled after our check of your order. You get a full refund.\", and the "
                        + "cancellation e-mail")
                .contains("For staff only: the customer never sees this comment");
        String history = page.findElement(By.cssSelector("textarea[id$='Field_OrderHistory']"))
                .getAttribute("value");
        assertThat(history).contains("Unit price differs from the catalog").containsPattern(
                "\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} UTC").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
        click(page, waitFor(page, By.cssSelector("button.claim")));
        WebElement comment = waitFor(page, By.cssSelector("textarea[id$='Field_ReviewComment']"));
        comment.sendKeys("customer asked to cancel by phone", Keys.TAB);
        long typed = System.nanoTime();
        new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> System.nanoTime() - typed
                > Duration.ofMillis(1500).toNanos());
        click(page, waitFor(page, By.cssSelector("input[id$='Field_ReviewDecision-1']")));
        browser.screenshot("tasklist-review-form");
        scrollTo(page, page.findElement(By.cssSelector("textarea[id$='Field_OrderHistory']")));
        browser.screenshot("tasklist-review-form-history");
        assertEndOfLifeBannerHiddenByUs(page);
        WebElement complete = new WebDriverWait(page, Duration.ofSeconds(10)).until(
                ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']")));
        click(page, complete);
        new WebDriverWait(page, Duration.ofSeconds(20)).until(ExpectedConditions.invisibilityOf(complete));

        // then: the order is cancelled and refunded; the other order still waits for its review
        var cancelled = api.awaitStatus(orderId, "CANCELLED");
        assertThat(cancelled.get("refund")).isNotNull();
        assertThat(api.get(otherId)).containsEntry("status", "UNDER_REVIEW");
    }

    @Test
    void customerServiceSearchesTheListByTheShopReferenceAsATaskVariable() throws Exception {
        // given: two orders under review
        String mine = "SHOP-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String other = "SHOP-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 2, "9.99").replace("SHOP-IT", mine));
        String otherId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99").replace("SHOP-IT", other));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        api.awaitStatus(otherId, "UNDER_REVIEW");
        WebDriver page = browser.driver();
        logIn(page, "cs");
        waitForCard(page, mine);
        waitForCard(page, other);

        // when: as docs/staff.md says: search box, "Task Variable", name shopReference, "=", the reference
        click(page, waitFor(page, By.cssSelector("input.main-field")));
        new WebDriverWait(page, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElements(By.cssSelector(".search-field .dropdown-menu li")).stream()
                        .filter(item -> item.isDisplayed() && item.getText().trim().equals("Task Variable"))
                        .findFirst().orElse(null)).click();
        typeIntoTheFieldInEdit(page, "shopReference");
        typeIntoTheFieldInEdit(page, mine);

        // then: only the order with that reference is listed
        new WebDriverWait(page, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(driver -> {
                    List<WebElement> cards = driver.findElements(By.cssSelector("ol.tasks-list > li"));
                    return cards.size() == 1 && cards.get(0).getText().contains(mine);
                });
        browser.screenshot("tasklist-search-by-shop-reference");
        assertThat(page.findElement(By.cssSelector(".search-field")).getText()).contains("Task Variable",
                "shopReference", mine);
    }

    private static void typeIntoTheFieldInEdit(WebDriver page, String text) {
        WebElement field = new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> {
            WebElement active = driver.switchTo().activeElement();
            return "input".equals(active.getTagName()) && !active.getAttribute("class").contains("main-field")
                    ? active : null;
        });
        field.sendKeys(text, Keys.ENTER);
        new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> !field.equals(driver.switchTo().activeElement()));
    }

    @Test
    void noEndOfLifeBannerInCockpitAdminOrWelcome() throws Exception {
        WebDriver page = browser.driver();
        for (String app : List.of("welcome", "cockpit", "admin")) {
            browser.logInToCamunda(port, app, "admin");
            new WebDriverWait(page, Duration.ofSeconds(60)).until(driver -> !driver.findElements(
                    By.cssSelector(".ce-eol-banner")).isEmpty());
            browser.screenshot("camunda-" + app);
            assertEndOfLifeBannerHiddenByUs(page);
            page.manage().deleteAllCookies();
        }
    }

    /**
     * Camunda renders its banner (so a later Camunda that drops it fails this test, and the script can go) and
     * our script, which the page loaded, hides it.
     */
    private static void assertEndOfLifeBannerHiddenByUs(WebDriver page) {
        new WebDriverWait(page, Duration.ofSeconds(20)).until(driver -> "true".equals(
                driver.findElement(By.tagName("html")).getAttribute("data-orderflow-customised")));
        List<WebElement> banners = page.findElements(By.cssSelector(".ce-eol-banner"));
        assertThat(banners).as("Camunda still renders its end-of-life banner").isNotEmpty();
        assertThat(banners).allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
        assertThat(page.findElement(By.tagName("body")).getText()).doesNotContain("migrate to Camunda 8");
        Object scripts = ((JavascriptExecutor) page).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name).join(' ')");
        assertThat(String.valueOf(scripts)).contains("/camunda/app/orderflow/staff-pages.js");
    }

    private WebElement waitForCard(WebDriver page, String reference) {
        return new WebDriverWait(page, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElements(By.cssSelector("ol.tasks-list > li")).stream()
                        .filter(li -> li.getText().contains(reference)).findFirst().orElse(null));
    }

    private void logIn(WebDriver page, String user) {
        browser.logInToCamunda(port, "tasklist", user);
        waitFor(page, By.cssSelector(".task-filter"));
    }

    private static void scrollTo(WebDriver page, WebElement element) {
        ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /** Brings the element into the middle of the window first: Tasklist's footer covers the bottom edge. */
    private static void click(WebDriver page, WebElement element) {
        ((JavascriptExecutor) page).executeScript(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
    }

    private static WebElement waitFor(WebDriver page, By what) {
        return new WebDriverWait(page, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(what));
    }
}
