package dev.orderflow.inventory;

/** A quantity of one SKU, as an order needs it reserved. */
public record StockLine(String sku, int quantity) {
}
