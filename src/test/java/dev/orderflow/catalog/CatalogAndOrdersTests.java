package dev.orderflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What catalog changes mean for orders: new orders see them, orders already placed do not. */
class CatalogAndOrdersTests extends LocalRunTest {

    @Test
    @SuppressWarnings("unchecked")
    void aPriceChangeLeavesPlacedOrdersAsTheyWere() {
        // given: an order placed at 10.00
        Products.put(api.staff(), "T-PRICE-1", Products.body("Teapot", "10.00", ""));
        api.restock("T-PRICE-1", 5);
        String orderId = api.placed(OrderflowApi.order("T-PRICE-1", 2, "10.00"));

        // when: the price goes up
        assertThat(Products.put(api.staff(), "T-PRICE-1", Products.body("Teapot", "15.00", "")).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        // then: the order keeps its line price and total
        Map<String, Object> order = api.get(orderId);
        assertThat(order).containsEntry("total", "20.00");
        assertThat((List<Map<String, Object>>) order.get("lines")).singleElement()
                .satisfies(line -> assertThat(line).containsEntry("unitPrice", "10.00"));
        assertThat(api.stock("T-PRICE-1")).containsEntry("unitPrice", "15.00");
    }

    @Test
    void aProductOutOfSaleIsRefusedByNewOrdersWithAPointerToItsLine() {
        // given
        Products.put(api.staff(), "T-OFF-1", Products.body("Old kettle", "20.00", ", \"active\": false"));
        api.restock("T-OFF-1", 5);
        String body = """
                {"customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
                 "shippingAddress": {"line1": "Unter den Linden 1", "city": "Berlin", "postalCode": "10117",
                                     "country": "DE"},
                 "currency": "EUR",
                 "lines": [ {"sku": "MUG-ECO-01", "quantity": 1, "unitPrice": "12.50"},
                            {"sku": "T-OFF-1", "quantity": 1, "unitPrice": "20.00"} ]}""";

        // when
        ResponseEntity<Map<String, Object>> answer = api.place(body);

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(Products.pointers(answer.getBody())).containsExactly("/lines/1/sku");
        assertThat(Products.detailAt(answer.getBody(), "/lines/1/sku")).contains("not for sale");

        // and when it is back on sale, the same order goes through
        Products.put(api.staff(), "T-OFF-1", Products.body("Old kettle", "20.00", ""));
        assertThat(api.place(body).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void anOrderWaitingForRestockIsStillServedAfterItsProductWentOutOfSale() {
        // given: an order waiting for a product that has no stock
        Products.put(api.staff(), "T-OFF-2", Products.body("Rare vase", "30.00", ""));
        String orderId = api.placed(OrderflowApi.order("T-OFF-2", 1, "30.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        api.decideStock(orderId, "WAIT");
        api.awaitStatus(orderId, "AWAITING_RESTOCK");

        // when: the product goes out of sale, then the last units arrive
        Products.put(api.staff(), "T-OFF-2", Products.body("Rare vase", "30.00", ", \"active\": false"));
        api.restock("T-OFF-2", 1);

        // then: the order placed before is served
        assertThat(api.awaitStatus(orderId, "SHIPPED")).containsEntry("total", "30.00");
    }

    @Test
    void anOrderPlacedBeforeItsProductWentOutOfSaleShips() {
        // given
        Products.put(api.staff(), "T-OFF-3", Products.body("Last lamp", "40.00", ""));
        api.restock("T-OFF-3", 1);
        String orderId = api.placed(OrderflowApi.order("T-OFF-3", 1, "40.00"));

        // when
        Products.put(api.staff(), "T-OFF-3", Products.body("Last lamp", "40.00", ", \"active\": false"));

        // then
        api.awaitStatus(orderId, "SHIPPED");
        assertThat(api.stock("T-OFF-3")).containsEntry("onHand", 0).containsEntry("reserved", 0);
    }
}
