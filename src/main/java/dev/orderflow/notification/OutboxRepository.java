package dev.orderflow.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    /** A row the relay is about to send. */
    record Pending(long id, UUID orderId, NotificationType type, String recipient, String subject, int attempts) {
    }

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the row unless this order already has one of this type; true when written. */
    boolean insertIfAbsent(UUID orderId, NotificationType type, String recipient, String subject,
            OffsetDateTime now) {
        return jdbc.sql("""
                insert into notification_outbox (order_id, type, recipient, subject, state, attempts,
                    next_attempt_at, created_at)
                select :orderId, :type, :recipient, :subject, 'PENDING', 0, :now, :now from (values (1)) as one (x)
                 where not exists (select 1 from notification_outbox where order_id = :orderId and type = :type)
                """).param("orderId", orderId).param("type", type.name()).param("recipient", recipient)
                .param("subject", subject).param("now", now).update() == 1;
    }

    /**
     * Claims due rows for this relay. {@code skip locked} lets several instances on one database relay in
     * parallel without ever taking the same row.
     */
    List<Pending> lockDue(OffsetDateTime now, int limit) {
        return jdbc.sql("""
                select id, order_id, type, recipient, subject, attempts from notification_outbox
                 where state = 'PENDING' and next_attempt_at <= :now
                 order by next_attempt_at, id
                 limit :limit
                 for update skip locked
                """).param("now", now).param("limit", limit)
                .query((rs, n) -> new Pending(rs.getLong("id"), rs.getObject("order_id", UUID.class),
                        NotificationType.valueOf(rs.getString("type")), rs.getString("recipient"),
                        rs.getString("subject"), rs.getInt("attempts")))
                .list();
    }

    void markSent(long id, OffsetDateTime now) {
        jdbc.sql("update notification_outbox set state = 'SENT', sent_at = :now, attempts = attempts + 1 where id = :id")
                .param("now", now).param("id", id).update();
    }

    void markRetry(long id, OffsetDateTime nextAttempt, String error) {
        jdbc.sql("""
                update notification_outbox set attempts = attempts + 1, next_attempt_at = :next, last_error = :error
                 where id = :id
                """).param("next", nextAttempt).param("error", truncate(error)).param("id", id).update();
    }

    void markFailed(long id, String error) {
        jdbc.sql("update notification_outbox set state = 'FAILED', attempts = attempts + 1, last_error = :error where id = :id")
                .param("error", truncate(error)).param("id", id).update();
    }

    List<NotificationView> forOrder(UUID orderId) {
        return jdbc.sql("select * from notification_outbox where order_id = :orderId order by created_at, id")
                .param("orderId", orderId)
                .query((rs, n) -> new NotificationView(NotificationType.valueOf(rs.getString("type")),
                        rs.getString("recipient"), rs.getString("subject"), rs.getString("state"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("sent_at", OffsetDateTime.class) == null ? null
                                : rs.getObject("sent_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
