package dev.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.orderflow.support.Browser;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A customer with an out-of-stock order opens the link from the e-mail and chooses to wait. */
@Tag("e2e")
class TrackingPageInBrowserTests extends LocalRunTest {

    @RegisterExtension
    Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Test
    void customerClicksWaitAndSeesTheOrderWaitingForStock() {
        // given: an order whose product is out of stock
        String orderId = api.placed(OrderflowApi.order("HEADPH-WOOD", 1, "79.00"));
        Map<String, Object> order = api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        String link = (String) order.get("trackingUrl");
        WebDriver page = browser.driver();

        // when: the customer opens the tracking link and clicks "Wait for restock"
        page.get("http://localhost:" + port + link.substring(link.indexOf("/track/")));
        assertThat(page.findElement(By.id("status")).getText()).isEqualTo("Part of your order is out of stock");
        page.findElement(By.id("wait")).click();

        // then: the page says the order now waits for the goods, and the buttons are gone
        new WebDriverWait(page, Duration.ofSeconds(10))
                .until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "AWAITING_RESTOCK"));
        assertThat(page.findElement(By.id("status")).getText()).isEqualTo("Waiting for stock");
        assertThat(page.findElement(By.cssSelector("[role=status]")).getText()).startsWith("Thank you.");
        assertThat(page.findElements(By.id("wait"))).isEmpty();
        assertThat(api.get(orderId)).containsEntry("status", "AWAITING_RESTOCK");
    }
}
