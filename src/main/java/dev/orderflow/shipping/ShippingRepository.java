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

    /**
     * The parcel's shipment, its row locked until the transaction ends. The courier's webhook and the process step
     * that takes the courier's events both lock it before they look at the parcel's events, so an event arriving
     * while the order reaches its delivery wait is seen by one of the two, never by neither.
     */
    Optional<Shipment> lockByTrackingNumber(String trackingNumber) {
        return jdbc.sql("select * from shipment where tracking_number = :trackingNumber for update")
                .param("trackingNumber", trackingNumber)
                .query(SHIPMENT_ROW).optional();
    }

    /** {@link #lockByTrackingNumber}, found by the order. */
    Optional<Shipment> lockByOrder(UUID orderId) {
        return jdbc.sql("select * from shipment where order_id = :orderId for update").param("orderId", orderId)
                .query(SHIPMENT_ROW).optional();
    }

    void redeliveryRequested(UUID orderId, OffsetDateTime now) {
        jdbc.sql("update shipment set redelivery_requested_at = :now where order_id = :orderId")
                .param("now", now).param("orderId", orderId).update();
    }

    /** When the courier last agreed to deliver again, or null. */
    OffsetDateTime redeliveryRequestedAt(UUID orderId) {
        return jdbc.sql("select redelivery_requested_at from shipment where order_id = :orderId")
                .param("orderId", orderId).query(OffsetDateTime.class).optional().orElse(null);
    }
}
