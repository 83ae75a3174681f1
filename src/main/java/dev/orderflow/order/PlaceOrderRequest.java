package dev.orderflow.order;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/orders}. Jackson rejects unknown fields; {@link OrderRequestValidator}
 * checks everything else and points at each problem with a JSON Pointer.
 */
public record PlaceOrderRequest(String externalReference, Customer customer, Address shippingAddress,
        String currency, String paymentReference, List<Line> lines) {

    /** Who ordered: name (1-200 characters) and e-mail address (at most 320). */
    public record Customer(String name, String email) {
    }

    /** Where the parcel goes; {@code country} is ISO 3166-1 alpha-2 ("GB"). */
    public record Address(String line1, String line2, String city, String postalCode, String country) {
    }

    /** One product: SKU, quantity 1-1000, unit price in the order's currency (positive, at most 2 decimals). */
    public record Line(String sku,
            @Schema(minimum = "1", maximum = "" + OrderRequestValidator.MAX_QUANTITY, example = "2") Integer quantity,
            BigDecimal unitPrice) {
    }
}
