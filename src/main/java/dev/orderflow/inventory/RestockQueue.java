package dev.orderflow.inventory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Who stock that comes back serves first, as a rule of its own (the database work is the caller's): the orders
 * waiting for a SKU are tried longest-waiting first, each all-or-nothing. An order still short of this SKU ends
 * the turn, so no later order overtakes it; an order short only of some other SKU is passed over, since this
 * SKU's stock cannot help it yet.
 */
final class RestockQueue {

    /** An order waiting for a SKU since a moment. */
    record Waiting(UUID orderId, OffsetDateTime since) {
    }

    private RestockQueue() {
    }

    /**
     * Serves the orders waiting for {@code sku} in their turn.
     *
     * @param waiting the orders waiting for the SKU; those with the same {@code since} keep the order given
     * @param reserve tries to reserve all of an order's waiting lines, or none, and says which SKUs were short
     * @return the orders served, in the order they were served
     */
    static List<UUID> serve(String sku, List<Waiting> waiting, Function<UUID, ReservationResult> reserve) {
        List<UUID> served = new ArrayList<>();
        for (Waiting order : waiting.stream().sorted(Comparator.comparing(Waiting::since)).toList()) {
            ReservationResult result = reserve.apply(order.orderId());
            if (result.reserved()) {
                served.add(order.orderId());
            } else if (result.unavailableSkus().contains(sku)) {
                break;
            }
        }
        return served;
    }
}
