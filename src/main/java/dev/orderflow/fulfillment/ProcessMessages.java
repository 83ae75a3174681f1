package dev.orderflow.fulfillment;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Messages;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.inventory.StockReplenished;
import dev.orderflow.order.CancellationRequested;
import dev.orderflow.order.StockDecisionRequested;
import dev.orderflow.system.ApiProblem;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Turns news from the feature packages into messages for the order's process, inside the transaction that
 * brought the news. A process that is not waiting for the message makes the request a conflict (409); a
 * step of the same process running at that moment makes it an optimistic-locking failure the caller retries.
 */
@Component
class ProcessMessages {

    private final RuntimeService runtime;

    ProcessMessages(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void on(StockDecisionRequested request) {
        correlate(runtime.createMessageCorrelation(Messages.STOCK_DECISION_RECEIVED)
                .processInstanceBusinessKey(request.orderId().toString())
                .setVariable(Variables.STOCK_DECISION, request.decision().name()),
                "order " + request.orderId() + " has no stock decision pending");
    }

    @EventListener
    void on(CancellationRequested request) {
        MessageCorrelationBuilder message = runtime.createMessageCorrelation(Messages.CANCELLATION_REQUESTED)
                .processInstanceBusinessKey(request.orderId().toString());
        if (request.reason() != null && !request.reason().isBlank()) {
            message.setVariable(Variables.CANCELLATION_NOTE, request.reason());
        }
        correlate(message, "order " + request.orderId() + " can no longer be cancelled");
    }

    @EventListener
    void on(StockReplenished replenished) {
        correlate(runtime.createMessageCorrelation(Messages.STOCK_REPLENISHED)
                .processInstanceBusinessKey(replenished.orderId().toString()),
                "order " + replenished.orderId() + " got stock but is not waiting for a restock");
    }

    private static void correlate(MessageCorrelationBuilder message, String conflict) {
        try {
            message.correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
            throw ApiProblem.conflict(conflict);
        } catch (OptimisticLockingException e) {
            throw new OptimisticLockingFailureException("the order's process moved on meanwhile", e);
        }
    }
}
