package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.UUID;

import dev.orderflow.order.OrderLifecycle;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;

/** The staff-task listener without an engine: a task it has no decision for fails with a message naming it. */
class UserTaskListenerTests {

    @Test
    void completingAUserTaskWithoutAKnownDecisionFailsNamingTheTask() {
        // given: a user task the listener has no decision for (a diagram change that forgot the listener)
        OrderLifecycle lifecycle = mock(OrderLifecycle.class);
        UserTaskListener listener = new UserTaskListener(lifecycle, mock(IdentityService.class), mock(TaskCard.class));
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getProcessBusinessKey()).thenReturn(UUID.randomUUID().toString());
        DelegateTask task = mock(DelegateTask.class);
        when(task.getExecution()).thenReturn(execution);
        when(task.getEventName()).thenReturn(TaskListener.EVENTNAME_COMPLETE);
        when(task.getTaskDefinitionKey()).thenReturn("UserTask_CheckTheWeather");
        when(task.getName()).thenReturn("Check the weather");

        // when / then
        assertThatThrownBy(() -> listener.notify(task))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'Check the weather' (UserTask_CheckTheWeather)");
        verifyNoInteractions(lifecycle);
    }
}
