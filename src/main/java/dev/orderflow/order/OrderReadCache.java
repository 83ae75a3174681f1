package dev.orderflow.order;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The order rows and lines {@link OrderRepository} read in the current transaction, so that the steps of one job
 * (a job runs up to seven of them) read an order once instead of once each. Kept only while a transaction on the
 * service's database is active, dropped when it ends; a write of the order in the transaction updates or drops its
 * entry, so a step sees its own writes. Nothing is kept outside a transaction, and a transaction started inside
 * another ({@code REQUIRES_NEW}) reads the database: it cannot see what the outer one wrote.
 */
final class OrderReadCache {

    /** One transaction's reads; {@code transaction}: the connection holder of the transaction they belong to. */
    private record Reads(Object transaction, Map<UUID, OrderRepository.OrderRow> rows,
            Map<UUID, List<OrderView.Line>> lines) {
    }

    private final DataSource dataSource;

    OrderReadCache(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The row read or written in this transaction; null when none (or outside a transaction). */
    OrderRepository.OrderRow row(UUID id) {
        Reads reads = current();
        return reads == null ? null : reads.rows().get(id);
    }

    /** The lines read in this transaction; null when none (or outside a transaction). */
    List<OrderView.Line> lines(UUID id) {
        Reads reads = current();
        return reads == null ? null : reads.lines().get(id);
    }

    void putRow(OrderRepository.OrderRow row) {
        Reads reads = current();
        if (reads != null) {
            reads.rows().put(row.id(), row);
        }
    }

    void putLines(UUID id, List<OrderView.Line> lines) {
        Reads reads = current();
        if (reads != null) {
            reads.lines().put(id, List.copyOf(lines));
        }
    }

    /** After a write whose effect on the row is known: the kept row (if any) as the write left it. */
    void updateRow(UUID id, UnaryOperator<OrderRepository.OrderRow> write) {
        Reads reads = current();
        if (reads != null) {
            reads.rows().computeIfPresent(id, (key, row) -> write.apply(row));
        } else {
            forgetRow(id);
        }
    }

    /** After any other write of the order's row: the next read in this transaction goes to the database. */
    void forgetRow(UUID id) {
        // also when written by a transaction inside the one that read it: that one reads the row again
        if (TransactionSynchronizationManager.getResource(this) instanceof Reads reads) {
            reads.rows().remove(id);
        }
    }

    private Reads current() {
        Object transaction = TransactionSynchronizationManager.getResource(dataSource);
        if (transaction == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Reads reads = (Reads) TransactionSynchronizationManager.getResource(this);
        if (reads == null) {
            Reads created = new Reads(transaction, new HashMap<>(), new HashMap<>());
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(OrderReadCache.this);
                }
            });
            return created;
        }
        // an inner transaction (REQUIRES_NEW) has a connection of its own: it must not see the outer one's reads
        return reads.transaction() == transaction ? reads : null;
    }
}
