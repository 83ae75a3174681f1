package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.Map;
import java.util.stream.Stream;

import dev.orderflow.fulfillment.ReleaseCheck.Order;
import dev.orderflow.fulfillment.ReleaseCheck.Parked;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The release check: can the orders production holds right now follow the diagram in {@code bpmn/}?
 * <p>
 * The diagram production runs is kept in {@code src/test/resources/released/} (see the README there). This test
 * deploys it on an in-memory engine (with the current decision tables and forms, delegates mocked), then the current
 * {@code bpmn/} as the next version, plans the move with the service's planner and the analysts' mappings of
 * {@code bpmn/migrations/}, and fails, with one message naming every stranded wait state, when orders would have
 * nowhere to go. Then, one case per wait state of the released diagram and way onward from it: an order parked there
 * moves in a migration batch, keeps its variables and its timers' due dates, and reaches its proper end on the new
 * version (delivered, or cancelled for the reason that path cancels).
 * <p>
 * Only the check lives here, so that an analyst's change shows as its own failures and nothing else; that the check
 * catches what it must is shown by {@link ReleaseCheckCatchesTests}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseCheckTests {

    private static ReleaseCheck check;

    private DelegateMocks delegates;

    @BeforeAll
    static void deployTheReleasedDiagramThenTheCurrentOne() {
        check = new ReleaseCheck("release-check");
    }

    @AfterAll
    static void closeEngine() {
        check.close();
    }

    @BeforeEach
    void registerDelegates() {
        delegates = new DelegateMocks().register();
    }

    @AfterEach
    void resetDelegates() {
        DelegateMocks.reset();
    }

    /** First in the report: when it fails, its message is the analyst's answer. */
    @Test
    @org.junit.jupiter.api.Order(1)
    void noOrderOfTheReleasedDiagramIsStrandedByTheCurrentOne() {
        ReleaseCheck.assertNoOrderStranded(check.planned);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ordersAtEveryWaitStateOfTheReleasedDiagram")
    @org.junit.jupiter.api.Order(2)
    void orderParkedInTheReleasedDiagramMovesAndReachesItsEnd(Parked parked) {
        // given: an order of the released version waiting there
        Order order = check.park(parked.waitState(), parked.variables());
        Map<String, Object> variablesBefore = order.variables();
        Map<String, Date> timersBefore = order.timerDueDates();

        // when: the migration batch for it runs
        try {
            order.migrate(check.planned);
        } catch (AssertionError stranded) {
            // the planner's reason first; then which case this is (the console names it by its number only)
            throw new AssertionError(stranded.getMessage() + System.lineSeparator() + "  (the case: " + parked + ")",
                    stranded);
        }

        // then: it waits at the counterpart on the new version with what it had
        assertThat(order.definitionId()).as("%s: process definition of the moved order", parked)
                .isEqualTo(check.current.getId());
        assertThat(order.waitsAt(parked.counterpart())).as("%s: waits at %s", parked, parked.counterpart()).isTrue();
        assertThat(order.variables()).as("%s: variables after the move", parked).isEqualTo(variablesBefore);
        assertThat(order.timerDueDates()).as("%s: timers (element -> due date) after the move", parked)
                .isEqualTo(check.counterparts(timersBefore));

        // when: the order goes on from there
        parked.route().drive().accept(order);

        // then
        order.assertEndedAt(parked.route().end(), parked.toString());
        if (parked.route().cancellationReason() != null) {
            assertThat(delegates.cancellationReasons).as("%s: cancellation reason", parked)
                    .containsExactly(parked.route().cancellationReason());
        }
    }

    static Stream<Parked> ordersAtEveryWaitStateOfTheReleasedDiagram() {
        return ReleaseCheck.ordersAtEveryWaitStateOfTheReleasedDiagram();
    }
}
