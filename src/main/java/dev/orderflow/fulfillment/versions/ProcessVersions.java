package dev.orderflow.fulfillment.versions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Which versions of {@code OrderFulfillmentProcess} orders run on, and where orders are held on an older version
 * because their wait state has no counterpart in the newest one. Also the gauges
 * {@code orderflow_process_orders_in_flight{version}} and {@code orderflow_process_orders_blocked{version}},
 * refreshed by each migration sweep (every {@code orderflow.process.migration-interval}), not per scrape.
 * <p>
 * Cheap on a big database: one statistics query for the counts per version, one per older version with orders for
 * the counts per activity; no loop over orders.
 */
@Service
public class ProcessVersions {

    /**
     * One version of the process.
     *
     * @param version the version number (1, 2, ...)
     * @param versionTag the version tag it was deployed with, or null
     * @param deployedAt when its deployment was made
     * @param ordersInFlight orders whose process runs on it (a shipped order waiting for its delivery counts)
     * @param blockedAt where its orders wait that cannot move to the newest version; empty for the newest
     */
    public record Version(int version, String versionTag, Instant deployedAt, long ordersInFlight,
            List<Blocked> blockedAt) {
    }

    /**
     * Orders held at one wait state of an older version.
     *
     * @param activityId the element's id in the diagram
     * @param name the element's name in the diagram, or null
     * @param orders how many orders wait there
     * @param reason why they cannot move, in an analyst's words (or the engine's, when it refused the move)
     */
    public record Blocked(String activityId, String name, long orders, String reason) {
    }

    static final String IN_FLIGHT_METRIC = "orderflow.process.orders.in.flight";
    static final String BLOCKED_METRIC = "orderflow.process.orders.blocked";

    private final RepositoryService repository;
    private final ManagementService management;
    private final RuntimeService runtime;
    private final VersionMigrationPlanner planner;
    private final MigrationBatches batches;
    private final MultiGauge inFlight;
    private final MultiGauge blocked;

    ProcessVersions(RepositoryService repository, ManagementService management, RuntimeService runtime,
            VersionMigrationPlanner planner, MigrationBatches batches, MeterRegistry registry) {
        this.repository = repository;
        this.management = management;
        this.runtime = runtime;
        this.planner = planner;
        this.batches = batches;
        this.inFlight = MultiGauge.builder(IN_FLIGHT_METRIC)
                .description("Orders in flight per version of the process").register(registry);
        this.blocked = MultiGauge.builder(BLOCKED_METRIC)
                .description("Orders held on an older version of the process (no counterpart in the newest)")
                .register(registry);
    }

    /** Every version with orders in flight, and the newest always; newest first. */
    public List<Version> list() {
        List<ProcessDefinitionStatistics> definitions = management.createProcessDefinitionStatisticsQuery().list()
                .stream().filter(definition -> OrderFulfillmentProcess.PROCESS_KEY.equals(definition.getKey()))
                .filter(definition -> definition.getTenantId() == null)
                .sorted(Comparator.comparingInt(ProcessDefinitionStatistics::getVersion).reversed()).toList();
        List<Version> versions = new ArrayList<>();
        for (ProcessDefinitionStatistics definition : definitions) {
            boolean newest = versions.isEmpty();
            if (!newest && definition.getInstances() == 0) {
                continue;
            }
            List<Blocked> blockedAt = newest ? List.of() : blockedAt(definition.getId(), definitions.get(0).getId());
            versions.add(new Version(definition.getVersion(), definition.getVersionTag(),
                    deployedAt(definition.getDeploymentId()), definition.getInstances(), blockedAt));
        }
        return versions;
    }

    /** Sets the gauges from {@link #list()}; versions without orders any more drop out. */
    void refreshMetrics() {
        List<Version> versions = list();
        List<MultiGauge.Row<?>> inFlightRows = new ArrayList<>();
        List<MultiGauge.Row<?>> blockedRows = new ArrayList<>();
        for (Version version : versions) {
            Tags tags = Tags.of("version", Integer.toString(version.version()));
            inFlightRows.add(MultiGauge.Row.of(tags, version.ordersInFlight()));
            blockedRows.add(MultiGauge.Row.of(tags, version.blockedAt().stream().mapToLong(Blocked::orders).sum()));
        }
        inFlight.register(inFlightRows, true);
        blocked.register(blockedRows, true);
    }

    private Instant deployedAt(String deploymentId) {
        var deployment = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
        return deployment == null || deployment.getDeploymentTime() == null ? null
                : deployment.getDeploymentTime().toInstant();
    }

    private List<Blocked> blockedAt(String sourceDefinitionId, String newestDefinitionId) {
        PlannedMigration planned = planner.plan(sourceDefinitionId, newestDefinitionId);
        Map<String, String> names = planned.waitStates().stream().filter(state -> state.name() != null)
                .collect(Collectors.toMap(WaitState::activityId, WaitState::name, (first, second) -> first));
        Map<String, Blocked> blockedAt = new LinkedHashMap<>();
        if (!planned.blockedIds().isEmpty()) {
            for (ActivityStatistics activity : management.createActivityStatisticsQuery(sourceDefinitionId).list()) {
                if (planned.blockedIds().contains(activity.getId()) && activity.getInstances() > 0) {
                    blockedAt.put(activity.getId(), new Blocked(activity.getId(), names.get(activity.getId()),
                            activity.getInstances(), planned.blocked().get(activity.getId())));
                }
            }
        }
        // orders the engine refused to move (rare): counted where they waited when it refused
        Map<String, MigrationBatches.Refusal> refused = batches.refused(sourceDefinitionId, newestDefinitionId);
        if (!refused.isEmpty()) {
            Set<String> stillThere = runtime.createProcessInstanceQuery().processDefinitionId(sourceDefinitionId)
                    .processInstanceIds(new HashSet<>(refused.keySet())).list().stream().map(ProcessInstance::getId)
                    .collect(Collectors.toSet());
            Map<String, List<MigrationBatches.Refusal>> byActivity = refused.values().stream()
                    .filter(refusal -> stillThere.contains(refusal.processInstanceId()))
                    .filter(refusal -> !blockedAt.containsKey(refusal.activityId()))
                    .collect(Collectors.groupingBy(refusal -> String.valueOf(refusal.activityId()),
                            LinkedHashMap::new, Collectors.toList()));
            byActivity.forEach((activityId, refusals) -> blockedAt.put(activityId, new Blocked(activityId,
                    names.get(activityId), refusals.size(), "the engine refused to move these orders to the newest"
                            + " version: " + refusals.get(0).reason())));
        }
        return List.copyOf(blockedAt.values());
    }
}
