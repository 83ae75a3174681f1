package dev.orderflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** Stock reads for both roles, restock for staff only, with the errors docs/api.md names. */
class InventoryApiTests extends LocalRunTest {

    @Test
    void itemShowsOnHandReservedAndAvailable() {
        Map<String, Object> item = api.stock("BOTTLE-STEEL");

        assertThat(item).containsKeys("sku", "name", "unitPrice", "onHand", "reserved", "available");
        assertThat((Integer) item.get("available"))
                .isEqualTo((Integer) item.get("onHand") - (Integer) item.get("reserved"));
    }

    @Test
    void restockAddsToOnHand() {
        int before = (Integer) api.stock("SEEDS-HERBS").get("onHand");

        var answer = api.restock("SEEDS-HERBS", 25);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).containsEntry("onHand", before + 25);
    }

    @Test
    void restockIsForStaffAndChecksItsInput() {
        var storefront = api.storefront().exchange("/api/inventory/SEEDS-HERBS/restock", HttpMethod.POST,
                OrderflowApi.json("{\"quantity\": 5}"), String.class);

        assertThat(storefront.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.restock("SEEDS-HERBS", 0).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.restock("SEEDS-HERBS", 100_001).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.restock("NO-SUCH-SKU", 5).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void unknownSkuIs404() {
        assertThat(api.storefront().getForEntity("/api/inventory/NO-SUCH-SKU", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aCustomerWhoChoosesToWaitAfterTheGoodsArrivedGetsThemWithoutAnotherDelivery() {
        // given: an order for a product with nothing on hand, its customer asked to wait or take a refund
        String sku = "WAIT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        assertThat(api.staff().exchange("/api/products/" + sku, HttpMethod.PUT, OrderflowApi.json("""
                {"name": "Wait test", "unitPrice": "5.00", "weightGrams": 100, "lengthMm": 100, "widthMm": 100,
                 "heightMm": 50, "binLocation": "Z-98-98"}"""), String.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String orderId = api.placed(OrderflowApi.order(sku, 2, "5.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        // and: the goods arrive while the customer is still deciding
        assertThat(api.restock(sku, 5).getBody()).containsEntry("reserved", 0);

        // when: the customer chooses to wait
        api.decideStock(orderId, "WAIT");

        // then: the goods on the shelf are the order's and it ships; no second delivery needed
        api.awaitStatus(orderId, "SHIPPED");
        assertThat(api.stock(sku)).containsEntry("onHand", 3).containsEntry("reserved", 0);
    }
}
