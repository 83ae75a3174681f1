package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Messages;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.inventory.StockReplenished;
import dev.orderflow.order.CancellationReason;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderStatus;
import dev.orderflow.system.RetryingTransactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Wakes the orders a restock reserved stock for, each in a transaction of its own, after the restock committed
 * ({@link StockReplenished}), and again later for each wake-up that did not get through
 * ({@code orderflow.restock.wake-up-retry-interval}): a crash between booking and waking leaves the wake-up
 * recorded, never an order asleep on reserved goods.
 * <p>
 * What a wake-up finds, with the order's row locked first (docs/decisions/lock-order.md):
 * <ul>
 * <li>the process waits for the restock: it gets the message and goes on to picking;</li>
 * <li>the order was cancelled (or ended) meanwhile: its reservation is released;</li>
 * <li>the order has no process any more (removed by an operator): {@link OrphanedOrders} reconciles it;</li>
 * <li>the process runs but does not wait for a restock (moved by an operator): the reservation is released,
 * logged at WARN; wherever the process goes, it reserves again when it needs stock.</li>
 * </ul>
 * Each outcome is counted in {@code orderflow_restock_wakeups_total{outcome}}.
 */
@Component
class RestockWakeUps {

    enum Outcome {
        WOKEN, ALREADY_DONE, RELEASED_ORDER_ENDED, RELEASED_NOT_WAITING, RECONCILED, FAILED
    }

    private static final Logger log = LoggerFactory.getLogger(RestockWakeUps.class);
    private static final int DUE_PER_RUN = 100;

    private final RuntimeService runtime;
    private final OrderLifecycle lifecycle;
    private final InventoryService inventory;
    private final OrphanedOrders orphans;
    private final RetryingTransactions retrying;
    private final MeterRegistry registry;

    RestockWakeUps(RuntimeService runtime, OrderLifecycle lifecycle, InventoryService inventory, OrphanedOrders orphans,
            RetryingTransactions retrying, MeterRegistry registry) {
        this.runtime = runtime;
        this.lifecycle = lifecycle;
        this.inventory = inventory;
        this.orphans = orphans;
        this.retrying = retrying;
        this.registry = registry;
        for (Outcome outcome : Outcome.values()) {
            counter(outcome);
        }
    }

    /** Published after the restock committed, outside any transaction. */
    @EventListener
    void on(StockReplenished replenished) {
        wake(replenished.orderId());
    }

    /** Wake-ups that failed or were cut short by a crash, as they fall due. */
    @Scheduled(initialDelayString = "${orderflow.restock.wake-up-retry-interval}",
            fixedDelayString = "${orderflow.restock.wake-up-retry-interval}")
    void wakeDue() {
        inventory.dueWakeUps(DUE_PER_RUN).forEach(this::wake);
    }

    /** Never throws: a wake-up that fails is recorded and tried again later. */
    Outcome wake(UUID orderId) {
        Outcome outcome;
        try {
            outcome = retrying.execute(() -> wakeNow(orderId));
        } catch (RuntimeException e) {
            outcome = Outcome.FAILED;
            try {
                int attempts = inventory.wakeUpFailed(orderId, e.toString());
                log.warn("Order {} got stock from a restock but could not be woken (attempt {}); tried again later",
                        orderId, attempts, e);
            } catch (RuntimeException recording) {
                log.warn("Order {} could not be woken, nor the failure recorded; the wake-up stays due", orderId,
                        recording);
            }
        }
        counter(outcome).increment();
        return outcome;
    }

    private Outcome wakeNow(UUID orderId) {
        OrderStatus status = lifecycle.lock(orderId);
        if (!inventory.wakeUpPending(orderId)) {
            return Outcome.ALREADY_DONE;
        }
        // the restock has committed (its wake-up row is visible): release sees every reservation it made
        if (!status.isOpen()) {
            inventory.release(orderId);
            inventory.wakeUpDone(orderId);
            log.info("Order {} was {} before its restock reached it: reservation released", orderId, status);
            return Outcome.RELEASED_ORDER_ENDED;
        }
        if (!orphans.hasProcess(orderId)) {
            orphans.reconcile(orderId, status, OrphanedOrders.FOUND_BY_WAKE_UP, CancellationReason.STOPPED_BY_STAFF,
                    null);
            inventory.wakeUpDone(orderId);
            return Outcome.RECONCILED;
        }
        // asked, not tried: a failed correlation would mark this whole transaction for rollback
        boolean waiting = runtime.createExecutionQuery().processInstanceBusinessKey(orderId.toString())
                .messageEventSubscriptionName(Messages.STOCK_REPLENISHED).count() > 0;
        if (!waiting) {
            inventory.release(orderId);
            inventory.wakeUpDone(orderId);
            log.warn("Order {} ({}) got stock from a restock, but its process does not wait for one (changed by an"
                    + " operator?): reservation released; the process reserves again when it needs stock", orderId,
                    status);
            return Outcome.RELEASED_NOT_WAITING;
        }
        inventory.wakeUpDone(orderId);
        try {
            runtime.createMessageCorrelation(Messages.STOCK_REPLENISHED).processInstanceBusinessKey(orderId.toString())
                    .correlateWithResult();
        } catch (OptimisticLockingException e) {
            throw new OptimisticLockingFailureException("the order's process moved on meanwhile", e);
        }
        return Outcome.WOKEN;
    }

    private Counter counter(Outcome outcome) {
        return Counter.builder("orderflow.restock.wakeups")
                .description("Orders a restock reserved stock for, by what their wake-up found")
                .tag("outcome", outcome.name().toLowerCase()).register(registry);
    }
}
