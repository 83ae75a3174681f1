package dev.orderflow.fulfillment;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Groups;
import dev.orderflow.order.OrderLifecycle;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A discrepancy review nobody touched in time: the leads of customer service see it too. */
@Component(OrderFulfillmentProcess.Beans.ESCALATE_REVIEW)
class EscalateReviewDelegate implements JavaDelegate {

    private final TaskService tasks;
    private final OrderLifecycle lifecycle;

    EscalateReviewDelegate(TaskService tasks, OrderLifecycle lifecycle) {
        this.tasks = tasks;
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        tasks.createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(Elements.USER_TASK_REVIEW_DISCREPANCY)
                .list()
                .forEach(task -> tasks.addCandidateGroup(task.getId(), Groups.CUSTOMER_SERVICE_LEADS));
        lifecycle.internalNote(ProcessOrders.orderId(execution), "Review escalated to " + Groups.CUSTOMER_SERVICE_LEADS);
    }
}
