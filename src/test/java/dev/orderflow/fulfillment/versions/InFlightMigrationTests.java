package dev.orderflow.fulfillment.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.support.ChangedDiagram;
import dev.orderflow.support.ExpectedLogs;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Orders in flight follow a changed diagram deployed from Camunda Modeler, where they can; the others stay on
 * their version, work on to their end and are listed. Each test deploys a new version into this context's own
 * engine, so they run in a fixed order (the last one leaves a diagram with a renamed user task behind).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:in-flight-migration-tests;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        "camunda.bpm.generate-unique-process-engine-name=true",
        // Camunda's webapps keep static state per JVM: only the local-run test context may start them
        "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
        "orderflow.notifications.relay-interval=PT0.2S",
        // only deployments (and the tests) start sweeps here, so each test knows what ran
        "orderflow.process.migration-interval=PT1H"
})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InFlightMigrationTests {

    /** a refused batch is provoked on purpose: the warning about it is expected */
    @RegisterExtension
    static final ExpectedLogs EXPECTED = ExpectedLogs.of("dev.orderflow.fulfillment.versions");

    private static final Duration A_WHILE = Duration.ofSeconds(60);

    @Autowired
    TestRestTemplate http;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    InFlightMigration migration;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    OrderflowApi api;

    @BeforeEach
    void connectApi() {
        api = new OrderflowApi(http, "storefront", "staff", "courier-secret");
    }

    @Test
    @Order(1)
    void ordersAtAUserTaskAMessageCatchAndATimerMoveToADiagramDeployedFromTheModelerAndReachTheirEnd() {
        // given: an order at the review (user task), one waiting for the customer's stock decision (message and
        // timer), one waiting for a restock (message and timer)
        String review = reviewOrder();
        String decision = outOfStockOrder();
        String restock = outOfStockOrder();
        assertThat(api.decideStock(restock, "WAIT").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.awaitStatus(restock, "AWAITING_RESTOCK");
        await().atMost(A_WHILE).until(() -> !timers(restock).isEmpty());
        String oldVersion = instance(review).getProcessDefinitionId();
        Map<String, Map<String, Object>> variablesBefore = variables(review, decision, restock);
        Map<String, Map<String, Date>> timersBefore = Map.of(decision, timers(decision), restock, timers(restock));
        Map<String, Map<String, Object>> ordersBefore = orders(review, decision, restock);

        // when: an analyst deploys a changed diagram from the Modeler
        ChangedDiagram.Answer deployed = ChangedDiagram.ofCurrent()
                .renamed(Elements.USER_TASK_REVIEW_DISCREPANCY, "Review discrepancy (changed)")
                .deployFromModeler(baseUrl(), "admin", "admin");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        String newVersion = newestDefinitionId();
        assertThat(newVersion).isNotEqualTo(oldVersion);

        // then: all three move by themselves, timers due as before, variables and our own records untouched
        for (String orderId : List.of(review, decision, restock)) {
            await().atMost(A_WHILE).until(() -> instance(orderId).getProcessDefinitionId().equals(newVersion));
        }
        assertThat(timers(decision)).isEqualTo(timersBefore.get(decision)).isNotEmpty();
        assertThat(timers(restock)).isEqualTo(timersBefore.get(restock)).isNotEmpty();
        assertThat(variables(review, decision, restock)).isEqualTo(variablesBefore);
        assertThat(orders(review, decision, restock)).isEqualTo(ordersBefore);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(review).singleResult().getName())
                .isEqualTo("Review discrepancy");

        // and each reaches its end on the new version
        completeReview(review, "APPROVE");
        assertThat(api.decideStock(decision, "WAIT").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.awaitStatus(decision, "AWAITING_RESTOCK");
        assertThat(api.restock("TSHIRT-ORG-L", 2).getStatusCode().is2xxSuccessful()).isTrue();
        for (String orderId : List.of(review, decision, restock)) {
            deliver(orderId);
        }
        assertThat(jdbc.sql("select state from process_migration_batch where target_definition_id = :target")
                .param("target", newVersion).query(String.class).list()).isNotEmpty();
    }

    @Test
    @Order(2)
    void theVersionsAreListedForStaffOnlyNewestFirst() {
        // given: an order in flight on the newest version
        String review = reviewOrder();

        // when
        ResponseEntity<Map<String, Object>> listed = api.staff().exchange("/api/process/versions", HttpMethod.GET,
                null, OrderflowApi.JSON_OBJECT);

        // then
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> items = items(listed.getBody());
        assertThat(items).isNotEmpty();
        Map<String, Object> newest = items.get(0);
        assertThat(newest).containsKeys("version", "versionTag", "deployedAt", "ordersInFlight", "blockedAt");
        assertThat(newest.get("version")).isEqualTo(repository.getProcessDefinition(newestDefinitionId()).getVersion());
        assertThat(((Number) newest.get("ordersInFlight")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat((List<?>) newest.get("blockedAt")).isEmpty();
        assertThat(java.time.Instant.parse((String) newest.get("deployedAt"))).isBeforeOrEqualTo(java.time.Instant.now());
        assertThat(items).extracting(item -> ((Number) item.get("version")).intValue())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // and not for storefronts or strangers, with problem details as elsewhere
        ResponseEntity<String> storefront = api.storefront().getForEntity("/api/process/versions", String.class);
        assertThat(storefront.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(storefront.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ResponseEntity<String> anonymous = http.getForEntity("/api/process/versions", String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        // and the metric counts the orders per version after a sweep
        migration.sweep();
        assertThat(gauge(ProcessVersions.IN_FLIGHT_METRIC, newest.get("version"))).isGreaterThanOrEqualTo(1);
        completeReview(review, "CANCEL");
        api.awaitStatus(review, "CANCELLED");
    }

    @Test
    @Order(3)
    void aBatchInterruptedBeforeItsJobsRanMovesTheOrdersOnceJobsRunAgain() {
        // given: an order at the review, and no job runs (as if the node died right after starting the batch)
        String review = reviewOrder();
        String oldVersion = instance(review).getProcessDefinitionId();
        JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        jobs.shutdown();
        try {
            assertThat(ChangedDiagram.ofCurrent().renamed(Elements.USER_TASK_REVIEW_DISCREPANCY, "Review (crash)")
                    .deployFromModeler(baseUrl(), "admin", "admin").status()).isEqualTo(200);
            await().atMost(A_WHILE).until(() -> management.createBatchQuery().count() > 0);
            assertThat(instance(review).getProcessDefinitionId()).isEqualTo(oldVersion);
        } finally {
            // when: jobs run again (a restarted node, or any other node), without a new sweep
            jobs.start();
        }

        // then: Camunda's batch carries on by itself and the order moves; the next sweep records the batch done
        String newVersion = newestDefinitionId();
        await().atMost(A_WHILE).until(() -> instance(review).getProcessDefinitionId().equals(newVersion));
        await().atMost(A_WHILE).until(() -> management.createBatchQuery().count() == 0);
        migration.sweep();
        assertThat(jdbc.sql("select count(*) from process_migration_batch where state = 'RUNNING'")
                .query(Integer.class).single()).isZero();
        completeReview(review, "APPROVE");
        deliver(review);
    }

    @Test
    @Order(4)
    void aBatchWhoseOrderMovedIntoABlockedStateMeanwhileIsCleanedUpAndTheOrderListedWithTheEnginesReason() {
        // given: a batch for an order at the review, not run yet
        String review = reviewOrder();
        String oldVersion = instance(review).getProcessDefinitionId();
        JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        jobs.shutdown();
        try {
            assertThat(ChangedDiagram.ofCurrent().withNewId(Elements.TASK_CREATE_LABEL, "Task_PrintLabel")
                    .deployFromModeler(baseUrl(), "admin", "admin").status()).isEqualTo(200);
            await().atMost(A_WHILE).until(() -> management.createBatchQuery().count() > 0);
            // when: meanwhile the order goes on to a step the new version does not have (label creation)
            completeReview(review, "APPROVE");
            await().atMost(A_WHILE).until(() -> management.createJobQuery().processInstanceId(instance(review).getId())
                    .activityId(Elements.TASK_CREATE_LABEL).count() == 1);
            runBatchJobsUntilTheyGiveUp();

            // then: the next sweep deletes the batch and keeps the engine's reason
            migration.sweep();
            assertThat(management.createBatchQuery().count()).isZero();
            assertThat(jdbc.sql("select failure from process_migration_batch where state = 'FAILED'")
                    .query(String.class).list()).singleElement().asString().contains(instance(review).getId());
            Map<String, Object> oldItem = versionItem(oldVersion);
            assertThat(blockedAt(oldItem)).singleElement().satisfies(blocked -> {
                assertThat(blocked.get("activityId")).isEqualTo(Elements.TASK_CREATE_LABEL);
                assertThat(blocked.get("orders")).isEqualTo(1);
                // it waits where the new version has no counterpart: the analyst's reason says so
                assertThat((String) blocked.get("reason")).contains("Create label", "bpmn/migrations/");
            });
            // and another sweep does not try it again
            assertThat(migration.sweep()).isEmpty();
        } finally {
            jobs.start();
        }
        // and the order works on to its end on its own version
        deliver(review);
        assertThat(jdbc.sql("select count(*) from process_migration_batch where state = 'RUNNING'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    @Order(5)
    void aRefusedOrderThatMovesOnToAPlaceWithACounterpartIsTriedAgainAndNoLongerListedWhereItWas() {
        // given: the engine refused to move an order that went on into a step the new version lacks (as in the test
        // before), and its batch was given up
        String review = reviewOrder();
        String pid = instance(review).getId();
        String oldVersion = instance(review).getProcessDefinitionId();
        JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        jobs.shutdown();
        try {
            assertThat(ChangedDiagram.ofCurrent().withNewId(Elements.TASK_CREATE_LABEL, "Task_WriteLabel")
                    .deployFromModeler(baseUrl(), "admin", "admin").status()).isEqualTo(200);
            await().atMost(A_WHILE).until(() -> management.createBatchQuery().count() > 0);
            completeReview(review, "APPROVE");
            await().atMost(A_WHILE).until(() -> management.createJobQuery().processInstanceId(pid).list().stream()
                    .map(this::jobActivity).anyMatch(activity -> activity.contains("Label")));
            runBatchJobsUntilTheyGiveUp();
            migration.sweep();
            assertThat(management.createBatchQuery().count()).isZero();
            assertThat(jdbc.sql("select refusal from process_migration_order where process_instance_id = :pid")
                    .param("pid", pid).query(String.class).list()).singleElement().asString().contains(pid);
        } finally {
            jobs.start();
        }

        // when: it moves on and waits for its delivery, which the new version has too
        api.awaitStatus(review, "SHIPPED");
        await().atMost(A_WHILE).until(() -> runtime.getActiveActivityIds(pid)
                .contains(Elements.GATEWAY_AWAIT_DELIVERY));

        // then: it is not listed at the step it left, and the next sweep moves it
        assertThat(blockedAt(versionItem(oldVersion))).isEmpty();
        assertThat(migration.sweep()).hasSize(1);
        String newVersion = newestDefinitionId();
        await().atMost(A_WHILE).until(() -> instance(review).getProcessDefinitionId().equals(newVersion));
        deliver(review);
    }

    @Test
    @Order(6)
    void anOrderTheEngineRefusedIsNotTriedAgainWhileItWaitsThereAndIsListedThereWithoutEngineIds() {
        // given: an order at the review on the version before the newest
        String review = reviewOrder();
        String pid = instance(review).getId();
        String oldVersion = instance(review).getProcessDefinitionId();
        JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        jobs.shutdown();
        String engineMessage;
        try {
            assertThat(ChangedDiagram.ofCurrent().renamed(Elements.TASK_CREATE_LABEL, "Create label (refused)")
                    .deployFromModeler(baseUrl(), "admin", "admin").status()).isEqualTo(200);
            await().atMost(A_WHILE).until(() -> management.createBatchQuery().count() > 0);
            String newVersion = newestDefinitionId();
            // and the engine refused to move it from there (a rare, instance-level refusal a race cannot provoke at
            // a place with a counterpart: the engine's real message for this order, recorded as a sweep records a
            // batch it gave up)
            engineMessage = engineRefusal(pid, oldVersion, newVersion);
            String batchId = management.createBatchQuery().singleResult().getId();
            management.deleteBatch(batchId, true);
            jdbc.sql("update process_migration_batch set state = 'FAILED', failure = :message where batch_id = :batch")
                    .param("message", engineMessage).param("batch", batchId).update();
            jdbc.sql("""
                    update process_migration_order set activity_id = :at, refusal = :message
                     where batch_id = :batch and process_instance_id = :pid""")
                    .param("at", Elements.USER_TASK_REVIEW_DISCREPANCY).param("message", engineMessage)
                    .param("batch", batchId).param("pid", pid).update();
        } finally {
            jobs.start();
        }
        String activityInstance = runtime.getActivityInstance(pid).getChildActivityInstances()[0].getId();
        assertThat(engineMessage).contains(pid, activityInstance);

        // when: sweeps run while it still waits at the review
        assertThat(migration.sweep()).isEmpty();

        // then: it stays, and is listed at the review with the gist of the engine's reason, without its ids
        assertThat(instance(review).getProcessDefinitionId()).isEqualTo(oldVersion);
        assertThat(blockedAt(versionItem(oldVersion))).singleElement().satisfies(blocked -> {
            assertThat(blocked.get("activityId")).isEqualTo(Elements.USER_TASK_REVIEW_DISCREPANCY);
            assertThat(blocked.get("name")).isEqualTo("Review discrepancy");
            assertThat(blocked.get("orders")).isEqualTo(1);
            assertThat((String) blocked.get("reason")).doesNotContain(pid, activityInstance, "ENGINE-")
                    .contains("The engine refused to move these orders", Elements.USER_TASK_REVIEW_DISCREPANCY,
                            "no migration instruction");
        });

        // and once it waits elsewhere (for its delivery), it is tried again and moves
        completeReview(review, "APPROVE");
        api.awaitStatus(review, "SHIPPED");
        await().atMost(A_WHILE).until(() -> runtime.getActiveActivityIds(pid)
                .contains(Elements.GATEWAY_AWAIT_DELIVERY));
        assertThat(migration.sweep()).hasSize(1);
        String newVersion = newestDefinitionId();
        await().atMost(A_WHILE).until(() -> instance(review).getProcessDefinitionId().equals(newVersion));
        deliver(review);
    }

    @Test
    @Order(7)
    void aBatchSuspendedInCockpitHoldsItsOrdersWhichAreListedWithTheReasonAndWarnedAboutEachSweep() {
        // given: a batch moving an order at the review, suspended by an admin in Cockpit before it ran
        String review = reviewOrder();
        String oldVersion = instance(review).getProcessDefinitionId();
        JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        jobs.shutdown();
        String batchId;
        try {
            assertThat(ChangedDiagram.ofCurrent().renamed(Elements.TASK_CREATE_LABEL, "Create label (paused)")
                    .deployFromModeler(baseUrl(), "admin", "admin").status()).isEqualTo(200);
            await().atMost(A_WHILE).until(() -> management.createBatchQuery().count() > 0);
            batchId = management.createBatchQuery().singleResult().getId();
            assertThat(suspendBatch(batchId, true).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        } finally {
            jobs.start();
        }
        int newVersion = repository.getProcessDefinition(newestDefinitionId()).getVersion();

        // when: sweeps run
        int before = EXPECTED.messages().size();
        assertThat(migration.sweep()).isEmpty();
        migration.sweep();

        // then: the order stays, is listed at the review with why, and each sweep warns
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> instance(review).getProcessDefinitionId().equals(oldVersion));
        assertThat(blockedAt(versionItem(oldVersion))).singleElement().satisfies(blocked -> {
            assertThat(blocked.get("activityId")).isEqualTo(Elements.USER_TASK_REVIEW_DISCREPANCY);
            assertThat(blocked.get("orders")).isEqualTo(1);
            assertThat((String) blocked.get("reason")).contains("moving these orders to a newer version is paused",
                    "suspended in Cockpit", "activate or delete it");
        });
        assertThat(EXPECTED.messages().subList(before, EXPECTED.messages().size()))
                .filteredOn(message -> message.contains(batchId) && message.contains("suspended")).hasSize(2);
        assertThat(gauge(ProcessVersions.BLOCKED_METRIC, repository.getProcessDefinition(oldVersion).getVersion()))
                .isEqualTo(1);

        // and once activated, the batch moves it
        assertThat(suspendBatch(batchId, false).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(A_WHILE).until(() -> instance(review).getProcessDefinitionId().equals(newestDefinitionId()));
        int old = repository.getProcessDefinition(oldVersion).getVersion();
        assertThat(items(api.staff().exchange("/api/process/versions", HttpMethod.GET, null,
                OrderflowApi.JSON_OBJECT).getBody())).noneMatch(item -> item.get("version").equals(old));
        completeReview(review, "CANCEL");
        api.awaitStatus(review, "CANCELLED");
    }

    @Test
    @Order(8)
    void anOrderAtAWaitStateTheNewVersionDoesNotHaveStaysWorksToItsEndAndIsListedWithTheReason() {
        // given: an order at the review and one waiting for a stock decision
        String review = reviewOrder();
        String decision = outOfStockOrder();
        String oldVersion = instance(decision).getProcessDefinitionId();

        // when: a diagram whose stock-decision wait has a new id is deployed, without a mapping for it
        assertThat(ChangedDiagram.ofCurrent()
                .withNewId(Elements.GATEWAY_AWAIT_STOCK_DECISION, "Gateway_AwaitCustomersChoice")
                .deployFromModeler(baseUrl(), "admin", "admin").status()).isEqualTo(200);
        String newVersion = newestDefinitionId();

        // then: the order at the review moves, the one at the stock decision stays and is listed with the reason
        await().atMost(A_WHILE).until(() -> instance(review).getProcessDefinitionId().equals(newVersion));
        assertThat(instance(decision).getProcessDefinitionId()).isEqualTo(oldVersion);
        Map<String, Object> oldItem = versionItem(oldVersion);
        assertThat(((Number) oldItem.get("ordersInFlight")).intValue()).as(runtime.createProcessInstanceQuery()
                .processDefinitionId(oldVersion).list().stream().map(i -> i.getBusinessKey() + " at "
                        + runtime.getActiveActivityIds(i.getId())).toList().toString()).isEqualTo(1);
        assertThat(blockedAt(oldItem)).singleElement().satisfies(blocked -> {
            assertThat(blocked.get("activityId")).isEqualTo(Elements.GATEWAY_AWAIT_STOCK_DECISION);
            // the gateway has no name in the diagram: none is listed (the reason names its id)
            assertThat(blocked).containsEntry("name", null);
            assertThat(blocked.get("orders")).isEqualTo(1);
            assertThat((String) blocked.get("reason")).contains(Elements.GATEWAY_AWAIT_STOCK_DECISION,
                    "have nowhere to go", "bpmn/migrations/");
        });
        assertThat(blockedAt(versionItem(newVersion))).isEmpty();
        migration.sweep();
        assertThat(instance(decision).getProcessDefinitionId()).isEqualTo(oldVersion);
        assertThat(gauge(ProcessVersions.BLOCKED_METRIC, repository.getProcessDefinition(oldVersion).getVersion()))
                .isEqualTo(1);

        // and both work on to their end, each on its version
        completeReview(review, "APPROVE");
        deliver(review);
        assertThat(api.decideStock(decision, "REFUND").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.awaitStatus(decision, "CANCELLED");
    }

    /** The engine's own message when it refuses to move this order with a plan that has no instruction for it. */
    private String engineRefusal(String pid, String from, String to) {
        var plan = runtime.createMigrationPlan(from, to).mapActivities(Elements.USER_TASK_RESOLVE_PICK_SHORTAGE,
                Elements.USER_TASK_RESOLVE_PICK_SHORTAGE).build();
        try {
            runtime.newMigration(plan).processInstanceIds(pid).execute();
        } catch (org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException refused) {
            return refused.getMessage();
        }
        throw new AssertionError("the engine moved the order");
    }

    private ResponseEntity<String> suspendBatch(String batchId, boolean suspended) {
        return http.withBasicAuth("admin", "admin").exchange(baseUrl() + "/batch/" + batchId + "/suspended",
                HttpMethod.PUT, OrderflowApi.json("{\"suspended\": " + suspended + "}"), String.class);
    }

    private void runBatchJobsUntilTheyGiveUp() {
        await().atMost(A_WHILE).until(() -> {
            for (Job job : management.createJobQuery().withRetriesLeft().list()) {
                if (job.getProcessInstanceId() == null) {
                    try {
                        management.executeJob(job.getId());
                    } catch (RuntimeException refused) {
                        // the engine refuses the move: the job's retries go down
                    }
                }
            }
            var batch = management.createBatchQuery().singleResult();
            return management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).count() > 0
                    && management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).withRetriesLeft()
                            .count() == 0;
        });
    }

    private String reviewOrder() {
        // a price that differs from the catalog sends the order to review
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        await().atMost(A_WHILE).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(orderId).count() == 1);
        return orderId;
    }

    private String outOfStockOrder() {
        String orderId = api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00"));
        api.awaitStatus(orderId, "AWAITING_STOCK_DECISION");
        await().atMost(A_WHILE).until(() -> !timers(orderId).isEmpty());
        return orderId;
    }

    private void completeReview(String orderId, String decision) {
        String id = tasks.createTaskQuery().processInstanceBusinessKey(orderId).singleResult().getId();
        tasks.claim(id, "cs");
        tasks.complete(id, Map.of(Variables.REVIEW_DECISION, decision, Variables.REVIEW_COMMENT, "checked"));
    }

    private void deliver(String orderId) {
        Map<String, Object> shipped = api.awaitStatus(orderId, "SHIPPED");
        String trackingNumber = (String) shipped.get("trackingNumber");
        assertThat(api.courierEvent(trackingNumber, OrderflowApi.courierEventBody("evt-delivered-" + orderId,
                "DELIVERED", java.time.Instant.now().toString())).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.awaitStatus(orderId, "DELIVERED");
        await().atMost(A_WHILE).until(() -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId)
                .count() == 0);
    }

    private ProcessInstance instance(String orderId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult();
    }

    private String newestDefinitionId() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(OrderFulfillmentProcess.PROCESS_KEY)
                .latestVersion().singleResult().getId();
    }

    private Map<String, Date> timers(String orderId) {
        return management.createJobQuery().processInstanceId(instance(orderId).getId()).timers().list().stream()
                .collect(Collectors.toMap(this::jobActivity, Job::getDuedate));
    }

    private String jobActivity(Job job) {
        return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
                .getActivityId();
    }

    private Map<String, Map<String, Object>> variables(String... orderIds) {
        return java.util.Arrays.stream(orderIds).collect(Collectors.toMap(id -> id,
                id -> runtime.getVariables(instance(id).getId())));
    }

    private Map<String, Map<String, Object>> orders(String... orderIds) {
        return java.util.Arrays.stream(orderIds).collect(Collectors.toMap(id -> id, api::getAsStaff));
    }

    private Map<String, Object> versionItem(String definitionId) {
        int version = repository.getProcessDefinition(definitionId).getVersion();
        return items(api.staff().exchange("/api/process/versions", HttpMethod.GET, null, OrderflowApi.JSON_OBJECT)
                .getBody()).stream().filter(item -> item.get("version").equals(version)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("items");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> blockedAt(Map<String, Object> item) {
        return (List<Map<String, Object>>) item.get("blockedAt");
    }

    private double gauge(String name, Object version) {
        return registry.get(name).tag("version", String.valueOf(version)).gauge().value();
    }

    /** This context's engine has a name of its own: the Modeler's endpoint names it. */
    private String baseUrl() {
        return http.getRootUri() + "/engine-rest/engine/" + engine.getName();
    }
}
