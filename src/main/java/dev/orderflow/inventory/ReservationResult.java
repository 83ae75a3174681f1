package dev.orderflow.inventory;

import java.util.List;

/**
 * Outcome of reserving an order's lines: all of them, or none and the SKUs that were short.
 */
public record ReservationResult(boolean reserved, List<String> unavailableSkus) {

    static ReservationResult complete() {
        return new ReservationResult(true, List.of());
    }

    static ReservationResult outOfStock(List<String> skus) {
        return new ReservationResult(false, List.copyOf(skus));
    }
}
