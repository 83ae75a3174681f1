package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.orderflow.fulfillment.ReleaseCheck.Order;
import dev.orderflow.fulfillment.versions.MigrationMappings;
import dev.orderflow.fulfillment.versions.PlannedMigration;
import dev.orderflow.fulfillment.versions.WaitState;
import dev.orderflow.fulfillment.versions.WaitState.Kind;
import dev.orderflow.fulfillment.versions.WaitStates;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The release check ({@link ReleaseCheckTests}) catches what would strand orders, and says so in words an analyst
 * acts on: each test derives an incompatible diagram from the current {@code bpmn/} (a renamed staff task, a removed
 * message catch, a step no longer asynchronous) and reads the check's message.
 * <p>
 * The orders here run on the current {@code bpmn/} and move to the diagram derived from it, and the elements changed
 * are picked from it by kind (the first staff task, an event-based gateway with a message catch behind it, a step
 * marked Asynchronous before), never by a fixed id: an analyst's change to {@code bpmn/} (a rename, a mapping)
 * leaves these tests meaningful and green, and the release check's own message alone tells what the change does.
 */
class ReleaseCheckCatchesTests {

    /** the wait states of the current {@code bpmn/}, where these tests pick what they change */
    private static final List<WaitState> WAIT_STATES = WaitStates.of(ReleaseCheck.currentModel());

    private static ReleaseCheck check;

    @BeforeAll
    static void deployTheReleasedDiagramThenTheCurrentOne() {
        check = new ReleaseCheck("release-check-catches");
    }

    @AfterAll
    static void closeEngine() {
        check.close();
    }

    @BeforeEach
    void registerDelegates() {
        new DelegateMocks().register();
    }

    @AfterEach
    void resetDelegates() {
        DelegateMocks.reset();
    }

    @Test
    void renamedStaffTaskIsCaughtWithTheMessageForAnalysts() {
        // given: an analyst renamed a staff task's id
        WaitState staffTask = shared(Kind.USER_TASK, UserTask.class);
        BpmnModelInstance changed = ReleaseCheck.currentModel();
        changed.<FlowNode>getModelElementById(staffTask.activityId()).setId(staffTask.activityId() + "Renamed");

        // when
        PlannedMigration plan = plan(MigrationMappings.none(), changed);

        // then
        assertThatThrownBy(() -> ReleaseCheck.assertNoOrderStranded(plan))
                .hasMessageStartingWith("Orders in flight on the released diagram (version")
                .hasMessageContaining(" - Orders waiting at " + staffTask.label() + " have nowhere to go in version")
                .hasMessageContaining("keep the id or map it in bpmn/migrations/");
        assertThat(plan.blockedIds()).containsExactly(staffTask.activityId());
    }

    @Test
    void mappingTheRenamedTaskLetsItsOrdersMoveAndFinish() {
        // given: the rename, with the line an analyst adds to bpmn/migrations/
        WaitState staffTask = shared(Kind.USER_TASK, UserTask.class);
        String newId = staffTask.activityId() + "Renamed";
        BpmnModelInstance changed = ReleaseCheck.currentModel();
        changed.<FlowNode>getModelElementById(staffTask.activityId()).setId(newId);
        PlannedMigration plan = plan(MigrationMappings.of(Map.of(staffTask.activityId(), newId)), changed);
        Order order = check.park(check.current, staffTask, ReleaseCheck.variablesAt(staffTask.activityId()));

        // when
        ReleaseCheck.assertNoOrderStranded(plan);
        order.migrate(plan);

        // then: it waits at the renamed task; the staff approve (or wait, or find it delivered) and it goes on to
        // its delivery
        assertThat(order.definitionId()).isEqualTo(plan.target().getId());
        assertThat(order.waitsAt(newId)).as("waits at %s", newId).isTrue();
        order.forward();
        order.assertEndedAt(ReleaseCheck.DELIVERED);
    }

    @Test
    void removedMessageCatchIsCaught() {
        // given: an event-based gateway no longer listens for one of its messages
        Set<String> gateways = sharedIds(Kind.EVENT_BASED_GATEWAY, EventBasedGateway.class);
        BpmnModelInstance current = ReleaseCheck.currentModel();
        FlowNode gateway = null;
        IntermediateCatchEvent message = null;
        for (String id : gateways) {
            Optional<IntermediateCatchEvent> catchEvent = messageCatchBehind(current.getModelElementById(id));
            if (catchEvent.isPresent()) {
                gateway = current.getModelElementById(id);
                message = catchEvent.get();
                break;
            }
        }
        assertThat(message).as("an event-based gateway with a message catch behind it in bpmn/").isNotNull();
        BpmnModelInstance changed = ReleaseCheck.currentModel();
        ReleaseCheck.remove(changed, message.getId());

        // when
        PlannedMigration plan = plan(MigrationMappings.none(), changed);

        // then
        assertThat(plan.blockedIds()).as("the running service keeps these orders where they are, too")
                .containsExactly(gateway.getId());
        assertThatThrownBy(() -> ReleaseCheck.assertNoOrderStranded(plan))
                .hasMessageStartingWith("Orders in flight on the released diagram (version")
                .hasMessageContaining("would no longer get '" + message.getName() + "' (" + message.getId() + ")")
                .hasMessageContaining("bpmn/migrations/");
    }

    @Test
    void asynchronousStepMadeSynchronousIsCaught() {
        // given: a step marked Asynchronous before no longer runs in a transaction of its own
        WaitState step = shared(Kind.ASYNC_BEFORE, FlowNode.class);
        BpmnModelInstance changed = ReleaseCheck.currentModel();
        changed.<FlowNode>getModelElementById(step.activityId()).setCamundaAsyncBefore(false);

        // when
        PlannedMigration plan = plan(MigrationMappings.none(), changed);

        // then
        assertThatThrownBy(() -> ReleaseCheck.assertNoOrderStranded(plan)).hasMessageContaining(
                "Orders waiting to run " + step.label() + " cannot move in version")
                .hasMessageContaining("not marked 'Asynchronous before'");
        assertThat(plan.blockedIds()).containsExactly(step.activityId());
    }

    @Test
    void renamingAStepOnTheDiagramOnlyStrandsNothing() {
        // given: a staff task reads differently, its id unchanged
        WaitState staffTask = shared(Kind.USER_TASK, UserTask.class);
        BpmnModelInstance changed = ReleaseCheck.currentModel();
        changed.<FlowNode>getModelElementById(staffTask.activityId()).setName(staffTask.name() + " (reworded)");

        // when
        PlannedMigration plan = plan(MigrationMappings.none(), changed);

        // then
        ReleaseCheck.assertNoOrderStranded(plan);
        assertThat(plan.canMove(staffTask.activityId())).isTrue();
    }

    @Test
    void everyStrandedWaitStateIsListedInOneMessage() {
        // given: two breaking changes at once
        WaitState staffTask = shared(Kind.USER_TASK, UserTask.class);
        WaitState step = shared(Kind.ASYNC_BEFORE, FlowNode.class);
        BpmnModelInstance changed = ReleaseCheck.currentModel();
        changed.<FlowNode>getModelElementById(staffTask.activityId()).setId(staffTask.activityId() + "Renamed");
        changed.<FlowNode>getModelElementById(step.activityId()).setCamundaAsyncBefore(false);

        // when
        PlannedMigration plan = plan(MigrationMappings.none(), changed);

        // then
        assertThatThrownBy(() -> ReleaseCheck.assertNoOrderStranded(plan)).hasMessageContaining("2 wait states")
                .hasMessageContaining(" - Orders waiting at " + staffTask.label())
                .hasMessageContaining(" - Orders waiting to run " + step.label());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static PlannedMigration plan(MigrationMappings mappings, BpmnModelInstance changed) {
        return check.planner(mappings).plan(check.current.getId(), check.deployDerived(changed));
    }

    /**
     * @return the first wait state of the current diagram of that kind whose element is of that type (a user task for
     *         a staff task, ...) and no other kind of wait state at once
     */
    private static WaitState shared(Kind kind, Class<? extends FlowNode> type) {
        Set<String> ids = sharedIds(kind, type);
        return WAIT_STATES.stream().filter(waitState -> ids.contains(waitState.activityId())).findFirst().orElseThrow();
    }

    private static Set<String> sharedIds(Kind kind, Class<? extends FlowNode> type) {
        BpmnModelInstance current = ReleaseCheck.currentModel();
        Map<String, Long> kindsPerElement = WAIT_STATES.stream()
                .collect(Collectors.groupingBy(WaitState::activityId, Collectors.counting()));
        Set<String> ids = WAIT_STATES.stream()
                .filter(waitState -> waitState.kind() == kind && kindsPerElement.get(waitState.activityId()) == 1)
                .map(WaitState::activityId)
                .filter(id -> type.isInstance(current.getModelElementById(id)))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(ids).as("a %s in bpmn/", kind.describe()).isNotEmpty();
        return ids;
    }

    private static Optional<IntermediateCatchEvent> messageCatchBehind(FlowNode gateway) {
        return gateway.getOutgoing().stream().map(SequenceFlow::getTarget)
                .filter(IntermediateCatchEvent.class::isInstance).map(IntermediateCatchEvent.class::cast)
                .filter(event -> event.getEventDefinitions().stream().anyMatch(MessageEventDefinition.class::isInstance))
                .findFirst();
    }
}
