package dev.orderflow.inventory;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class InventoryRepository {

    private static final String STOCK_LEVEL = """
            select p.sku, p.name, p.unit_price, s.on_hand, s.reserved
              from product p join stock s on s.sku = p.sku
            """;

    private static final RowMapper<StockLevel> STOCK_LEVEL_ROW = (rs, row) -> new StockLevel(rs.getString("sku"),
            rs.getString("name"), rs.getBigDecimal("unit_price"), rs.getInt("on_hand"), rs.getInt("reserved"),
            rs.getInt("on_hand") - rs.getInt("reserved"));

    private final JdbcClient jdbc;

    InventoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Product> products(Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from product where sku in (:skus)")
                .param("skus", skus)
                .query((rs, n) -> new Product(rs.getString("sku"), rs.getString("name"), rs.getBigDecimal("unit_price"),
                        rs.getInt("weight_grams"), rs.getInt("length_mm"), rs.getInt("width_mm"),
                        rs.getInt("height_mm"), rs.getString("bin_location"), rs.getInt("max_quantity_per_order"),
                        rs.getBoolean("active")))
                .list();
    }

    Optional<StockLevel> stockLevel(String sku) {
        return jdbc.sql(STOCK_LEVEL + " where p.sku = :sku").param("sku", sku).query(STOCK_LEVEL_ROW).optional();
    }

    List<StockLevel> stockLevels(long offset, int limit) {
        return jdbc.sql(STOCK_LEVEL + " order by p.sku limit :limit offset :offset")
                .param("limit", limit).param("offset", offset)
                .query(STOCK_LEVEL_ROW).list();
    }

    long countProducts() {
        return jdbc.sql("select count(*) from product").query(Long.class).single();
    }


    /**
     * Takes {@code quantity} out of what is available, or nothing at all. The condition is checked by the
     * database under the row lock, so two orders racing for the last unit can never both get it.
     */
    boolean tryReserve(String sku, int quantity) {
        return jdbc.sql("""
                update stock set reserved = reserved + :quantity
                 where sku = :sku and on_hand - reserved >= :quantity
                """).param("sku", sku).param("quantity", quantity).update() == 1;
    }

    void unreserve(String sku, int quantity) {
        jdbc.sql("update stock set reserved = reserved - :quantity where sku = :sku")
                .param("sku", sku).param("quantity", quantity).update();
    }

    /** Reserved stock leaves the warehouse: it is neither on hand nor reserved any more. */
    void consume(String sku, int quantity) {
        jdbc.sql("update stock set reserved = reserved - :quantity, on_hand = on_hand - :quantity where sku = :sku")
                .param("sku", sku).param("quantity", quantity).update();
    }

    List<StockLine> reservations(UUID orderId, ReservationState state) {
        return jdbc.sql("select sku, quantity from stock_reservation where order_id = :orderId and state = :state"
                        + " order by sku")
                .param("orderId", orderId).param("state", state.name())
                .query((rs, n) -> new StockLine(rs.getString("sku"), rs.getInt("quantity"))).list();
    }

    void deleteReservations(UUID orderId, ReservationState state) {
        jdbc.sql("delete from stock_reservation where order_id = :orderId and state = :state")
                .param("orderId", orderId).param("state", state.name()).update();
    }

    void insertReservation(UUID orderId, StockLine line, OffsetDateTime now) {
        jdbc.sql("""
                insert into stock_reservation (order_id, sku, quantity, state, created_at)
                values (:orderId, :sku, :quantity, :state, :now)
                """).param("orderId", orderId).param("sku", line.sku()).param("quantity", line.quantity())
                .param("state", ReservationState.RESERVED.name()).param("now", now).update();
    }

    /** Adds delivered goods; false for an unknown SKU. */
    boolean addOnHand(String sku, int quantity) {
        return jdbc.sql("update stock set on_hand = on_hand + :quantity where sku = :sku")
                .param("sku", sku).param("quantity", quantity).update() == 1;
    }

    /**
     * Units the books counted that are not on the shelf: {@code missing} leave on hand, and the order's whole
     * reservation of {@code reserved} units leaves reserved, in one statement on the SKU's row.
     */
    void writeOff(String sku, int missing, int reserved) {
        jdbc.sql("update stock set on_hand = on_hand - :missing, reserved = reserved - :reserved where sku = :sku")
                .param("sku", sku).param("missing", missing).param("reserved", reserved).update();
    }

    /**
     * Locks the stock rows of these SKUs, in SKU order (the lock order of docs/decisions/lock-order.md), for the
     * rest of the transaction. PostgreSQL locks the rows as they come out of the sort.
     */
    void lockStock(java.util.SortedSet<String> skus) {
        if (!skus.isEmpty()) {
            jdbc.sql("select sku from stock where sku in (:skus) order by sku for update").param("skus", skus)
                    .query(String.class).list();
        }
    }

    /** Every SKU that some order waiting for {@code sku} needs (this one included). */
    List<String> skusOfOrdersWaitingFor(String sku) {
        return jdbc.sql("""
                select distinct other.sku from stock_wait this_sku join stock_wait other on other.order_id = this_sku.order_id
                 where this_sku.sku = :sku
                """).param("sku", sku).query(String.class).list();
    }

    void insertWakeUp(UUID orderId, String sku, OffsetDateTime now, OffsetDateTime retryAt) {
        jdbc.sql("""
                insert into stock_wakeup (order_id, sku, reserved_at, attempts, next_attempt_at)
                select :orderId, :sku, :now, 0, :retryAt from (values (1)) as one (x)
                 where not exists (select 1 from stock_wakeup where order_id = :orderId)
                """).param("orderId", orderId).param("sku", sku).param("now", now).param("retryAt", retryAt)
                .update();
    }

    boolean wakeUpExists(UUID orderId) {
        return jdbc.sql("select count(*) from stock_wakeup where order_id = :orderId").param("orderId", orderId)
                .query(Integer.class).single() > 0;
    }

    void deleteWakeUp(UUID orderId) {
        jdbc.sql("delete from stock_wakeup where order_id = :orderId").param("orderId", orderId).update();
    }

    List<UUID> dueWakeUps(OffsetDateTime now, int limit) {
        return jdbc.sql("select order_id from stock_wakeup where next_attempt_at <= :now"
                        + " order by next_attempt_at, order_id limit :limit")
                .param("now", now).param("limit", limit).query(UUID.class).list();
    }

    /** Counts a failed attempt and sets the next one; returns the number of attempts so far (0: no such row). */
    int wakeUpFailed(UUID orderId, String error, java.util.function.IntFunction<OffsetDateTime> nextAttempt) {
        Integer attempts = jdbc.sql("select attempts from stock_wakeup where order_id = :orderId")
                .param("orderId", orderId).query(Integer.class).optional().orElse(null);
        if (attempts == null) {
            return 0;
        }
        int now = attempts + 1;
        jdbc.sql("""
                update stock_wakeup set attempts = :attempts, next_attempt_at = :next, last_error = :error
                 where order_id = :orderId
                """).param("attempts", now).param("next", nextAttempt.apply(now))
                .param("error", error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("orderId", orderId).update();
        return now;
    }

    long countWakeUps(boolean failedOnly) {
        return jdbc.sql("select count(*) from stock_wakeup" + (failedOnly ? " where attempts > 0" : ""))
                .query(Long.class).single();
    }

    void insertWait(UUID orderId, StockLine line, OffsetDateTime since) {
        jdbc.sql("""
                insert into stock_wait (order_id, sku, quantity, waiting_since)
                select :orderId, :sku, :quantity, :since from (values (1)) as one (x)
                 where not exists (select 1 from stock_wait where order_id = :orderId and sku = :sku)
                """).param("orderId", orderId).param("sku", line.sku()).param("quantity", line.quantity())
                .param("since", since).update();
    }

    void deleteWaits(UUID orderId) {
        jdbc.sql("delete from stock_wait where order_id = :orderId").param("orderId", orderId).update();
    }

    /** Orders waiting for this SKU, the longest-waiting first. */
    List<RestockQueue.Waiting> ordersWaitingFor(String sku) {
        return jdbc.sql("select order_id, waiting_since from stock_wait where sku = :sku"
                        + " order by waiting_since, order_id")
                .param("sku", sku).query((rs, row) -> new RestockQueue.Waiting(rs.getObject("order_id", UUID.class),
                        rs.getObject("waiting_since", OffsetDateTime.class))).list();
    }

    List<StockLine> waitingLines(UUID orderId) {
        return jdbc.sql("select sku, quantity from stock_wait where order_id = :orderId order by sku")
                .param("orderId", orderId)
                .query((rs, n) -> new StockLine(rs.getString("sku"), rs.getInt("quantity"))).list();
    }

    void markReservation(UUID orderId, String sku, ReservationState from, ReservationState to) {
        jdbc.sql("update stock_reservation set state = :to where order_id = :orderId and sku = :sku and state = :from")
                .param("orderId", orderId).param("sku", sku).param("from", from.name()).param("to", to.name()).update();
    }
}
