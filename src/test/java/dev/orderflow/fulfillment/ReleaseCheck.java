package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Decisions;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Messages;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.fulfillment.versions.MigrationMappings;
import dev.orderflow.fulfillment.versions.PlannedMigration;
import dev.orderflow.fulfillment.versions.VersionMigrationPlanner;
import dev.orderflow.fulfillment.versions.WaitState;
import dev.orderflow.fulfillment.versions.WaitStates;
import dev.orderflow.order.StockDecision;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What the release check ({@link ReleaseCheckTests}) and the proofs that it catches what it must
 * ({@link ReleaseCheckCatchesTests}) share: an in-memory engine of its own (delegates mocked, no job executor, no
 * coverage gate) holding the released diagram and the current {@code bpmn/} as the next version, the plan between
 * them, the orders parked at every wait state of the released diagram with one or more ways on to their end, and
 * the verdict an analyst reads.
 */
final class ReleaseCheck implements AutoCloseable {

    /**
     * Read from the working tree, not the classpath: there, the application's auto-deployment would deploy it beside
     * {@code bpmn/} in every Spring test (the pom keeps {@code released/} off the test classpath).
     */
    static final Path RELEASED_DIAGRAM = Path.of("src", "test", "resources", "released", "order-fulfillment.bpmn");
    private static final List<String> DECISIONS_AND_FORMS = List.of(Decisions.ORDER_REVIEW_RESOURCE,
            Decisions.COURIER_SELECTION_RESOURCE, "forms/review-discrepancy.form", "forms/resolve-pick-shortage.form",
            "forms/investigate-delivery.form");
    /** ends of the order process as the current diagram names them */
    static final String DELIVERED = Elements.END_ORDER_DELIVERED;
    static final String CANCELLED = Elements.END_ORDER_CANCELLED;
    static final String CANCELLED_ON_REQUEST = Elements.END_CANCELLED_ON_REQUEST;

    final ProcessEngine engine;
    /** the released diagram's process definition, and the current {@code bpmn/}'s (the next version) */
    final ProcessDefinition released;
    final ProcessDefinition current;
    /** the analysts' mappings of {@code bpmn/migrations/} */
    final MigrationMappings mappings;
    /** released -> current with those mappings */
    final PlannedMigration planned;

    /**
     * Deploys the released diagram, then the current one, and plans the move.
     *
     * @param name the engine's and its in-memory database's name, one per test class
     */
    ReleaseCheck(String name) {
        engine = releaseCheckEngine(name);
        released = deploy("released diagram", releasedModel());
        current = deploy("bpmn/", model(OrderFulfillmentProcess.RESOURCE));
        mappings = MigrationMappings.fromClasspath();
        planned = planner(mappings).plan(released.getId(), current.getId());
    }

    @Override
    public void close() {
        engine.close();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the check's verdict

    /**
     * The release check's verdict: every wait state of the source has a counterpart, and every event an order waits
     * for at an event-based gateway is still waited for there. The failure's first line is the planner's verdict, the
     * lines after it its reasons, one a wait state.
     */
    static void assertNoOrderStranded(PlannedMigration plan) {
        Map<String, String> stranded = plan.blocked();
        if (!stranded.isEmpty()) {
            // thrown as it is (no library wording before it): the message's first line is the planner's verdict
            throw new AssertionError(String.format("Orders in flight on the released diagram (version %d) would be"
                    + " stranded by the diagram in bpmn/ (version %d) at %d wait state%s:%n%s%nThe released diagram is"
                    + " %s; how to write a mapping: bpmn/migrations/README.md and docs/analysts.md.", plan.source().getVersion(),
                    plan.target().getVersion(), stranded.size(), stranded.size() == 1 ? "" : "s",
                    stranded.values().stream().map(reason -> " - " + reason).collect(Collectors.joining("\n")),
                    RELEASED_DIAGRAM.toString().replace('\\', '/')));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the orders parked at the released diagram's wait states, and where each goes from there

    /** An order parked at a wait state of the released diagram, and one way on to its end. */
    record Parked(WaitState waitState, String counterpart, Map<String, Object> variables, Route route) {

        @Override
        public String toString() {
            String name = waitState.name().equals(waitState.activityId()) ? waitState.activityId()
                    : "'" + waitState.name() + "'";
            return name + " [" + waitState.kind().describe() + "]: " + route.description();
        }
    }

    /**
     * One way on from a wait state: what happens to the order (staff decide, a message arrives, a timer is due) and
     * the end it must reach; {@code cancellationReason} when it ends cancelled.
     */
    record Route(String description, Consumer<Order> drive, String end, String cancellationReason) {
    }

    /**
     * One order a wait state of the released diagram and way on from it; {@link Parked#toString()} is how the report
     * names it.
     */
    static Stream<Parked> ordersAtEveryWaitStateOfTheReleasedDiagram() {
        MigrationMappings mappings = MigrationMappings.fromClasspath();
        Set<String> currentIds = model(OrderFulfillmentProcess.RESOURCE).getModelElementsByType(FlowNode.class)
                .stream().map(FlowNode::getId).collect(Collectors.toSet());
        return WaitStates.of(releasedModel()).stream().flatMap(waitState -> {
            // where the order continues on the current diagram
            String counterpart = mappings.counterpart(waitState.activityId(), currentIds)
                    .orElse(waitState.activityId());
            // the routes are written for the elements the code names: the counterpart's, else (renamed and mapped)
            // the released element's
            String routed = routesOn(counterpart).isEmpty() ? waitState.activityId() : counterpart;
            List<Route> routes = routesOn(routed);
            if (routes.isEmpty()) {
                // a wait state this test has no route for yet (a new one in the released diagram): go forward
                routes = List.of(new Route("goes forward (approve, wait, delivered)", Order::forward, null, null));
            }
            return routes.stream().map(route -> new Parked(waitState, counterpart, variablesAt(routed), route));
        });
    }

    private static List<Route> routesOn(String elementId) {
        return switch (elementId) {
            case Elements.START_ORDER_RECEIVED -> List.of(
                    delivered("checked, picked, shipped and delivered", Order::deliver));
            case Elements.USER_TASK_REVIEW_DISCREPANCY -> List.of(
                    delivered("approved, shipped and delivered", order -> {
                        order.complete(Variables.REVIEW_DECISION, "APPROVE", Variables.REVIEW_COMMENT, "agreed");
                        order.deliver();
                    }),
                    cancelled("rejected: cancelled and refunded", "REVIEW_REJECTED",
                            order -> order.complete(Variables.REVIEW_DECISION, "CANCEL")),
                    delivered("untouched too long: escalated, then approved and delivered", order -> {
                        order.fireTimer(Elements.BOUNDARY_REVIEW_ESCALATION);
                        order.complete(Variables.REVIEW_DECISION, "APPROVE");
                        order.deliver();
                    }),
                    new Route("customer cancels during the review", Order::customerCancels, CANCELLED_ON_REQUEST,
                            "CUSTOMER_REQUEST"));
            case Elements.USER_TASK_RESOLVE_PICK_SHORTAGE -> List.of(
                    delivered("warehouse waits: restocked, then delivered", order -> {
                        order.complete(Variables.SHORTAGE_DECISION, "WAIT");
                        order.correlate(Messages.STOCK_REPLENISHED);
                        order.deliver();
                    }),
                    cancelled("warehouse refunds: cancelled", "OUT_OF_STOCK_REFUND",
                            order -> order.complete(Variables.SHORTAGE_DECISION, "REFUND")));
            case Elements.TASK_CREATE_LABEL, Elements.TASK_HAND_OVER_TO_COURIER, Elements.TASK_ARRANGE_REDELIVERY ->
                    List.of(delivered("the courier step runs, then delivered", Order::deliver));
            case Elements.GATEWAY_AWAIT_DELIVERY -> List.of(
                    delivered("delivered", Order::deliver),
                    delivered("attempt failed, then delivered", order -> {
                        order.correlate(Messages.DELIVERY_FAILED);
                        order.deliver();
                    }),
                    cancelled("overdue: investigated, parcel lost, refunded", "PARCEL_LOST", order -> {
                        order.fireTimer(Elements.TIMER_DELIVERY_OVERDUE);
                        order.complete(Variables.INVESTIGATION_OUTCOME, "REFUND");
                    }));
            case Elements.USER_TASK_INVESTIGATE_DELIVERY -> List.of(
                    delivered("investigation finds it delivered",
                            order -> order.complete(Variables.INVESTIGATION_OUTCOME, "DELIVERED")),
                    delivered("reshipped, then delivered", order -> {
                        order.complete(Variables.INVESTIGATION_OUTCOME, "RESHIP");
                        order.deliver();
                    }),
                    delivered("courier reports the delivery during the investigation",
                            order -> order.correlate(Messages.ORDER_DELIVERED)));
            case Elements.GATEWAY_AWAIT_STOCK_DECISION -> List.of(
                    delivered("customer waits: restocked, then delivered", order -> {
                        order.correlate(Messages.STOCK_DECISION_RECEIVED, Variables.STOCK_DECISION,
                                StockDecision.WAIT.name());
                        order.correlate(Messages.STOCK_REPLENISHED);
                        order.deliver();
                    }),
                    cancelled("customer takes the refund", "OUT_OF_STOCK_REFUND",
                            order -> order.correlate(Messages.STOCK_DECISION_RECEIVED, Variables.STOCK_DECISION,
                                    StockDecision.REFUND.name())),
                    cancelled("no answer in time: the default refund", "OUT_OF_STOCK_REFUND",
                            order -> order.fireTimer(Elements.TIMER_STOCK_DECISION_TIMEOUT)));
            case Elements.GATEWAY_AWAIT_RESTOCK -> List.of(
                    delivered("restocked, then delivered", order -> {
                        order.correlate(Messages.STOCK_REPLENISHED);
                        order.deliver();
                    }),
                    cancelled("no restock in time: cancelled", "RESTOCK_TIMEOUT",
                            order -> order.fireTimer(Elements.TIMER_RESTOCK_DEADLINE)),
                    new Route("customer cancels while waiting", Order::customerCancels, CANCELLED_ON_REQUEST,
                            "CUSTOMER_REQUEST"));
            case Elements.TASK_REFUND_PAYMENT -> List.of(
                    new Route("refunded, cancelled", Order::runJobs, CANCELLED, null));
            case Elements.TASK_REFUND_ON_REQUEST -> List.of(
                    new Route("refunded, cancelled on request", Order::runJobs, CANCELLED_ON_REQUEST, null));
            default -> List.of();
        };
    }

    private static Route delivered(String description, Consumer<Order> drive) {
        return new Route(description, drive, DELIVERED, null);
    }

    private static Route cancelled(String description, String reason, Consumer<Order> drive) {
        return new Route(description, drive, CANCELLED, reason);
    }

    /** What an order has by the time it waits at the element (of the current diagram). */
    static Map<String, Object> variablesAt(String elementId) {
        return switch (elementId) {
            case Elements.START_ORDER_RECEIVED -> newOrder();
            case Elements.USER_TASK_REVIEW_DISCREPANCY -> reviewedOrder(true);
            case Elements.GATEWAY_AWAIT_STOCK_DECISION -> with(reviewedOrder(false), Variables.STOCK_RESERVED, false,
                    Variables.STOCK_DECISION_DEADLINE, inDays(3));
            case Elements.GATEWAY_AWAIT_RESTOCK -> with(reviewedOrder(false), Variables.STOCK_RESERVED, false,
                    Variables.RESTOCK_DEADLINE, inDays(14));
            case Elements.USER_TASK_RESOLVE_PICK_SHORTAGE -> with(reviewedOrder(false), Variables.STOCK_RESERVED, true,
                    Variables.SHORTAGE_DETAILS, "MUG-ECO-01: 2 expected, 1 found");
            case Elements.TASK_CREATE_LABEL -> packedOrder();
            case Elements.TASK_HAND_OVER_TO_COURIER -> with(packedOrder(), Variables.TRACKING_NUMBER, "SIM-TEST0001");
            case Elements.TASK_REFUND_PAYMENT -> with(reviewedOrder(true), Variables.REVIEW_DECISION, "CANCEL");
            case Elements.TASK_REFUND_ON_REQUEST -> with(reviewedOrder(false), Variables.CANCELLATION_NOTE,
                    "changed my mind");
            // with the courier: awaiting delivery, under investigation, being reshipped, or a new wait state
            default -> with(packedOrder(), Variables.TRACKING_NUMBER, "SIM-TEST0001", Variables.DELIVERY_DEADLINE,
                    inDays(14));
        };
    }

    private static Map<String, Object> newOrder() {
        return with(new HashMap<>(), Variables.ORDER_ID, UUID.randomUUID().toString());
    }

    static Map<String, Object> reviewedOrder(boolean reviewRequired) {
        Map<String, Object> order = with(newOrder(), Variables.DESTINATION_COUNTRY, "DE", Variables.PRICE_MISMATCH,
                reviewRequired, Variables.ADDRESS_INCOMPLETE, false, Variables.QUANTITY_ABOVE_LIMIT, false,
                Variables.ORDER_TOTAL, 25.0, Variables.REVIEW_REQUIRED, reviewRequired);
        return reviewRequired ? with(order, Variables.REVIEW_REASONS, "Unit price differs from the catalog") : order;
    }

    private static Map<String, Object> packedOrder() {
        return with(reviewedOrder(false), Variables.STOCK_RESERVED, true, Variables.PARCEL_WEIGHT_GRAMS, 760,
                Variables.COURIER, "simulated", Variables.SERVICE_LEVEL, "STANDARD");
    }

    private static Map<String, Object> with(Map<String, Object> variables, Object... namesAndValues) {
        Map<String, Object> copy = new HashMap<>(variables);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            copy.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return copy;
    }

    private static Date inDays(int days) {
        // whole seconds: what the database keeps of a date
        return Date.from(Instant.now().plus(Duration.ofDays(days)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    WaitState waitState(String releasedId) {
        return planned.waitStates().stream().filter(waitState -> waitState.activityId().equals(releasedId)).findFirst()
                .orElseThrow(() -> new AssertionError(releasedId + " is no wait state of the released diagram"));
    }

    Map<String, Date> counterparts(Map<String, Date> releasedTimers) {
        Set<String> currentIds = engine.getRepositoryService().getBpmnModelInstance(current.getId())
                .getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).collect(Collectors.toSet());
        Map<String, Date> moved = new HashMap<>();
        releasedTimers.forEach((id, due) -> moved.put(mappings.counterpart(id, currentIds).orElse(id), due));
        return moved;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // one order on the engine

    /** Starts an order of the released version waiting at the wait state. */
    Order park(WaitState waitState, Map<String, Object> variables) {
        return park(released, waitState, variables);
    }

    /** Starts an order of that version waiting at the wait state. */
    Order park(ProcessDefinition version, WaitState waitState, Map<String, Object> variables) {
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceById(version.getId())
                .businessKey((String) variables.get(Variables.ORDER_ID)).setVariables(variables)
                .startBeforeActivity(waitState.activityId()).execute();
        Order order = new Order(instance.getId());
        assertThat(order.waitsAt(waitState.activityId())).as("parked at %s", waitState.label()).isTrue();
        return order;
    }

    /** Drives one order, each step followed by the jobs it leaves (the job executor's part). */
    final class Order {

        private final String id;
        private final RuntimeService runtime = engine.getRuntimeService();
        private final ManagementService management = engine.getManagementService();
        private final TaskService tasks = engine.getTaskService();
        private final HistoryService history = engine.getHistoryService();

        Order(String id) {
            this.id = id;
        }

        String definitionId() {
            return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult().getProcessDefinitionId();
        }

        Map<String, Object> variables() {
            return runtime.getVariables(id);
        }

        /** timer element id -> due date of each timer the order waits for */
        Map<String, Date> timerDueDates() {
            Map<String, Date> timers = new HashMap<>();
            for (Job timer : management.createJobQuery().processInstanceId(id).timers().list()) {
                String activityId = management.createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId())
                        .singleResult().getActivityId();
                timers.put(activityId, timer.getDuedate());
            }
            return timers;
        }

        boolean waitsAt(String activityId) {
            ActivityInstance tree = runtime.getActivityInstance(id);
            return tree != null && (tree.getActivityInstances(activityId).length > 0
                    || tree.getTransitionInstances(activityId).length > 0);
        }

        /** Moves the order as the service does: a batch, listeners and input/output mappings skipped. */
        void migrate(PlannedMigration plan) {
            String waitingAt = Arrays.stream(runtime.getActivityInstance(id).getChildActivityInstances())
                    .map(ActivityInstance::getActivityId).collect(Collectors.joining(", "));
            // an order at a stranded wait state fails with the planner's reason for it, first line and all
            plan.blocked().forEach((activityId, reason) -> {
                if (waitsAt(activityId)) {
                    throw new AssertionError(reason);
                }
            });
            if (plan.plan() == null) {
                assertNoOrderStranded(plan);
            }
            Batch batch = runtime.newMigration(plan.plan()).processInstanceIds(id).skipCustomListeners()
                    .skipIoMappings().executeAsync();
            runBatch(batch);
            assertThat(management.createBatchQuery().batchId(batch.getId()).count())
                    .as("batch for the order waiting at %s is done", waitingAt).isZero();
        }

        private void runBatch(Batch batch) {
            for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
                    batch.getMonitorJobDefinitionId())) {
                for (int round = 0; round < 10; round++) {
                    List<Job> jobs = management.createJobQuery().jobDefinitionId(definition).list();
                    if (jobs.isEmpty()) {
                        break;
                    }
                    jobs.forEach(job -> management.executeJob(job.getId()));
                }
            }
        }

        /** Runs the asynchronous steps the order waits for, until it waits for something else. */
        void runJobs() {
            for (int round = 0; round < 50; round++) {
                List<Job> jobs = management.createJobQuery().processInstanceId(id).messages().list();
                if (jobs.isEmpty()) {
                    return;
                }
                jobs.forEach(job -> management.executeJob(job.getId()));
            }
            fail("order %s still has asynchronous steps after 50 rounds", id);
        }

        void complete(Object... namesAndValues) {
            runJobs();
            Task task = tasks.createTaskQuery().processInstanceId(id).singleResult();
            assertThat(task).as("the order's staff task").isNotNull();
            tasks.complete(task.getId(), with(Map.of(), namesAndValues));
            runJobs();
        }

        void correlate(String message, Object... namesAndValues) {
            runJobs();
            runtime.createMessageCorrelation(message).processInstanceId(id)
                    .setVariables(with(Map.of(), namesAndValues)).correlate();
            runJobs();
        }

        void fireTimer(String elementId) {
            runJobs();
            Job timer = management.createJobQuery().processInstanceId(id).timers().activityId(elementId).singleResult();
            assertThat(timer).as("timer of %s", elementId).isNotNull();
            management.executeJob(timer.getId());
            runJobs();
        }

        /** With the courier until it reports the delivery. */
        void deliver() {
            correlate(Messages.ORDER_DELIVERED);
        }

        void customerCancels() {
            correlate(Messages.CANCELLATION_REQUESTED, Variables.CANCELLATION_NOTE, "changed my mind");
        }

        /**
         * For a wait state no route is written for: staff approve / wait / find it delivered, a restock and the
         * delivery arrive, a customer's question is answered with "wait", else the earliest timer runs.
         */
        void forward() {
            for (int step = 0; step < 20 && !ended(); step++) {
                runJobs();
                if (ended()) {
                    return;
                }
                if (tasks.createTaskQuery().processInstanceId(id).count() > 0) {
                    complete(Variables.REVIEW_DECISION, "APPROVE", Variables.SHORTAGE_DECISION, "WAIT",
                            Variables.INVESTIGATION_OUTCOME, "DELIVERED");
                } else if (awaits(Messages.ORDER_DELIVERED)) {
                    deliver();
                } else if (awaits(Messages.STOCK_REPLENISHED)) {
                    correlate(Messages.STOCK_REPLENISHED);
                } else if (awaits(Messages.STOCK_DECISION_RECEIVED)) {
                    correlate(Messages.STOCK_DECISION_RECEIVED, Variables.STOCK_DECISION, StockDecision.WAIT.name());
                } else {
                    Job timer = management.createJobQuery().processInstanceId(id).timers().orderByJobDuedate().asc()
                            .listPage(0, 1).stream().findFirst()
                            .orElseThrow(() -> new AssertionError("order " + id + " waits for nothing this test"
                                    + " knows: " + runtime.getActivityInstance(id)));
                    management.executeJob(timer.getId());
                }
            }
        }

        private boolean awaits(String message) {
            return runtime.createEventSubscriptionQuery().processInstanceId(id).eventType("message")
                    .eventName(message).count() > 0;
        }

        private boolean ended() {
            return runtime.createProcessInstanceQuery().processInstanceId(id).count() == 0;
        }

        /** @param end the end event it must have reached; {@code null}: any end */
        void assertEndedAt(String end) {
            assertEndedAt(end, "order " + id);
        }

        /**
         * @param end  the end event it must have reached; {@code null}: any end
         * @param what how the failure names the order (the parked order's case)
         */
        void assertEndedAt(String end, String what) {
            assertThat(ended()).as("%s: ended; it still waits at %s", what,
                    ended() ? "" : runtime.getActivityInstance(id)).isTrue();
            List<String> ends = history.createHistoricActivityInstanceQuery().processInstanceId(id)
                    .activityType("noneEndEvent").list().stream()
                    .map(activity -> activity.getActivityId()).toList();
            if (end == null) {
                assertThat(ends).as("%s: end events reached", what)
                        .containsAnyOf(DELIVERED, CANCELLED, CANCELLED_ON_REQUEST);
            } else {
                assertThat(ends).as("%s: end events reached", what).contains(end);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // engine and deployments

    /** Like the process tests' engine (in memory, delegates mocked, no job executor), without the coverage gate. */
    private static ProcessEngine releaseCheckEngine(String name) {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        // an engine and a database of its own for each test class: none sees the other's orders
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setJavaSerializationFormatEnabled(false);
        configuration.setExpressionManager(new MockExpressionManager());
        return configuration.buildProcessEngine();
    }

    VersionMigrationPlanner planner(MigrationMappings mappings) {
        return new VersionMigrationPlanner(engine.getRuntimeService(), engine.getRepositoryService(), mappings);
    }

    static BpmnModelInstance model(String resource) {
        try (InputStream in = ReleaseCheck.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath").isNotNull();
            return Bpmn.readModelFromStream(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static BpmnModelInstance releasedModel() {
        assertThat(RELEASED_DIAGRAM).as("the released diagram (run the tests from the project's root)").isRegularFile();
        return Bpmn.readModelFromFile(RELEASED_DIAGRAM.toFile());
    }

    static BpmnModelInstance currentModel() {
        return model(OrderFulfillmentProcess.RESOURCE);
    }

    /** Deploys the diagram with the current decision tables and forms, as one deployment; its definition. */
    private ProcessDefinition deploy(String name, BpmnModelInstance diagram) {
        RepositoryService repository = engine.getRepositoryService();
        DeploymentBuilder deployment = repository.createDeployment().name(name)
                .addModelInstance(OrderFulfillmentProcess.RESOURCE, diagram);
        DECISIONS_AND_FORMS.forEach(deployment::addClasspathResource);
        String deploymentId = deployment.deploy().getId();
        return repository.createProcessDefinitionQuery().deploymentId(deploymentId).singleResult();
    }

    String deployDerived(BpmnModelInstance diagram) {
        return deploy("derived from bpmn/", diagram).getId();
    }

    /** Removes a flow node, its sequence flows and their shapes from the diagram. */
    static void remove(BpmnModelInstance diagram, String nodeId) {
        FlowNode node = diagram.getModelElementById(nodeId);
        for (SequenceFlow flow : Stream.concat(node.getIncoming().stream(), node.getOutgoing().stream()).toList()) {
            flow.getSource().getOutgoing().remove(flow);
            flow.getTarget().getIncoming().remove(flow);
            removeShapes(diagram, flow);
            flow.getParentElement().removeChildElement(flow);
        }
        removeShapes(diagram, node);
        node.getParentElement().removeChildElement(node);
    }

    private static void removeShapes(BpmnModelInstance diagram, ModelElementInstance element) {
        diagram.getModelElementsByType(BpmnShape.class).stream()
                .filter(shape -> shape.getBpmnElement() == element).toList()
                .forEach(shape -> shape.getParentElement().removeChildElement(shape));
        diagram.getModelElementsByType(BpmnEdge.class).stream()
                .filter(edge -> edge.getBpmnElement() == element).toList()
                .forEach(edge -> edge.getParentElement().removeChildElement(edge));
    }
}
