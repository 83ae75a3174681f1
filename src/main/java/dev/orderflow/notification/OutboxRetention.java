package dev.orderflow.notification;

import java.sql.Timestamp;
import java.time.Duration;

import dev.orderflow.system.RetentionRule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mails in the outbox are removed some time after they were written: sent ones after
 * {@code orderflow.retention.sent-mails}, failed ones (a person may still look into them) after
 * {@code orderflow.retention.failed-mails}. Mails not yet sent (PENDING, SENDING) stay whatever their age. Served
 * by the index {@code notification_outbox_purge (state, created_at)}.
 */
@Configuration(proxyBeanMethods = false)
class OutboxRetention {

    @Bean
    RetentionRule sentMailsRetention(JdbcClient jdbc, @Value("${orderflow.retention.sent-mails}") Duration keep) {
        return RetentionRule.of("sent_mails", keep, (olderThan, limit) -> purge(jdbc, "SENT", olderThan, limit));
    }

    @Bean
    RetentionRule failedMailsRetention(JdbcClient jdbc, @Value("${orderflow.retention.failed-mails}") Duration keep) {
        return RetentionRule.of("failed_mails", keep, (olderThan, limit) -> purge(jdbc, "FAILED", olderThan, limit));
    }

    private static int purge(JdbcClient jdbc, String state, java.time.Instant olderThan, int limit) {
        return jdbc.sql("""
                delete from notification_outbox where id in (select id from notification_outbox
                 where state = :state and created_at < :olderThan fetch first %d rows only)""".formatted(limit))
                .param("state", state).param("olderThan", Timestamp.from(olderThan)).update();
    }
}
