package dev.orderflow.warehouse;

/** The shelf held fewer units of a SKU than the pick list asked for. */
public record Shortage(String sku, int expected, int found) {

    /** How many units are missing: expected minus found. */
    public int missing() {
        return expected - found;
    }
}
