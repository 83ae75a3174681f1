package dev.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.orderflow.support.LocalRunTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The local run ({@code ./mvnw spring-boot:run}): demo catalog and demo users. */
class DefaultProfileTests extends LocalRunTest {

    @Test
    void demoCatalogHasTwentyProductsSomeOfThemOutOfStock() {
        ResponseEntity<Map> page = http.withBasicAuth("storefront", "storefront")
                .getForEntity("/api/inventory?size=100", Map.class);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.getBody().get("items");
        assertThat(items).hasSizeGreaterThanOrEqualTo(20);
        assertThat(items).filteredOn(item -> (Integer) item.get("available") == 0).isNotEmpty();
        assertThat(items).extracting(item -> (String) item.get("sku")).isSorted();
    }

    @Test
    void demoStaffUserReadsTheCatalogToo() {
        assertThat(http.withBasicAuth("staff", "staff").getForEntity("/api/inventory/MUG-ECO-01", Map.class)
                .getBody()).containsEntry("unitPrice", "12.50");
    }

    @Test
    void wrongPasswordIsRefusedWithProblemDetails() {
        ResponseEntity<Map> refused = http.withBasicAuth("storefront", "guess").getForEntity("/api/inventory",
                Map.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refused.getBody()).containsEntry("status", 401).containsKey("detail");
    }

    @Test
    @SuppressWarnings("unchecked")
    void localRunUsesTheSimulatedCourierAndPaymentProviderAndHealthSaysSo() {
        Map<String, Object> health = http.withBasicAuth("staff", "staff").getForObject("/actuator/health", Map.class);

        Map<String, Object> adapters = (Map<String, Object>) ((Map<String, Object>) health.get("components"))
                .get("adapters");
        assertThat(adapters.get("details")).isEqualTo(Map.of(
                "courier", Map.of("simulated", List.of("simulated"), "http", List.of()), "payment", "simulated"));
    }
}
