package dev.orderflow.inventory;

import java.math.BigDecimal;

/** Stock figures of one SKU, as {@code GET /api/inventory/{sku}} shows them. */
public record StockLevel(String sku, String name, BigDecimal unitPrice, int onHand, int reserved, int available) {
}
