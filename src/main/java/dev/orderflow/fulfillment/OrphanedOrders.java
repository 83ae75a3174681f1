package dev.orderflow.fulfillment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.order.CancellationReason;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.order.OrderStatus;
import dev.orderflow.system.AfterCommit;
import dev.orderflow.system.RetryingTransactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.NativeProcessInstanceQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Orders whose process is gone while the order is still open (an operator deleted the process instance in
 * Cockpit, say). Such an order would wait forever, holding its reserved stock. It is reconciled: its stock is
 * released, it ends {@code CANCELLED} ({@link CancellationReason#STOPPED_BY_STAFF}, or the customer's own
 * cancellation when that is what found it) with a line on its timeline, and a new process instance of it runs
 * the model's refund and cancellation mail, with their usual retries and incidents. Each case is logged at WARN
 * and counted in {@code orderflow_orders_reconciled_total{found_by}}.
 * <p>
 * Found four ways: by a restock's wake-up, by a cancellation request, by a stock decision, and by the periodic check
 * ({@code orderflow.reconciliation.interval}) of every open order, which also finds the orders nothing else
 * would touch. Orders handed to the courier are not cancelled (the goods are gone); only open ones are checked.
 */
@Component
class OrphanedOrders {

    static final String FOUND_BY_WAKE_UP = "wake_up";
    static final String FOUND_BY_CANCELLATION = "cancellation";
    static final String FOUND_BY_STOCK_DECISION = "stock_decision";
    static final String FOUND_BY_RECONCILIATION = "reconciliation";

    private static final Logger log = LoggerFactory.getLogger(OrphanedOrders.class);
    private static final int PAGE = 200;

    private final RuntimeService runtime;
    private final ManagementService management;
    private final OrderQueries orders;
    private final OrderLifecycle lifecycle;
    private final InventoryService inventory;
    private final RetryingTransactions retrying;
    private final MeterRegistry registry;

    OrphanedOrders(RuntimeService runtime, ManagementService management, OrderQueries orders, OrderLifecycle lifecycle,
            InventoryService inventory, RetryingTransactions retrying, MeterRegistry registry) {
        this.runtime = runtime;
        this.management = management;
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.inventory = inventory;
        this.retrying = retrying;
        this.registry = registry;
        for (String foundBy : List.of(FOUND_BY_WAKE_UP, FOUND_BY_CANCELLATION, FOUND_BY_STOCK_DECISION,
                FOUND_BY_RECONCILIATION)) {
            counter(foundBy);
        }
    }

    /** Whether the order has a process instance (running or waiting). */
    boolean hasProcess(UUID orderId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId.toString()).count() > 0;
    }

    /**
     * Reconciles an open order that has no process, in the caller's transaction, which has locked the order's
     * row ({@link OrderLifecycle#lock}) and found no process ({@link #hasProcess}). {@code note}: what the customer
     * wrote when cancelling (their timeline shows it), or null.
     */
    void reconcile(UUID orderId, OrderStatus status, String foundBy, CancellationReason reason, String note) {
        inventory.release(orderId);
        lifecycle.cancel(orderId, reason, note, null);
        // the model's own refund and cancellation mail, with their retries and incidents
        runtime.createProcessInstanceByKey(OrderFulfillmentProcess.PROCESS_KEY)
                .businessKey(orderId.toString())
                .setVariable(Variables.ORDER_ID, orderId.toString())
                .startBeforeActivity(Elements.TASK_REFUND_PAYMENT)
                .execute();
        log.warn("Order {} was {} but had no process any more (removed by an operator?); found by {}: cancelled"
                + " ({}), its stock released, refund and cancellation mail started", orderId, status, foundBy, reason);
        Counter counter = counter(foundBy);
        AfterCommit.run(counter::increment);
    }

    /**
     * Checks every open order for its process and reconciles those without one, each in a transaction of its
     * own: one that fails is logged and tried again on the next run, the others go on.
     *
     * @return how many orders were reconciled
     */
    @Scheduled(initialDelayString = "${orderflow.reconciliation.interval}",
            fixedDelayString = "${orderflow.reconciliation.interval}")
    int reconcileOrdersWithoutProcess() {
        int reconciled = 0;
        UUID after = null;
        List<UUID> page;
        do {
            page = orders.openOrders(after, PAGE);
            Set<String> withProcess = withProcess(page);
            for (UUID orderId : page) {
                if (!withProcess.contains(orderId.toString()) && reconcileIfStillWithoutProcess(orderId)) {
                    reconciled++;
                }
            }
            after = page.isEmpty() ? null : page.get(page.size() - 1);
        } while (page.size() == PAGE);
        return reconciled;
    }

    private boolean reconcileIfStillWithoutProcess(UUID orderId) {
        try {
            return retrying.execute(() -> {
                OrderStatus status = lifecycle.lock(orderId);
                if (!status.isOpen() || hasProcess(orderId)) {
                    return false;
                }
                reconcile(orderId, status, FOUND_BY_RECONCILIATION, CancellationReason.STOPPED_BY_STAFF, null);
                return true;
            });
        } catch (RuntimeException e) {
            log.warn("Order {} has no process and could not be reconciled yet; tried again on the next run", orderId,
                    e);
            return false;
        }
    }

    /** The business keys among {@code orderIds} that have a process instance: one query for the whole page. */
    private Set<String> withProcess(List<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return Set.of();
        }
        NativeProcessInstanceQuery query = runtime.createNativeProcessInstanceQuery();
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < orderIds.size(); i++) {
            placeholders.add("#{k" + i + "}");
            query.parameter("k" + i, orderIds.get(i).toString());
        }
        query.sql("SELECT RES.* FROM " + management.getTableName(ProcessInstance.class) + " RES"
                + " WHERE RES.ID_ = RES.PROC_INST_ID_ AND RES.BUSINESS_KEY_ IN (" + String.join(", ", placeholders) + ")");
        return query.list().stream().map(ProcessInstance::getBusinessKey).collect(Collectors.toCollection(HashSet::new));
    }

    private Counter counter(String foundBy) {
        return Counter.builder("orderflow.orders.reconciled")
                .description("Open orders found without their process (removed by an operator) and cancelled")
                .tag("found_by", foundBy).register(registry);
    }
}
