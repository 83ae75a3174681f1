package dev.orderflow.fulfillment.versions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import dev.orderflow.fulfillment.versions.NewVersionDeployments.NewVersionDeployed;
import jakarta.annotation.PreDestroy;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves orders in flight on older versions of {@code OrderFulfillmentProcess} to the newest version, with
 * Camunda's migration as a batch (in the background, on the job executors of every node), wherever each of an
 * order's wait states has a counterpart in the newest version ({@link VersionMigrationPlanner}). Orders waiting
 * at a state without one stay on their version and keep working to their end; {@link ProcessVersions} lists them.
 * <p>
 * A sweep runs after the start-up deployment, right after a new version is deployed on this node (Modeler), and
 * every {@code orderflow.process.migration-interval} on every node, which catches a deployment on another node, a
 * crash between deployment and batch, and a newer version appearing. Nodes take turns (a row lock, V17) and never
 * start two live batches for the same source version. A batch whose remaining jobs all failed (an order moved into
 * a blocked state meanwhile, or another refusal by the engine) is deleted, its reasons are kept per order and those
 * orders are not tried again for that version while they wait where they were refused (once one waits somewhere
 * else, it is tried again). A batch an operator suspended in Cockpit holds its orders (and its version) until it
 * is activated or deleted; each sweep logs a warning meanwhile. Started batches are Camunda's: a crash interrupts
 * them, and any node's job executor carries them on.
 * <p>
 * Switched off with {@code orderflow.process.migrate-in-flight=false}: nothing moves, the listing still works.
 * Timers keep their due dates; custom listeners and input/output mappings do not run on the way.
 */
@Component
class InFlightMigration {

    private static final Logger log = LoggerFactory.getLogger(InFlightMigration.class);

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ManagementService management;
    private final VersionMigrationPlanner planner;
    private final MigrationBatches batches;
    private final ProcessVersions versions;
    private final RefusedOrders refusedOrders;
    private final TransactionTemplate transaction;
    private final boolean enabled;
    private final ExecutorService afterDeployment = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "process-migration");
        thread.setDaemon(true);
        return thread;
    });
    /** A sweep asked for while one is queued is the same sweep. */
    private final AtomicBoolean queued = new AtomicBoolean();

    InFlightMigration(RuntimeService runtime, RepositoryService repository, ManagementService management,
            VersionMigrationPlanner planner, MigrationBatches batches, ProcessVersions versions,
            RefusedOrders refusedOrders, PlatformTransactionManager transactions,
            @Value("${orderflow.process.migrate-in-flight}") boolean enabled) {
        this.runtime = runtime;
        this.repository = repository;
        this.management = management;
        this.planner = planner;
        this.batches = batches;
        this.versions = versions;
        this.refusedOrders = refusedOrders;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void afterStartUp() {
        soon();
    }

    @EventListener
    void deployed(NewVersionDeployed deployment) {
        log.info("New version of the process deployed (deployment {}): moving orders in flight to it",
                deployment.deploymentId());
        soon();
    }

    @Scheduled(initialDelayString = "${orderflow.process.migration-interval}",
            fixedDelayString = "${orderflow.process.migration-interval}")
    void periodically() {
        soon();
    }

    @PreDestroy
    void stop() {
        afterDeployment.shutdownNow();
    }

    /** Runs a sweep on this node's migration thread, unless one is waiting to run already. */
    void soon() {
        if (queued.compareAndSet(false, true)) {
            afterDeployment.execute(() -> {
                queued.set(false);
                try {
                    sweep();
                } catch (RuntimeException e) {
                    log.warn("Moving orders in flight to the newest process version failed; tried again on the next"
                            + " run: {}", e.toString(), e);
                }
            });
        }
    }

    /**
     * One sweep: follows the batches started before, starts a batch per older version whose movable orders are not
     * being moved yet, and refreshes the metrics. Synchronous; {@link #soon()} is what the triggers call.
     *
     * @return the batches started
     */
    synchronized List<String> sweep() {
        List<String> started = new ArrayList<>();
        if (enabled) {
            transaction.executeWithoutResult(status -> followRunningBatches());
            ProcessDefinition newest = newest();
            if (newest != null) {
                for (ProcessDefinitionStatistics older : olderWithOrders(newest)) {
                    // planned outside the batch's transaction: the planner lets Camunda refuse instructions, and a
                    // refusal marks the transaction it runs in for rollback
                    PlannedMigration planned = planner.plan(older.getId(), newest.getId());
                    String batch = transaction.execute(status -> startBatch(planned));
                    if (batch != null) {
                        started.add(batch);
                    }
                }
            }
        }
        versions.refreshMetrics();
        return started;
    }

    private ProcessDefinition newest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(OrderFulfillmentProcess.PROCESS_KEY)
                .latestVersion().withoutTenantId().singleResult();
    }

    private List<ProcessDefinitionStatistics> olderWithOrders(ProcessDefinition newest) {
        return management.createProcessDefinitionStatisticsQuery().list().stream()
                .filter(definition -> OrderFulfillmentProcess.PROCESS_KEY.equals(definition.getKey()))
                .filter(definition -> definition.getVersion() < newest.getVersion() && definition.getInstances() > 0)
                .sorted(Comparator.comparingInt(ProcessDefinitionStatistics::getVersion))
                .toList();
    }

    private String startBatch(PlannedMigration planned) {
        String sourceDefinitionId = planned.source().getId();
        ProcessDefinition target = planned.target();
        if (planned.plan() == null) {
            return null;
        }
        batches.lock();
        if (batches.runningFor(sourceDefinitionId)) {
            return null;
        }
        Set<String> orders = instanceIds(sourceDefinitionId, Set.of());
        if (!planned.blockedIds().isEmpty()) {
            orders.removeAll(instanceIds(sourceDefinitionId, planned.blockedIds()));
        }
        // refused before and still where the engine refused them: not tried again for this version (an order that
        // has moved on since waits somewhere else, and is tried again)
        refusedOrders.stillWhereRefused(sourceDefinitionId, target.getId())
                .forEach(held -> orders.remove(held.processInstanceId()));
        if (orders.isEmpty()) {
            return null;
        }
        Batch batch = runtime.newMigration(planned.plan()).processInstanceIds(List.copyOf(orders))
                .skipCustomListeners().skipIoMappings().executeAsync();
        batches.started(batch.getId(), sourceDefinitionId, target.getId(), orders);
        log.info("Moving {} orders from version {} to version {} of the process (batch {}){}", orders.size(),
                planned.source().getVersion(), target.getVersion(), batch.getId(), planned.blocked().isEmpty() ? ""
                        : "; staying on version " + planned.source().getVersion() + ": " + planned.blocked().values());
        return batch.getId();
    }

    /** The instances of a version, all of them or those waiting at one of {@code atActivities}. */
    private Set<String> instanceIds(String definitionId, Set<String> atActivities) {
        var query = runtime.createProcessInstanceQuery().processDefinitionId(definitionId);
        if (!atActivities.isEmpty()) {
            query.activityIdIn(atActivities.toArray(String[]::new));
        }
        return query.list().stream().map(ProcessInstance::getId).collect(Collectors.toCollection(HashSet::new));
    }

    private void followRunningBatches() {
        batches.lock();
        for (MigrationBatches.Started started : batches.running()) {
            Batch batch = management.createBatchQuery().batchId(started.batchId()).singleResult();
            if (batch == null) {
                batches.done(started.batchId());
                log.info("Batch {} done: orders moved to the newest process version", started.batchId());
            } else if (batch.isSuspended()) {
                // an operator suspended it in Cockpit: its orders stay where they are until it is activated or
                // deleted, and no other batch starts for their version meanwhile
                log.warn("Batch {} moving orders from version {} to version {} of the process is suspended (Cockpit,"
                        + " Batches): its remaining orders stay on version {} until it is activated or deleted",
                        started.batchId(), version(started.sourceDefinitionId()),
                        version(started.targetDefinitionId()), version(started.sourceDefinitionId()));
            } else if (allRemainingJobsFailed(batch)) {
                giveUp(started, batch);
            }
        }
    }

    private boolean allRemainingJobsFailed(Batch batch) {
        if (management.createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId()).count() > 0) {
            return false;
        }
        var jobs = management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId());
        return jobs.count() > 0 && management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId())
                .withRetriesLeft().count() == 0;
    }

    /** Deletes a batch that cannot get further, keeping for each order it did not move where it waits and why. */
    private void giveUp(MigrationBatches.Started started, Batch batch) {
        List<String> reasons = management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId())
                .noRetriesLeft().list().stream().map(Job::getExceptionMessage)
                .filter(message -> message != null).distinct().toList();
        Set<String> stillThere = new HashSet<>(batches.orders(started.batchId()));
        stillThere.retainAll(instanceIds(started.sourceDefinitionId(), Set.of()));
        List<MigrationBatches.Refusal> refusals = new ArrayList<>();
        for (String instance : stillThere) {
            String reason = reasons.stream().filter(message -> message.contains(instance)).findFirst()
                    .orElse(reasons.isEmpty() ? "the engine refused the move" : reasons.get(0));
            // where it waits now, to try it again once it waits somewhere else
            String at = MigrationBatches.place(runtime.getActiveActivityIds(instance));
            refusals.add(new MigrationBatches.Refusal(instance, at, reason));
        }
        String failure = String.join("\n", reasons);
        management.deleteBatch(batch.getId(), true);
        batches.failed(started.batchId(), failure, refusals);
        log.warn("Batch {} could not move {} orders to the newest process version; they stay on their version and"
                + " are listed at GET /api/process/versions: {}", batch.getId(), refusals.size(), failure);
    }

    private String version(String definitionId) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionId(definitionId)
                .singleResult();
        return definition == null ? definitionId : Integer.toString(definition.getVersion());
    }

    /** Which orders a refusal left where, for the log of a test or an operator. */
    Map<String, String> refusals(String sourceDefinitionId, String targetDefinitionId) {
        Map<String, String> refused = new LinkedHashMap<>();
        batches.refused(sourceDefinitionId, targetDefinitionId)
                .forEach((instance, refusal) -> refused.put(instance, refusal.reason()));
        return refused;
    }
}
