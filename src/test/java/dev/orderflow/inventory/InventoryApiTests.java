package dev.orderflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

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
}
