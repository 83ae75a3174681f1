package dev.orderflow.order;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The order tables over JDBC: orders with their lines and timeline, and the idempotency records of placing.
 * Writes of an order's status come only from {@link OrderLifecycle} (and the first one from {@link OrderIntake}).
 * Every write of an order's row goes through here, which keeps {@link OrderReadCache} right.
 */
@Repository
class OrderRepository {

    /** An order row before its lines and timeline are attached. */
    record OrderRow(UUID id, String externalReference, OrderStatus status, PlaceOrderRequest.Customer customer,
            PlaceOrderRequest.Address address, String currency, String paymentReference,
            java.math.BigDecimal total, String trackingToken, String cancellationReason,
            java.math.BigDecimal refundAmount, String refundReference, String courier, String trackingNumber,
            OffsetDateTime createdAt) {

        OrderRow withStatus(OrderStatus newStatus) {
            return new OrderRow(id, externalReference, newStatus, customer, address, currency, paymentReference,
                    total, trackingToken, cancellationReason, refundAmount, refundReference, courier, trackingNumber,
                    createdAt);
        }

        OrderRow withShipment(String newCourier, String newTrackingNumber) {
            return new OrderRow(id, externalReference, status, customer, address, currency, paymentReference,
                    total, trackingToken, cancellationReason, refundAmount, refundReference, newCourier,
                    newTrackingNumber, createdAt);
        }
    }

    /** The first answer to an idempotency key: the request's SHA-256 (hex), the order's id and its JSON view. */
    record StoredResponse(String requestHash, UUID orderId, String body) {
    }

    /** Timeline messages in characters as people count them; the column holds twice as many UTF-16 units. */
    static final int MAX_TIMELINE_MESSAGE = 1000;

    /** Cuts a message at a character (never inside an emoji's surrogate pair) and says that it was cut. */
    static String truncate(String message) {
        if (message.codePointCount(0, message.length()) <= MAX_TIMELINE_MESSAGE) {
            return message;
        }
        return message.substring(0, message.offsetByCodePoints(0, MAX_TIMELINE_MESSAGE - 1)) + "\u2026";
    }

    private static final RowMapper<OrderRow> ORDER_ROW = (rs, row) -> new OrderRow(rs.getObject("id", UUID.class),
            rs.getString("external_reference"), OrderStatus.valueOf(rs.getString("status")),
            new PlaceOrderRequest.Customer(rs.getString("customer_name"), rs.getString("customer_email")),
            new PlaceOrderRequest.Address(rs.getString("ship_line1"), rs.getString("ship_line2"),
                    rs.getString("ship_city"), rs.getString("ship_postal_code"), rs.getString("ship_country")),
            rs.getString("currency"), rs.getString("payment_reference"), rs.getBigDecimal("total"),
            rs.getString("tracking_token"), rs.getString("cancellation_reason"), rs.getBigDecimal("refund_amount"),
            rs.getString("refund_reference"), rs.getString("courier"), rs.getString("tracking_number"), rs.getObject("created_at", OffsetDateTime.class));

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations named;
    /** What this transaction read already: the steps of one job read an order once (rows and lines). */
    private final OrderReadCache cache;

    OrderRepository(JdbcClient jdbc, NamedParameterJdbcOperations named, DataSource dataSource) {
        this.jdbc = jdbc;
        this.named = named;
        this.cache = new OrderReadCache(dataSource);
    }

    /** Inserts the order and its lines; {@code productNames}: the catalog's name of every SKU of its lines. */
    void insert(UUID id, PlaceOrderRequest request, Map<String, String> productNames, java.math.BigDecimal total,
            String trackingToken, OffsetDateTime now) {
        PlaceOrderRequest.Address address = request.shippingAddress();
        jdbc.sql("""
                insert into customer_order (id, external_reference, status, customer_name, customer_email,
                    ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, currency, payment_reference,
                    total, tracking_token, created_at, updated_at)
                values (:id, :externalReference, :status, :name, :email, :line1, :line2, :city, :postalCode,
                    :country, :currency, :paymentReference, :total, :token, :now, :now)
                """)
                .param("id", id).param("externalReference", request.externalReference())
                .param("status", OrderStatus.RECEIVED.name())
                .param("name", request.customer().name()).param("email", request.customer().email())
                .param("line1", address.line1()).param("line2", address.line2()).param("city", address.city())
                .param("postalCode", address.postalCode()).param("country", address.country())
                .param("currency", request.currency()).param("paymentReference", request.paymentReference())
                .param("total", total).param("token", trackingToken).param("now", now)
                .update();
        // the lines as one JDBC batch: one round trip, and on PostgreSQL (reWriteBatchedInserts) one statement
        List<PlaceOrderRequest.Line> lines = request.lines();
        SqlParameterSource[] rows = new SqlParameterSource[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            PlaceOrderRequest.Line line = lines.get(i);
            rows[i] = new MapSqlParameterSource("orderId", id).addValue("lineNo", i).addValue("sku", line.sku())
                    .addValue("name", productNames.get(line.sku())).addValue("quantity", line.quantity())
                    .addValue("unitPrice", line.unitPrice());
        }
        named.batchUpdate("""
                insert into order_line (order_id, line_no, sku, product_name, quantity, unit_price)
                values (:orderId, :lineNo, :sku, :name, :quantity, :unitPrice)
                """, rows);
    }

    /** The order's row: as read or written earlier in this transaction, else from the database. */
    Optional<OrderRow> find(UUID id) {
        OrderRow known = cache.row(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<OrderRow> row = jdbc.sql("select * from customer_order where id = :id").param("id", id)
                .query(ORDER_ROW).optional();
        row.ifPresent(cache::putRow);
        return row;
    }

    List<OrderRow> page(OrderStatus status, long offset, int limit) {
        String where = status == null ? "" : " where status = :status";
        var query = jdbc.sql("select * from customer_order" + where
                + " order by created_at desc, id limit :limit offset :offset")
                .param("limit", limit).param("offset", offset);
        if (status != null) {
            query = query.param("status", status.name());
        }
        return query.query(ORDER_ROW).list();
    }

    long count(OrderStatus status) {
        if (status == null) {
            return jdbc.sql("select count(*) from customer_order").query(Long.class).single();
        }
        return jdbc.sql("select count(*) from customer_order where status = :status")
                .param("status", status.name()).query(Long.class).single();
    }

    /** The lines of each order, by id; an order's lines never change once placed, so one read per transaction. */
    Map<UUID, List<OrderView.Line>> lines(Collection<UUID> orderIds) {
        Map<UUID, List<OrderView.Line>> byOrder = new LinkedHashMap<>();
        List<UUID> unknown = new ArrayList<>();
        for (UUID id : orderIds) {
            List<OrderView.Line> known = cache.lines(id);
            if (known == null) {
                unknown.add(id);
            }
            byOrder.put(id, known == null ? new ArrayList<>() : new ArrayList<>(known));
        }
        if (!unknown.isEmpty()) {
            jdbc.sql("select * from order_line where order_id in (:ids) order by order_id, line_no")
                    .param("ids", unknown)
                    .query((RowCallbackHandler) rs -> {
                        byOrder.get(rs.getObject("order_id", UUID.class)).add(new OrderView.Line(
                                rs.getString("sku"), rs.getString("product_name"), rs.getInt("quantity"),
                                rs.getBigDecimal("unit_price")));
                    });
            unknown.forEach(id -> cache.putLines(id, byOrder.get(id)));
        }
        return byOrder;
    }

    /** Who an entry of an order's history is for: the customer's timeline, or staff's internal notes. */
    enum Audience { CUSTOMER, STAFF }

    /** An order's history, oldest first: the customer's timeline and the staff's internal notes. */
    record History(List<OrderView.TimelineEntry> timeline, List<OrderView.TimelineEntry> internalNotes) {
    }

    /** The history of each order, by id (an order without entries has two empty lists). */
    Map<UUID, History> histories(Collection<UUID> orderIds) {
        Map<UUID, History> byOrder = new LinkedHashMap<>();
        orderIds.forEach(id -> byOrder.put(id, new History(new ArrayList<>(), new ArrayList<>())));
        if (!orderIds.isEmpty()) {
            jdbc.sql("select * from order_timeline where order_id in (:ids) order by order_id, id")
                    .param("ids", orderIds)
                    .query((RowCallbackHandler) rs -> {
                        History history = byOrder.get(rs.getObject("order_id", UUID.class));
                        var entry = new OrderView.TimelineEntry(rs.getObject("at", OffsetDateTime.class).toInstant(),
                                OrderStatus.valueOf(rs.getString("status")), rs.getString("message"));
                        (Audience.valueOf(rs.getString("audience")) == Audience.STAFF ? history.internalNotes()
                                : history.timeline()).add(entry);
                    });
            // staff's notes in time order (a stable sort: notes of one moment keep the order they were written in):
            // V16 kept the staff part of old customer entries as notes added after the fact
            byOrder.values().forEach(history -> history.internalNotes()
                    .sort(Comparator.comparing(OrderView.TimelineEntry::at)));
        }
        return byOrder;
    }

    /**
     * Sets the status and appends the step to the timeline, if the order's status is one of {@code from}: the
     * check and the change are one statement. False when nothing changed (unknown order, or another status).
     */
    boolean advance(UUID id, Collection<OrderStatus> from, OrderStatus status, String message, OffsetDateTime now) {
        if (from.isEmpty()) {
            return false;
        }
        int updated = jdbc.sql("update customer_order set status = :status, updated_at = :now"
                        + " where id = :id and status in (:from)")
                .param("status", status.name()).param("now", now).param("id", id)
                .param("from", from.stream().map(Enum::name).toList()).update();
        if (updated == 0) {
            cache.forgetRow(id);
            return false;
        }
        cache.updateRow(id, row -> row.withStatus(status));
        appendTimeline(id, status, message, now);
        return true;
    }

    Optional<OrderStatus> status(UUID id) {
        return jdbc.sql("select status from customer_order where id = :id").param("id", id)
                .query((rs, n) -> OrderStatus.valueOf(rs.getString("status"))).optional();
    }

    /**
     * Appends to the history with the order's status as it stands, in one statement; false for an unknown order.
     */
    boolean appendAtCurrentStatus(UUID id, Audience audience, String message, OffsetDateTime now) {
        return jdbc.sql("""
                insert into order_timeline (order_id, at, status, audience, message)
                select id, :now, status, :audience, :message from customer_order where id = :id
                """).param("id", id).param("now", now).param("audience", audience.name())
                .param("message", truncate(message)).update() == 1;
    }

    /** Appends an entry for the customer's timeline. */
    void appendTimeline(UUID id, OrderStatus status, String message, OffsetDateTime now) {
        append(id, status, Audience.CUSTOMER, message, now);
    }

    void append(UUID id, OrderStatus status, Audience audience, String message, OffsetDateTime now) {
        jdbc.sql("""
                insert into order_timeline (order_id, at, status, audience, message)
                values (:id, :now, :status, :audience, :message)
                """).param("id", id).param("now", now).param("status", status.name())
                .param("audience", audience.name()).param("message", truncate(message)).update();
    }

    /** Locks the order row for the rest of the transaction and returns it. */
    Optional<OrderRow> lock(UUID id) {
        Optional<OrderRow> row = jdbc.sql("select * from customer_order where id = :id for update").param("id", id)
                .query(ORDER_ROW).optional();
        // the freshest there is: nobody else changes the row until this transaction ends
        row.ifPresentOrElse(cache::putRow, () -> cache.forgetRow(id));
        return row;
    }

    /** Locks the order row for the rest of the transaction and returns its status. */
    Optional<OrderStatus> lockStatus(UUID id) {
        Optional<OrderStatus> status = jdbc.sql("select status from customer_order where id = :id for update")
                .param("id", id).query((rs, n) -> OrderStatus.valueOf(rs.getString("status"))).optional();
        status.ifPresentOrElse(locked -> cache.updateRow(id, row -> row.withStatus(locked)), () -> cache.forgetRow(id));
        return status;
    }

    List<UUID> idsWithStatus(Collection<OrderStatus> statuses, UUID after, int limit) {
        return jdbc.sql("select id from customer_order where status in (:statuses)"
                        + (after == null ? "" : " and id > :after") + " order by id limit :limit")
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .param("after", after).param("limit", limit)
                .query(UUID.class).list();
    }

    void setCancellationReason(UUID id, CancellationReason reason) {
        jdbc.sql("update customer_order set cancellation_reason = :reason where id = :id")
                .param("reason", reason.name()).param("id", id).update();
        cache.forgetRow(id);
    }

    void setRefund(UUID id, java.math.BigDecimal amount, String reference) {
        jdbc.sql("update customer_order set refund_amount = :amount, refund_reference = :reference where id = :id")
                .param("amount", amount).param("reference", reference).param("id", id).update();
        cache.forgetRow(id);
    }

    void setShipment(UUID id, String courier, String trackingNumber) {
        jdbc.sql("update customer_order set courier = :courier, tracking_number = :trackingNumber where id = :id")
                .param("courier", courier).param("trackingNumber", trackingNumber).param("id", id).update();
        cache.updateRow(id, row -> row.withShipment(courier, trackingNumber));
    }

    Optional<StoredResponse> storedResponse(String clientId, String key) {
        return jdbc.sql("""
                select request_hash, order_id, response_body from idempotency_record
                 where client_id = :clientId and idempotency_key = :key
                """).param("clientId", clientId).param("key", key)
                .query((rs, n) -> new StoredResponse(rs.getString("request_hash"),
                        rs.getObject("order_id", UUID.class), rs.getString("response_body")))
                .optional();
    }

    void storeResponse(String clientId, String key, StoredResponse response, OffsetDateTime now) {
        jdbc.sql("""
                insert into idempotency_record (client_id, idempotency_key, request_hash, order_id, response_body,
                    created_at)
                values (:clientId, :key, :hash, :orderId, :body, :now)
                """).param("clientId", clientId).param("key", key).param("hash", response.requestHash())
                .param("orderId", response.orderId())
                .param("body", response.body()).param("now", now).update();
    }

}
