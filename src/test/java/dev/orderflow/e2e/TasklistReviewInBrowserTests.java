package dev.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.support.Browser;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Customer service resolves a discrepancy in Camunda Tasklist, through the review form, and the order ships;
 * the warehouse never sees the task.
 */
@Tag("e2e")
class TasklistReviewInBrowserTests extends LocalRunTest {

    @RegisterExtension
    Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    TaskService tasks;

    @Test
    void customerServiceApprovesAReviewInTheFormAndTheOrderShips() throws Exception {
        // given: an order whose price differs from the catalog
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 2, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(orderId)
                .taskDefinitionKey(Elements.USER_TASK_REVIEW_DISCREPANCY).singleResult();

        // when: cs logs in to Tasklist, opens the task, claims it and approves in the form
        WebDriver page = browser.driver();
        logIn(page, "cs");
        page.get(tasklist() + "#/?task=" + review.getId());
        WebElement lines = waitFor(page, By.cssSelector("textarea[id$='Field_ReviewLines']"));
        assertThat(lines.getAttribute("value")).contains("Eco mug, bamboo fibre (MUG-ECO-01)", "ordered at €9.99, catalog €12.50");
        assertThat(page.findElement(By.cssSelector("input[id$='Field_ReviewReasons']")).getAttribute("value"))
                .isEqualTo("Unit price differs from the catalog");
        click(page, waitFor(page, By.cssSelector("button.claim")));
        // the form takes typed text only after its input debounce; give it well over that before completing
        WebElement comment = waitFor(page, By.cssSelector("textarea[id$='Field_ReviewComment']"));
        comment.sendKeys("price agreed by phone", Keys.TAB);
        long typed = System.nanoTime();
        new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> System.nanoTime() - typed
                > Duration.ofMillis(1500).toNanos());
        click(page, waitFor(page, By.cssSelector("input[id$='Field_ReviewDecision-0']")));
        browser.screenshot("review-form");
        WebElement complete = new WebDriverWait(page, Duration.ofSeconds(10)).until(
                ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']")));
        click(page, complete);
        new WebDriverWait(page, Duration.ofSeconds(20)).until(ExpectedConditions.invisibilityOf(complete));

        // then: the order leaves review and ships; staff's notes say who decided what, the customer reads neither
        var shipped = api.awaitStatus(orderId, "SHIPPED");
        assertThat(OrderflowApi.internalNotes(api.getAsStaff(orderId), "message"))
                .contains("'Review discrepancy' completed by cs: APPROVE (price agreed by phone)");
        assertThat(OrderflowApi.timeline(shipped, "message")).contains("Checked: your order goes on to our warehouse.")
                .noneMatch(message -> message.contains("by cs") || message.contains("price agreed"));
    }

    @Test
    void warehouseDoesNotSeeCustomerServiceTasks() {
        // given
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");

        // when
        WebDriver page = browser.driver();
        logIn(page, "warehouse");

        // then: the warehouse filter is there, and no discrepancy review in it
        WebElement filter = waitFor(page, By.cssSelector(".task-filter"));
        assertThat(filter.getText()).contains("Warehouse");
        assertThat(page.findElements(By.xpath("//ol[contains(@class,'tasks-list')]//a[contains(.,'Review discrepancy')]")))
                .isEmpty();
        assertThat(page.getPageSource()).doesNotContain("Customer service");
    }

    private void logIn(WebDriver page, String user) {
        browser.logInToCamunda(port, "tasklist", user);
        waitFor(page, By.cssSelector(".task-filter"));
    }

    private String tasklist() {
        return "http://localhost:" + port + "/camunda/app/tasklist/default/";
    }

    /** Brings the element into the middle of the window first: Tasklist's footer covers the bottom edge. */
    private static void click(WebDriver page, WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) page).executeScript(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
    }

    private static WebElement waitFor(WebDriver page, By what) {
        return new WebDriverWait(page, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(what));
    }
}
