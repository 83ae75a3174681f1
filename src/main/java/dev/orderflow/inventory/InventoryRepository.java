package dev.orderflow.inventory;

import java.time.Clock;
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
    private final Clock clock;

    InventoryRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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

    /** Gives {@code quantity} reserved units back to what is available. */
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

    /** Adds {@code quantity} to on hand (negative: takes it away), unconditionally; false for an unknown SKU. */
    boolean addOnHand(String sku, int quantity) {
        return jdbc.sql("update stock set on_hand = on_hand + :quantity where sku = :sku")
                .param("sku", sku).param("quantity", quantity).update() == 1;
    }

    /**
     * Adds {@code quantity} (negative: takes it away) to on hand unless that leaves less on hand than is reserved;
     * false when it would, or for an unknown SKU. The database checks the condition under the row lock.
     */
    boolean tryAdjustOnHand(String sku, int quantity) {
        return jdbc.sql("update stock set on_hand = on_hand + :quantity where sku = :sku"
                        + " and on_hand + :quantity >= reserved")
                .param("sku", sku).param("quantity", quantity).update() == 1;
    }

    /** On hand and reserved of these SKUs, by SKU, without the product; unknown SKUs are absent. */
    java.util.Map<String, Figures> lockStockFigures(java.util.SortedSet<String> skus) {
        if (skus.isEmpty()) {
            return java.util.Map.of();
        }
        // locked in SKU order (docs/decisions/lock-order.md), like lockStock; read after the lock was granted
        return jdbc.sql("select sku, on_hand, reserved from stock where sku in (:skus) order by sku for update")
                .param("skus", skus)
                .query((rs, n) -> java.util.Map.entry(rs.getString("sku"),
                        new Figures(rs.getInt("on_hand"), rs.getInt("reserved")))).list().stream()
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
    }

    /** A SKU's on hand and reserved. */
    record Figures(int onHand, int reserved) {
    }

    /**
     * Writes a movement of the stock ledger with the SKU's figures as they are now. Call it right after the
     * statement that changed the SKU's stock, in the same transaction: that statement locked the stock row until
     * the commit, so no other change can come between the two and the figures are exactly those after this
     * change (docs/decisions/stock-ledger.md).
     */
    void recordMovement(String sku, MovementType type, int quantity, UUID orderId, AdjustmentReason reason,
            String note, String by) {
        recordMovement(sku, type, quantity, orderId, reason, note, by, null);
    }

    /**
     * As above, with the Idempotency-Key of the API request that made the change ({@code null}: none).
     *
     * @throws org.springframework.dao.DuplicateKeyException when {@code by} booked another change with this key
     */
    void recordMovement(String sku, MovementType type, int quantity, UUID orderId, AdjustmentReason reason,
            String note, String by, String requestKey) {
        // stamped after the change, under the stock row's lock: a SKU's movements are in time order, as by id
        OffsetDateTime at = OffsetDateTime.now(clock);
        // the figures read by the insert itself: one statement instead of a read and a write
        jdbc.sql("""
                insert into stock_movement (sku, at, type, quantity, on_hand, reserved, order_id, reason, note, by_user,
                                            request_key)
                values (:sku, :at, :type, :quantity, (select on_hand from stock where sku = :sku),
                        (select reserved from stock where sku = :sku), :orderId, :reason, :note, :by, :requestKey)
                """).param("sku", sku).param("at", at).param("type", type.name()).param("quantity", quantity)
                .param("orderId", orderId).param("reason", reason == null ? null : reason.name())
                .param("note", note).param("by", by).param("requestKey", requestKey)
                .update();
    }

    /** The change {@code by} booked with this Idempotency-Key, as the request that booked it; empty if none. */
    Optional<StockChangeRequest> requestOf(String by, String requestKey) {
        return jdbc.sql("""
                select sku, type, quantity, reason, note from stock_movement
                 where by_user = :by and request_key = :requestKey
                """).param("by", by).param("requestKey", requestKey)
                .query((rs, n) -> new StockChangeRequest(rs.getString("sku"), MovementType.valueOf(rs.getString("type")),
                        rs.getInt("quantity"),
                        rs.getString("reason") == null ? null : AdjustmentReason.valueOf(rs.getString("reason")),
                        rs.getString("note")))
                .optional();
    }

    /** A page of the SKU's movements, newest first (the last written first, also among equal timestamps). */
    List<StockMovement> movements(String sku, long offset, int limit) {
        return jdbc.sql("""
                select at, type, quantity, on_hand, reserved, order_id, reason, note, by_user from stock_movement
                 where sku = :sku order by id desc limit :limit offset :offset
                """).param("sku", sku).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new StockMovement(rs.getObject("at", OffsetDateTime.class).toInstant(),
                        MovementType.valueOf(rs.getString("type")), rs.getInt("quantity"), rs.getInt("on_hand"),
                        rs.getInt("reserved"), rs.getObject("order_id", UUID.class),
                        rs.getString("reason") == null ? null : AdjustmentReason.valueOf(rs.getString("reason")),
                        rs.getString("note"), rs.getString("by_user")))
                .list();
    }

    long countMovements(String sku) {
        return jdbc.sql("select count(*) from stock_movement where sku = :sku").param("sku", sku)
                .query(Long.class).single();
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
