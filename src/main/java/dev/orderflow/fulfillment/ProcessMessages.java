package dev.orderflow.fulfillment;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Messages;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.CancellationReason;
import dev.orderflow.order.CancellationRequested;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderStateConflictException;
import dev.orderflow.order.StockDecision;
import dev.orderflow.order.StockDecisionRequested;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Turns news from the feature packages into messages for the order's process, inside the transaction that
 * brought the news (restocks wake orders in transactions of their own: {@link RestockWakeUps}; courier events go
 * through an inbox: {@link CourierEvents}). A process that is not waiting for the message makes the request a
 * conflict ({@link OrderStateConflictException}); a step of the same process running at that moment makes it an optimistic-locking failure the
 * caller retries.
 */
@Component
class ProcessMessages {

    private final RuntimeService runtime;
    private final OrderLifecycle lifecycle;
    private final OrphanedOrders orphans;

    ProcessMessages(RuntimeService runtime, OrderLifecycle lifecycle, OrphanedOrders orphans) {
        this.runtime = runtime;
        this.lifecycle = lifecycle;
        this.orphans = orphans;
    }

    /**
     * The order's row is locked already ({@code OrderLifecycle.decideStock}). An order whose process an operator
     * removed cannot wait any more: it is cancelled (refunded, as the customer asked, or stopped by staff).
     */
    @EventListener
    void on(StockDecisionRequested request) {
        if (!orphans.hasProcess(request.orderId())) {
            boolean refund = request.decision() == StockDecision.REFUND;
            orphans.reconcile(request.orderId(), lifecycle.lock(request.orderId()), OrphanedOrders.FOUND_BY_STOCK_DECISION,
                    refund ? CancellationReason.OUT_OF_STOCK_REFUND : CancellationReason.STOPPED_BY_STAFF, null);
            return;
        }
        correlate(runtime.createMessageCorrelation(Messages.STOCK_DECISION_RECEIVED)
                .processInstanceBusinessKey(request.orderId().toString())
                .setVariable(Variables.STOCK_DECISION, request.decision().name()),
                "order " + request.orderId() + " has no stock decision pending");
    }

    /**
     * The order's row is locked already ({@code OrderLifecycle.requestCancellation}): its status is open. An order
     * whose process an operator removed is cancelled here all the same ({@link OrphanedOrders}), not refused.
     */
    @EventListener
    void on(CancellationRequested request) {
        boolean withNote = request.reason() != null && !request.reason().isBlank();
        if (!orphans.hasProcess(request.orderId())) {
            orphans.reconcile(request.orderId(), lifecycle.lock(request.orderId()), OrphanedOrders.FOUND_BY_CANCELLATION,
                    CancellationReason.CUSTOMER_REQUEST, withNote ? request.reason() : null);
            return;
        }
        MessageCorrelationBuilder message = runtime.createMessageCorrelation(Messages.CANCELLATION_REQUESTED)
                .processInstanceBusinessKey(request.orderId().toString());
        if (withNote) {
            message.setVariable(Variables.CANCELLATION_NOTE, request.reason());
        }
        correlate(message, "order " + request.orderId() + " can no longer be cancelled");
    }

    private static void correlate(MessageCorrelationBuilder message, String conflict) {
        try {
            message.correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
            throw new OrderStateConflictException(conflict);
        } catch (OptimisticLockingException e) {
            throw new OptimisticLockingFailureException("the order's process moved on meanwhile", e);
        }
    }
}
