package dev.orderflow.fulfillment;

import java.util.UUID;

import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.order.OrderView;
import dev.orderflow.payment.PaymentService;
import dev.orderflow.payment.Refund;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Returns the order's total through the payment provider, idempotent by order id. */
@CallsOutside("payment provider")
@Component(OrderFulfillmentProcess.Beans.REFUND_PAYMENT)
class RefundPaymentDelegate implements JavaDelegate {

    private final OrderQueries orders;
    private final OrderLifecycle lifecycle;
    private final PaymentService payments;

    RefundPaymentDelegate(OrderQueries orders, OrderLifecycle lifecycle, PaymentService payments) {
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.payments = payments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID orderId = ProcessOrders.orderId(execution);
        OrderView order = orders.forFulfillment(orderId);
        Refund refund = payments.refund(orderId, order.paymentReference(), order.total(), order.currency());
        lifecycle.recordRefund(orderId, refund.amount(), order.currency(), refund.reference());
    }
}
