package dev.orderflow.order;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import dev.orderflow.system.RetentionRule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What of an order is removed after a while (the order, its lines and its status stay for good):
 * <ul>
 * <li>its {@code Idempotency-Key} after {@code orderflow.retention.idempotency-keys}, far past any storefront's
 * retries: the same key later places a new order (index {@code idempotency_record_created});</li>
 * <li>its timeline once the order has been finished (delivered or cancelled) for
 * {@code orderflow.retention.finished-order-timelines}: entries of that age of such orders (index
 * {@code order_timeline_at}). An open order keeps its whole timeline.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class OrderRetention {

    private static final List<String> FINAL = Arrays.stream(OrderStatus.values()).filter(OrderStatus::isFinal)
            .map(Enum::name).toList();

    @Bean
    RetentionRule idempotencyKeysRetention(JdbcClient jdbc,
            @Value("${orderflow.retention.idempotency-keys}") Duration keep) {
        return RetentionRule.of("idempotency_keys", keep, (olderThan, limit) -> jdbc.sql("""
                delete from idempotency_record where (client_id, idempotency_key) in (
                  select client_id, idempotency_key from idempotency_record where created_at < :olderThan
                   fetch first %d rows only)""".formatted(limit))
                .param("olderThan", Timestamp.from(olderThan)).update());
    }

    @Bean
    RetentionRule finishedOrderTimelinesRetention(JdbcClient jdbc,
            @Value("${orderflow.retention.finished-order-timelines}") Duration keep) {
        return RetentionRule.of("finished_order_timelines", keep, (olderThan, limit) -> jdbc.sql("""
                delete from order_timeline where id in (
                  select t.id from order_timeline t join customer_order o on o.id = t.order_id
                   where t.at < :olderThan and o.status in (:final) and o.updated_at < :olderThan
                   fetch first %d rows only)""".formatted(limit))
                .param("olderThan", Timestamp.from(olderThan)).param("final", FINAL).update());
    }
}
