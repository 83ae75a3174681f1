package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.order.OrderStatus;
import dev.orderflow.order.OrderView;
import dev.orderflow.order.OrderView.TimelineEntry;
import dev.orderflow.order.PlaceOrderRequest;
import dev.orderflow.system.CustomerFormat;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;

/** A staff task's card without an engine: what a clerk reads on it and in the form's history. */
class TaskCardTests {

    private final OrderQueries orders = mock(OrderQueries.class);
    private final TaskCard card = new TaskCard(orders, CustomerFormat.defaults(), mock(TaskService.class),
            mock(RuntimeService.class));

    @Test
    void aReviewCardShowsReferenceCustomerTotalWithCurrencyAndTheReasons() {
        // given
        UUID orderId = UUID.randomUUID();
        when(orders.view(orderId)).thenReturn(order(orderId, List.of(), List.of()));
        DelegateTask task = task(Elements.USER_TASK_REVIEW_DISCREPANCY);
        when(task.getVariable(Variables.REVIEW_REASONS)).thenReturn("Unit price differs from the catalog");

        // when
        card.write(task, orderId);

        // then
        verify(task).setVariablesLocal(Map.of(
                Variables.CARD_SHOP_REFERENCE, "SHOP-1001",
                Variables.CARD_CUSTOMER, "Ada Lovelace",
                Variables.CARD_TOTAL, "€1,234.50",
                Variables.CARD_TASK_REASON, "Unit price differs from the catalog",
                Variables.CARD_ORDER_HISTORY, "No history yet"));
    }

    @Test
    void theHistoryMergesTimelineAndInternalNotesOldestFirstWithReadableTimes() {
        // given
        UUID orderId = UUID.randomUUID();
        Instant placed = Instant.parse("2026-11-30T13:24:10.818633604Z");
        OrderView order = order(orderId,
                List.of(entry(placed, "Order received"),
                        entry(placed.plusSeconds(120), "We are checking a detail of your order")),
                List.of(entry(placed.plusSeconds(60), "Review opened: ordered at 9.99, catalog price 12.50")));

        // when
        String history = card.history(order);

        // then
        assertThat(history).isEqualTo("""
                30 Nov 2026, 13:24 UTC · Customer sees: Order received
                30 Nov 2026, 13:25 UTC · Staff note: Review opened: ordered at 9.99, catalog price 12.50
                30 Nov 2026, 13:26 UTC · Customer sees: We are checking a detail of your order""");
    }

    @Test
    void aCommentsLineBreaksStayInsideItsEntryIndentedSoItCannotFakeHistoryLines() {
        // given: a clerk's comment that tries to add an entry of its own
        UUID orderId = UUID.randomUUID();
        Instant decided = Instant.parse("2026-11-30T13:24:00Z");
        OrderView order = order(orderId, List.of(), List.of(entry(decided,
                "Approved by cs: looks fine\n1 Dec 2026, 01:01 UTC · Staff note: customer agreed to pay €0.00\r\nbye")));

        // when
        String history = card.history(order);

        // then: one entry; every line after its first is indented, none starts like an entry
        assertThat(history).isEqualTo("""
                30 Nov 2026, 13:24 UTC · Staff note: Approved by cs: looks fine
                    1 Dec 2026, 01:01 UTC · Staff note: customer agreed to pay €0.00
                    bye""");
        assertThat(history.lines().filter(line -> line.matches("\\d.*· Staff note:.*"))).hasSize(1);
    }

    @Test
    void aLongHistoryKeepsItsNewestEntriesWithinWhatCamundaStores() {
        // given: 100 entries of 100 characters
        UUID orderId = UUID.randomUUID();
        List<TimelineEntry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(entry(Instant.parse("2026-11-30T00:00:00Z").plusSeconds(60L * i), i + " " + "x".repeat(96)));
        }

        // when
        String history = card.history(order(orderId, entries, List.of()));

        // then
        assertThat(history.length()).isLessThanOrEqualTo(TaskCard.HISTORY_LIMIT);
        assertThat(history).startsWith("(").contains("earlier entries left out").endsWith("99 " + "x".repeat(96));
    }

    private static TimelineEntry entry(Instant at, String message) {
        return new TimelineEntry(at, OrderStatus.RECEIVED, message);
    }

    private static DelegateTask task(String key) {
        DelegateTask task = mock(DelegateTask.class);
        DelegateExecution execution = mock(DelegateExecution.class);
        when(task.getExecution()).thenReturn(execution);
        when(task.getTaskDefinitionKey()).thenReturn(key);
        return task;
    }

    private static OrderView order(UUID id, List<TimelineEntry> timeline, List<TimelineEntry> notes) {
        return new OrderView(id, "SHOP-1001", OrderStatus.UNDER_REVIEW,
                new PlaceOrderRequest.Customer("Ada Lovelace", "ada@example.com"),
                new PlaceOrderRequest.Address("Unter den Linden 1", null, "Berlin", "10117", "DE"), "EUR", "pay_1",
                List.of(), new BigDecimal("1234.50"), null, null, null, null, null, null,
                Instant.parse("2026-11-30T13:24:00Z"), timeline, notes);
    }
}
