package dev.orderflow.fulfillment.versions;

import java.sql.Timestamp;
import java.time.Duration;

import dev.orderflow.system.RetentionRule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finished migration batches are removed {@code orderflow.retention.process-migrations} after they ended: first
 * their orders that moved, then the batch once no order of it is left. A refusal stays with its batch: it keeps
 * the order from being tried again for that version (MigrationBatches#refused).
 */
@Configuration(proxyBeanMethods = false)
class MigrationRetention {

    @Bean
    RetentionRule processMigrationsRetention(JdbcClient jdbc,
            @Value("${orderflow.retention.process-migrations}") Duration keep) {
        return RetentionRule.of("process_migrations", keep, (olderThan, limit) -> {
            int orders = jdbc.sql("""
                    delete from process_migration_order where (batch_id, process_instance_id) in (
                      select o.batch_id, o.process_instance_id from process_migration_order o
                        join process_migration_batch b on b.batch_id = o.batch_id
                       where b.state <> 'RUNNING' and b.finished_at < :olderThan and o.refusal is null
                       fetch first %d rows only)""".formatted(limit))
                    .param("olderThan", Timestamp.from(olderThan)).update();
            if (orders < limit) {
                orders += jdbc.sql("""
                        delete from process_migration_batch b where b.state <> 'RUNNING' and b.finished_at < :olderThan
                           and not exists (select 1 from process_migration_order o where o.batch_id = b.batch_id)""")
                        .param("olderThan", Timestamp.from(olderThan)).update();
            }
            return orders;
        });
    }
}
