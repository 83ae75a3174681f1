package dev.orderflow.fulfillment.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.orderflow.fulfillment.versions.WaitState.Kind;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the planner says about changed diagrams, each derived from the current {@code bpmn/order-fulfillment.bpmn}:
 * which wait states keep a counterpart and, for those that do not, the reason an analyst reads.
 */
class VersionMigrationPlannerTests {

    private static final Path DIAGRAM = Path.of("bpmn/order-fulfillment.bpmn");
    private static ProcessEngine engine;

    @BeforeAll
    static void engine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("version-planner-tests");
        configuration.setJdbcUrl("jdbc:h2:mem:version-planner-tests;DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setJobExecutorActivate(false);
        engine = configuration.buildProcessEngine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void theDiagramsWaitStatesAreWhereAnOrderRests() throws IOException {
        var waitStates = WaitStates.of(current());

        assertThat(waitStates).contains(
                new WaitState("StartEvent_OrderReceived", "Order received", Kind.ASYNC_AFTER),
                new WaitState("UserTask_ReviewDiscrepancy", "Review discrepancy", Kind.USER_TASK),
                new WaitState("Task_CreateLabel", "Create label", Kind.ASYNC_BEFORE),
                new WaitState("Gateway_AwaitDelivery", "Gateway_AwaitDelivery", Kind.EVENT_BASED_GATEWAY),
                new WaitState("Task_RefundOnRequest", "Refund payment", Kind.ASYNC_BEFORE));
        assertThat(waitStates).extracting(WaitState::activityId)
                .as("events behind an event-based gateway, boundary events and event subprocess starts are waited"
                        + " for elsewhere")
                .doesNotContain("CatchEvent_OrderDelivered", "TimerEvent_DeliveryOverdue",
                        "BoundaryEvent_ReviewEscalation", "StartEvent_CancellationRequested", "Task_PickItems");
    }

    @Test
    void anUnchangedDiagramMovesEveryWaitState() throws IOException {
        PlannedMigration planned = plan(model -> { }, MigrationMappings.none());

        assertThat(planned.blocked()).isEmpty();
        assertThat(planned.plan()).isNotNull();
        assertThat(planned.waitStates()).allSatisfy(waitState -> assertThat(planned.canMove(waitState.activityId())).isTrue());
    }

    @Test
    void aRenamedStaffTaskStrandsItsOrdersUntilAMappingSaysWhereTheyGo() throws IOException {
        Consumer<BpmnModelInstance> rename = model -> model.<FlowNode>getModelElementById("UserTask_ReviewDiscrepancy")
                .setId("UserTask_CheckDiscrepancy");

        PlannedMigration unmapped = plan(rename, MigrationMappings.none());
        PlannedMigration mapped = plan(rename,
                MigrationMappings.of(Map.of("UserTask_ReviewDiscrepancy", "UserTask_CheckDiscrepancy")));

        assertThat(unmapped.blockedIds()).containsExactly("UserTask_ReviewDiscrepancy");
        assertThat(unmapped.blocked().get("UserTask_ReviewDiscrepancy")).isEqualTo("Orders waiting at 'Review"
                + " discrepancy' (UserTask_ReviewDiscrepancy) have nowhere to go in version "
                + unmapped.target().getVersion() + ": keep the id or map it in bpmn/migrations/.");
        assertThat(unmapped.canMove("UserTask_ResolvePickShortage")).isTrue();
        assertThat(mapped.blocked()).isEmpty();
        assertThat(mapped.plan().getInstructions()).anySatisfy(instruction -> {
            assertThat(instruction.getSourceActivityId()).isEqualTo("UserTask_ReviewDiscrepancy");
            assertThat(instruction.getTargetActivityId()).isEqualTo("UserTask_CheckDiscrepancy");
        });
    }

    @Test
    void mappingsChainAcrossVersions() throws IOException {
        PlannedMigration planned = plan(model -> model.<FlowNode>getModelElementById("Gateway_AwaitRestock")
                        .setId("Gateway_AwaitGoods"),
                MigrationMappings.of(Map.of("Gateway_AwaitRestock", "Gateway_WaitForGoods",
                        "Gateway_WaitForGoods", "Gateway_AwaitGoods")));

        assertThat(planned.blocked()).isEmpty();
    }

    @Test
    void aStepNoLongerAsynchronousStrandsTheOrdersWaitingToRunIt() throws IOException {
        PlannedMigration planned = plan(model -> model.<FlowNode>getModelElementById("Task_CreateLabel")
                .setCamundaAsyncBefore(false), MigrationMappings.none());

        assertThat(planned.blockedIds()).containsExactly("Task_CreateLabel");
        assertThat(planned.blocked().get("Task_CreateLabel")).startsWith("Orders waiting to run 'Create label'"
                + " (Task_CreateLabel) cannot move in version " + planned.target().getVersion());
    }

    @Test
    void anEventGoneFromBehindAnEventBasedGatewayStrandsTheOrdersWaitingThere() throws IOException {
        PlannedMigration planned = plan(model -> {
            FlowNode restocked = model.getModelElementById("CatchEvent_StockReplenished");
            restocked.setId("CatchEvent_GoodsArrived");
        }, MigrationMappings.none());

        assertThat(planned.blockedIds()).containsExactly("Gateway_AwaitRestock");
        assertThat(planned.blocked().get("Gateway_AwaitRestock")).isEqualTo("Orders waiting at Gateway_AwaitRestock"
                + " would no longer get 'Restocked' (CatchEvent_StockReplenished) in version "
                + planned.target().getVersion() + ": keep the event's id behind the gateway or map it in"
                + " bpmn/migrations/.");
        assertThat(plan(model -> model.<FlowNode>getModelElementById("CatchEvent_StockReplenished")
                        .setId("CatchEvent_GoodsArrived"),
                MigrationMappings.of(Map.of("CatchEvent_StockReplenished", "CatchEvent_GoodsArrived"))).blocked())
                .isEmpty();
    }

    @Test
    void aRenamedBoundaryTimerHoldsItsOrdersUntilMappedWhileARemovedOneLetsThemMove() throws IOException {
        Consumer<BpmnModelInstance> rename = model -> model.<FlowNode>getModelElementById(
                "BoundaryEvent_ReviewEscalation").setId("BoundaryEvent_ReviewUntouched");

        PlannedMigration renamed = plan(rename, MigrationMappings.none());
        PlannedMigration mapped = plan(rename,
                MigrationMappings.of(Map.of("BoundaryEvent_ReviewEscalation", "BoundaryEvent_ReviewUntouched")));
        PlannedMigration removed = plan(model -> {
            FlowNode timer = model.getModelElementById("BoundaryEvent_ReviewEscalation");
            List.copyOf(timer.getOutgoing()).forEach(VersionMigrationPlannerTests::removeWithItsShape);
            removeWithItsShape(timer);
        }, MigrationMappings.none());

        assertThat(renamed.blocked().get("UserTask_ReviewDiscrepancy")).isEqualTo("Orders waiting at 'Review"
                + " discrepancy' (UserTask_ReviewDiscrepancy) would lose 'Untouched too long'"
                + " (BoundaryEvent_ReviewEscalation) and get 'Untouched too long' (BoundaryEvent_ReviewUntouched)"
                + " from the move on in version " + renamed.target().getVersion() + ", a timer started over: keep the"
                + " event's id or map BoundaryEvent_ReviewEscalation = BoundaryEvent_ReviewUntouched in"
                + " bpmn/migrations/.");
        assertThat(mapped.blocked()).isEmpty();
        assertThat(removed.blocked()).as("an escalation taken out on purpose").isEmpty();
    }

    @Test
    void aMappingToAnotherKindOfElementIsRefusedWithCamundasReason() throws IOException {
        Consumer<BpmnModelInstance> removeTask = model -> {
            FlowNode task = model.getModelElementById("UserTask_InvestigateDelivery");
            task.setId("UserTask_Gone");
        };

        PlannedMigration planned = plan(removeTask,
                MigrationMappings.of(Map.of("UserTask_InvestigateDelivery", "Task_RecordDelivery")));

        assertThat(planned.blocked().get("UserTask_InvestigateDelivery"))
                .startsWith("Orders waiting at 'Investigate delivery' (UserTask_InvestigateDelivery) cannot move to"
                        + " Task_RecordDelivery: ")
                .endsWith("Map UserTask_InvestigateDelivery in bpmn/migrations/ to an element of the same kind.");
    }

    @Test
    void mappingFilesAreReadWithCommentsAndRefusedNamingFileAndLine() throws IOException {
        assertThat(MigrationMappings.fromFiles(file("a.properties", """
                # orders at the old review continue at the new one
                UserTask_ReviewDiscrepancy = UserTask_CheckDiscrepancy

                Gateway_AwaitRestock=Gateway_AwaitGoods
                """)).asMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "UserTask_ReviewDiscrepancy", "UserTask_CheckDiscrepancy",
                        "Gateway_AwaitRestock", "Gateway_AwaitGoods"));
        assertThatThrownBy(() -> MigrationMappings.fromFiles(file("b.properties", "# fine\nUserTask_Review -> X\n")))
                .hasMessage("bpmn/migrations/b.properties line 2: write each mapping as 'Old_Element_Id ="
                        + " New_Element_Id', not 'UserTask_Review -> X'");
        assertThatThrownBy(() -> MigrationMappings.fromFiles(file("c.properties", "A = B\n"),
                file("d.properties", "A = C\n")))
                .hasMessageContaining("bpmn/migrations/d.properties line 1: A is mapped to C here and to B in"
                        + " bpmn/migrations/c.properties line 1");
        assertThatThrownBy(() -> MigrationMappings.fromFiles(file("e.properties", "A = A\n")))
                .hasMessageContaining("mapped to itself");
    }

    private static org.springframework.core.io.Resource file(String name, String content) {
        return new org.springframework.core.io.ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }

            @Override
            public String getDescription() {
                return name;
            }
        };
    }

    @Test
    void mappingFilesAreCheckedLineByLine() {
        assertThat(MigrationMappings.of(Map.of("A", "B", "B", "A")).counterpart("B", Set.of("A", "C")))
                .as("a rename undone: orders at the new id go back").contains("A");
        assertThat(MigrationMappings.of(Map.of("A", "B", "B", "A")).counterpart("A", Set.of("C"))).isEmpty();
        assertThatThrownBy(() -> MigrationMappings.of(Map.of("Task A", "B"))).hasMessageContaining("is not an element id");
        assertThat(MigrationMappings.fromClasspath().asMap()).as("bpmn/migrations/ as shipped").isNotNull();
    }

    private static void removeWithItsShape(org.camunda.bpm.model.bpmn.instance.BaseElement element) {
        BpmnModelInstance model = (BpmnModelInstance) element.getModelInstance();
        model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.di.DiagramElement.class).stream()
                .filter(shape -> shape instanceof org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape bpmnShape
                        && bpmnShape.getBpmnElement() == element
                        || shape instanceof org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge edge
                        && edge.getBpmnElement() == element)
                .toList().forEach(shape -> shape.getParentElement().removeChildElement(shape));
        element.getParentElement().removeChildElement(element);
    }

    private PlannedMigration plan(Consumer<BpmnModelInstance> change, MigrationMappings mappings) throws IOException {
        ProcessDefinition source = deploy(current());
        BpmnModelInstance changed = current();
        change.accept(changed);
        // keep the diagram valid after an id change: sequence flows point at elements, not ids
        changed.getModelElementsByType(SequenceFlow.class).forEach(flow -> flow.getSource());
        ProcessDefinition target = deploy(changed);
        return new VersionMigrationPlanner(engine.getRuntimeService(), engine.getRepositoryService(), mappings)
                .plan(source.getId(), target.getId());
    }

    private static ProcessDefinition deploy(BpmnModelInstance model) {
        String deploymentId = engine.getRepositoryService().createDeployment()
                .addModelInstance("order-fulfillment.bpmn", model).deploy().getId();
        return engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deploymentId).singleResult();
    }

    private static BpmnModelInstance current() throws IOException {
        try (InputStream in = Files.newInputStream(DIAGRAM)) {
            return Bpmn.readModelFromStream(in);
        }
    }
}
