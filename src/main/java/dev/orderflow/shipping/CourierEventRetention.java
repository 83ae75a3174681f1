package dev.orderflow.shipping;

import java.sql.Timestamp;
import java.time.Duration;

import dev.orderflow.system.RetentionRule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The courier's events are removed from the inbox once they were settled (applied or ignored) longer than
 * {@code orderflow.retention.courier-events} ago and their order is finished (delivered or cancelled): nothing
 * reads them any more, and the same event sent again then is ignored as news for a finished order. Pending
 * events, and the events of orders still open, stay. Index {@code courier_event_inbox_settled}.
 */
@Configuration(proxyBeanMethods = false)
class CourierEventRetention {

    @Bean
    RetentionRule courierEventsRetention(JdbcClient jdbc, @Value("${orderflow.retention.courier-events}") Duration keep) {
        return RetentionRule.of("courier_events", keep, (olderThan, limit) -> jdbc.sql("""
                delete from courier_event_inbox where (tracking_number, event_id) in (
                  select e.tracking_number, e.event_id from courier_event_inbox e
                    join customer_order o on o.id = e.order_id
                   where e.settled_at < :olderThan and e.state <> 'PENDING' and o.status in ('DELIVERED', 'CANCELLED')
                   fetch first %d rows only)""".formatted(limit))
                .param("olderThan", Timestamp.from(olderThan)).update());
    }
}
