package dev.orderflow.shipping;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ShippingRepository {

    private static final RowMapper<Shipment> SHIPMENT_ROW = (rs, row) -> new Shipment(
            rs.getObject("order_id", UUID.class), rs.getString("courier"), rs.getString("service_level"),
            rs.getString("tracking_number"), rs.getString("label_reference"), rs.getString("pickup_reference"));

    private final JdbcClient jdbc;

    ShippingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Shipment> byOrder(UUID orderId) {
        return jdbc.sql("select * from shipment where order_id = :orderId").param("orderId", orderId)
                .query(SHIPMENT_ROW).optional();
    }

    Optional<Shipment> byTrackingNumber(String trackingNumber) {
        return jdbc.sql("select * from shipment where tracking_number = :trackingNumber")
                .param("trackingNumber", trackingNumber)
                .query(SHIPMENT_ROW).optional();
    }

    void insert(Shipment shipment, OffsetDateTime now) {
        jdbc.sql("""
                insert into shipment (order_id, courier, service_level, tracking_number, label_reference, status,
                    created_at)
                values (:orderId, :courier, :serviceLevel, :trackingNumber, :labelReference, 'LABELLED', :now)
                """).param("orderId", shipment.orderId()).param("courier", shipment.courier())
                .param("serviceLevel", shipment.serviceLevel()).param("trackingNumber", shipment.trackingNumber())
                .param("labelReference", shipment.labelReference()).param("now", now).update();
    }

    void handedOver(UUID orderId, String pickupReference, OffsetDateTime now) {
        jdbc.sql("""
                update shipment set pickup_reference = :pickupReference, status = 'HANDED_OVER',
                    handed_over_at = :now where order_id = :orderId
                """).param("pickupReference", pickupReference).param("now", now).param("orderId", orderId)
                .update();
    }

    void setStatus(UUID orderId, CourierEventType type) {
        jdbc.sql("update shipment set status = :status where order_id = :orderId")
                .param("status", type.name()).param("orderId", orderId).update();
    }

    /** Stores the event unless its id is known; true when it is new. */
    boolean insertEventIfNew(String eventId, String trackingNumber, CourierEventType type, OffsetDateTime at,
            OffsetDateTime now) {
        return jdbc.sql("""
                insert into courier_event (event_id, tracking_number, type, occurred_at, received_at)
                select :eventId, :trackingNumber, :type, :at, :now from (values (1)) as one (x)
                 where not exists (select 1 from courier_event where event_id = :eventId)
                """).param("eventId", eventId).param("trackingNumber", trackingNumber).param("type", type.name())
                .param("at", at).param("now", now).update() == 1;
    }
}
