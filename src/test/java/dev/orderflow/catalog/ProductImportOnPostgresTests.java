package dev.orderflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.orderflow.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The catalog on PostgreSQL: a PUT, a large import in batches, a re-import, and a refused one that left no trace. */
class ProductImportOnPostgresTests extends PostgresIntegrationTest {

    private static final String HEADER = "sku,name,unitPrice,weightGrams,lengthMm,widthMm,heightMm,binLocation,active";

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPutCreatesTheProductWithItsStockRow() {
        ResponseEntity<Map<String, Object>> created = Products.put(api.staff(), "PG-PUT-1",
                Products.body("Cup \uD83C\uDF75", "3.20", ", \"active\": false"));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(Products.get(api.storefront(), "/api/products?active=false").getBody().get("total"))
                .isEqualTo(1);
        assertThat(jdbc.sql("select on_hand + reserved from stock where sku = 'PG-PUT-1'").query(Integer.class)
                .single()).isZero();
    }

    @Test
    void tenThousandRowsAreImportedReimportedAndUpdated() {
        // given
        String fresh = csv(10_000, "4.00");

        // when: imported, the same again, then with new prices
        ResponseEntity<Map<String, Object>> first = Products.importCsv(api.staff(), fresh);
        ResponseEntity<Map<String, Object>> again = Products.importCsv(api.staff(), fresh);
        ResponseEntity<Map<String, Object>> changed = Products.importCsv(api.staff(), csv(10_000, "4.50"));

        // then
        assertThat(first.getBody()).isEqualTo(Map.of("created", 10_000, "updated", 0, "unchanged", 0));
        assertThat(again.getBody()).isEqualTo(Map.of("created", 0, "updated", 0, "unchanged", 10_000));
        assertThat(changed.getBody()).isEqualTo(Map.of("created", 0, "updated", 10_000, "unchanged", 0));
        assertThat(jdbc.sql("select count(*) from product p join stock s on s.sku = p.sku"
                + " where p.sku like 'PG-BULK-%' and p.unit_price = 4.50 and s.on_hand = 0").query(Integer.class)
                .single()).isEqualTo(10_000);
    }

    @Test
    void aRefusedJsonImportWritesNothing() {
        // given: a valid row and a row with a price of zero
        String body = """
                [ {"sku": "PG-ATOM-1", "name": "Cup", "unitPrice": "1.00", "weightGrams": 1, "lengthMm": 1,
                   "widthMm": 1, "heightMm": 1, "binLocation": "A"},
                  {"sku": "PG-ATOM-2", "name": "Jug", "unitPrice": "0.00", "weightGrams": 1, "lengthMm": 1,
                   "widthMm": 1, "heightMm": 1, "binLocation": "A"} ]""";

        // when
        ResponseEntity<Map<String, Object>> answer = Products.importJson(api.staff(), body);

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).containsExactly("/1/unitPrice");
        assertThat(jdbc.sql("select count(*) from product where sku like 'PG-ATOM-%'").query(Integer.class).single())
                .isZero();
    }

    private static String csv(int rows, String price) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            csv.append("PG-BULK-").append(i).append(",\"Bulk item, no. ").append(i).append("\",").append(price)
                    .append(",100,100,100,100,Z-").append(i % 100).append(",true\n");
        }
        return csv.toString();
    }
}
