package dev.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The local run ({@code ./mvnw spring-boot:run}): no profile, embedded H2 (in memory here instead of the
 * file under ./data), demo catalog and demo users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:default-profile-tests;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        "camunda.bpm.generate-unique-process-engine-name=true"
})
class DefaultProfileTests {

    @Autowired
    TestRestTemplate http;

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
}
