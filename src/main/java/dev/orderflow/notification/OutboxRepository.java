package dev.orderflow.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    /** A mail the relay has claimed and is about to send. */
    record Outgoing(long id, UUID orderId, NotificationType type, String recipient, String subject, String html,
            String text, int attempts) {

        /** The same for every attempt, so mail systems that see a repeat can drop it. */
        String messageId() {
            return "<" + orderId + "." + type.name().toLowerCase() + "@orderflow>";
        }
    }

    /** A due mail, and whether a later mail of its order is queued behind it (it falls due once this one is out). */
    record Due(Outgoing mail, boolean nextQueued) {
    }

    private static final RowMapper<Outgoing> OUTGOING = (rs, n) -> new Outgoing(rs.getLong("id"),
            rs.getObject("order_id", UUID.class), NotificationType.valueOf(rs.getString("type")),
            rs.getString("recipient"), rs.getString("subject"), rs.getString("body_html"), rs.getString("body_text"),
            rs.getInt("attempts"));

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations named;

    OutboxRepository(JdbcClient jdbc, NamedParameterJdbcOperations named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /** Writes the mail unless this order already has one of this type; true when written. */
    boolean insertIfAbsent(UUID orderId, NotificationType type, String recipient, MailTemplates.Mail mail,
            OffsetDateTime now) {
        return jdbc.sql("""
                insert into notification_outbox (order_id, type, recipient, subject, body_html, body_text, state,
                    attempts, next_attempt_at, created_at)
                select :orderId, :type, :recipient, :subject, :html, :text, 'PENDING', 0, :now, :now
                  from (values (1)) as one (x)
                 where not exists (select 1 from notification_outbox where order_id = :orderId and type = :type)
                """).param("orderId", orderId).param("type", type.name()).param("recipient", recipient)
                .param("subject", mail.subject()).param("html", mail.html()).param("text", mail.text())
                .param("now", now).update() == 1;
    }

    boolean exists(UUID orderId, NotificationType type) {
        return jdbc.sql("select count(*) from notification_outbox where order_id = :orderId and type = :type")
                .param("orderId", orderId).param("type", type.name()).query(Integer.class).single() > 0;
    }

    /**
     * Due rows, locked for this transaction; {@code skip locked} keeps other relays off them. A mail waits while
     * an earlier mail of its order is still pending, so a customer never reads "shipped" before "confirmed"
     * because the confirmation's retries after an outage fell due later. (One being sent, or left in doubt by a
     * relay that stopped, does not hold the next back: that one is reported, never resent.)
     */
    List<Due> lockDue(OffsetDateTime now, int limit) {
        return jdbc.sql("""
                select id, order_id, type, recipient, subject, body_html, body_text, attempts,
                       exists (select 1 from notification_outbox later
                                where later.order_id = mail.order_id and later.id > mail.id
                                  and later.state = 'PENDING') as next_queued
                  from notification_outbox mail
                 where state = 'PENDING' and next_attempt_at <= :now
                   and not exists (select 1 from notification_outbox earlier
                                    where earlier.order_id = mail.order_id and earlier.id < mail.id
                                      and earlier.state = 'PENDING')
                 order by next_attempt_at, id
                 limit :limit
                 for update skip locked
                """).param("now", now).param("limit", limit)
                .query((rs, n) -> new Due(OUTGOING.mapRow(rs, n), rs.getBoolean("next_queued")))
                .list();
    }

    /** Claims the mails {@code ids} (one statement for a whole batch). */
    void markSending(List<Long> ids, OffsetDateTime now) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update notification_outbox set state = 'SENDING', claimed_at = :now where id in (:ids)")
                .param("now", now).param("ids", ids).update();
    }

    /** The server took these mails: id to when. One JDBC batch, one round trip, each mail with its own time. */
    void markSent(Map<Long, OffsetDateTime> sentAt) {
        if (sentAt.isEmpty()) {
            return;
        }
        named.batchUpdate("""
                update notification_outbox set state = 'SENT', sent_at = :now, attempts = attempts + 1,
                    last_error = null
                 where id = :id
                """, sentAt.entrySet().stream()
                .map(sent -> new MapSqlParameterSource("id", sent.getKey()).addValue("now", sent.getValue()))
                .toArray(SqlParameterSource[]::new));
    }

    /** Claimed mails the relay did not try: pending again, as if never claimed (no attempt counted). */
    void putBack(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update notification_outbox set state = 'PENDING', claimed_at = null where id in (:ids)")
                .param("ids", ids).update();
    }

    void markRetry(long id, OffsetDateTime nextAttempt, String error) {
        jdbc.sql("""
                update notification_outbox set state = 'PENDING', attempts = attempts + 1, next_attempt_at = :next,
                    last_error = :error, claimed_at = null
                 where id = :id
                """).param("next", nextAttempt).param("error", truncate(error)).param("id", id).update();
    }

    void markFailed(long id, String error) {
        jdbc.sql("""
                update notification_outbox set state = 'FAILED', attempts = attempts + 1, last_error = :error
                 where id = :id
                """).param("error", truncate(error)).param("id", id).update();
    }

    /** Claims older than {@code before}: the relay that held them stopped while sending. */
    List<Outgoing> lockStaleClaims(OffsetDateTime before) {
        return jdbc.sql("""
                select id, order_id, type, recipient, subject, body_html, body_text, attempts from notification_outbox
                 where state = 'SENDING' and claimed_at < :before
                 for update skip locked
                """).param("before", before)
                .query(OUTGOING)
                .list();
    }

    long countByState(String state) {
        return jdbc.sql("select count(*) from notification_outbox where state = :state").param("state", state)
                .query(Long.class).single();
    }

    List<NotificationView> forOrder(UUID orderId) {
        return jdbc.sql("select * from notification_outbox where order_id = :orderId order by created_at, id")
                .param("orderId", orderId)
                .query((rs, n) -> new NotificationView(NotificationType.valueOf(rs.getString("type")),
                        rs.getString("recipient"), rs.getString("subject"), apiState(rs.getString("state")),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("sent_at", OffsetDateTime.class) == null ? null
                                : rs.getObject("sent_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The API knows PENDING, SENT and FAILED: a mail being sent this moment is still pending. */
    private static String apiState(String state) {
        return "SENDING".equals(state) ? "PENDING" : state;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
