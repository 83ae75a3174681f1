package dev.orderflow.warehouse;

/** One line of a pick list: what to take from which bin. */
public record PickListItem(String sku, String name, int quantity, String binLocation) {
}
