package dev.orderflow.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body of {@code POST /api/orders}. Jackson rejects unknown fields; {@link OrderRequestValidator}
 * checks everything else and points at each problem with a JSON Pointer.
 */
public record PlaceOrderRequest(String externalReference, Customer customer, Address shippingAddress,
        String currency, String paymentReference, List<Line> lines) {

    public record Customer(String name, String email) {
    }

    public record Address(String line1, String line2, String city, String postalCode, String country) {
    }

    public record Line(String sku, Integer quantity, BigDecimal unitPrice) {
    }
}
