package dev.orderflow.order;

/** The order of the example in docs/api.md, as a storefront sends it. */
final class OrderflowTestOrders {

    private OrderflowTestOrders() {
    }

    static String valid() {
        return """
                {
                  "externalReference": "SHOP-10023",
                  "customer": { "name": "Ada Lovelace", "email": "ada@example.com" },
                  "shippingAddress": { "line1": "12 Analytical St", "line2": null, "city": "London",
                                       "postalCode": "NW1 6XE", "country": "GB" },
                  "currency": "EUR",
                  "paymentReference": "pay_8f3a21",
                  "lines": [ { "sku": "MUG-ECO-01", "quantity": 2, "unitPrice": "12.50" } ]
                }""";
    }
}
