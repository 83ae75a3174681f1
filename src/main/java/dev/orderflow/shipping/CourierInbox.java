package dev.orderflow.shipping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.orderflow.shipping.CourierEventRules.InboxEvent;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The courier's events ({@code courier_event_inbox}), one row per (tracking number, event id), kept PENDING until
 * the order's process takes them, then APPLIED or IGNORED. Callers hold the parcel's shipment row lock
 * ({@link ShippingRepository#lockByTrackingNumber}) around every use, which serialises the webhook and the process.
 */
@Repository
class CourierInbox {

    enum State {
        PENDING,
        APPLIED,
        IGNORED
    }

    private static final RowMapper<InboxEvent> EVENT_ROW = (rs, row) -> new InboxEvent(
            rs.getString("tracking_number"), rs.getString("event_id"), CourierEventType.valueOf(rs.getString("type")),
            rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
            rs.getObject("received_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;

    CourierInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the event as PENDING unless this parcel has an event with this id already; true when it is new. */
    boolean insertIfNew(UUID orderId, String trackingNumber, String eventId, CourierEventType type, Instant at,
            Instant now) {
        return jdbc.sql("""
                insert into courier_event_inbox (tracking_number, event_id, order_id, type, occurred_at, received_at,
                    state)
                select :trackingNumber, :eventId, :orderId, :type, :at, :now, 'PENDING' from (values (1)) as one (x)
                 where not exists (select 1 from courier_event_inbox
                                    where tracking_number = :trackingNumber and event_id = :eventId)
                """).param("trackingNumber", trackingNumber).param("eventId", eventId).param("orderId", orderId)
                .param("type", type.name()).param("at", utc(at)).param("now", utc(now)).update() == 1;
    }

    boolean anyFor(UUID orderId) {
        return jdbc.sql("select count(*) from courier_event_inbox where order_id = :orderId").param("orderId", orderId)
                .query(Integer.class).single() > 0;
    }

    List<InboxEvent> pending(UUID orderId) {
        return jdbc.sql("""
                select * from courier_event_inbox where order_id = :orderId and state = 'PENDING'
                 order by occurred_at, received_at, event_id
                """).param("orderId", orderId).query(EVENT_ROW).list();
    }

    /** The courier's time of the newest event that took effect for this order, or null. */
    Instant newestApplied(UUID orderId) {
        return jdbc.sql("""
                select max(occurred_at) from courier_event_inbox where order_id = :orderId and state = 'APPLIED'
                """).param("orderId", orderId).query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant).orElse(null);
    }

    /** The type of the newest event (by the courier's time) that took effect for this order, if any. */
    Optional<CourierEventType> newestAppliedType(UUID orderId) {
        return jdbc.sql("""
                select type from courier_event_inbox where order_id = :orderId and state = 'APPLIED'
                 order by occurred_at desc, received_at desc fetch first 1 rows only
                """).param("orderId", orderId).query(String.class).optional().map(CourierEventType::valueOf);
    }

    /** The courier's time of the delivery report that took effect for this order, if one did. */
    Optional<Instant> appliedDelivery(UUID orderId) {
        return jdbc.sql("""
                select max(occurred_at) from courier_event_inbox
                 where order_id = :orderId and state = 'APPLIED' and type = 'DELIVERED'
                """).param("orderId", orderId).query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant);
    }

    void settle(InboxEvent event, State state, String outcome, Instant now) {
        jdbc.sql("""
                update courier_event_inbox set state = :state, outcome = :outcome, settled_at = :now
                 where tracking_number = :trackingNumber and event_id = :eventId
                """).param("state", state.name()).param("outcome", abbreviate(outcome)).param("now", utc(now))
                .param("trackingNumber", event.trackingNumber()).param("eventId", event.eventId()).update();
    }

    /** Settles every pending event of an order that has ended: none of them can take effect any more. */
    int ignorePending(UUID orderId, String outcome, Instant now) {
        return jdbc.sql("""
                update courier_event_inbox set state = 'IGNORED', outcome = :outcome, settled_at = :now
                 where order_id = :orderId and state = 'PENDING'
                """).param("orderId", orderId).param("outcome", abbreviate(outcome)).param("now", utc(now)).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200);
    }
}
