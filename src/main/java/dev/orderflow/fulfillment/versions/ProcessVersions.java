package dev.orderflow.fulfillment.versions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Which versions of {@code OrderFulfillmentProcess} orders run on, and where orders are held on an older version:
 * their wait state has no counterpart in the newest one, the engine refused to move them from where they wait, the
 * migration batch for their version is suspended in Cockpit, or migration is switched off. Also the gauges
 * {@code orderflow_process_orders_in_flight{version}} and {@code orderflow_process_orders_blocked{version}},
 * refreshed by each migration sweep (every {@code orderflow.process.migration-interval}), not per scrape.
 * <p>
 * Cheap on a big database: one statistics query for the counts per version, one per older version with orders for
 * the counts per activity; the only loop over orders is over those the engine refused to move (few).
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
     * @param name the element's name in the diagram, or null when it has none
     * @param orders how many orders wait there
     * @param reason why they cannot move, in an analyst's words (the gist of the engine's message, without internal
     *        ids, when it refused the move); several reasons are joined
     */
    public record Blocked(String activityId, String name, long orders, String reason) {
    }

    static final String IN_FLIGHT_METRIC = "orderflow.process.orders.in.flight";
    static final String BLOCKED_METRIC = "orderflow.process.orders.blocked";

    private final RepositoryService repository;
    private final ManagementService management;
    private final VersionMigrationPlanner planner;
    private final MigrationBatches batches;
    private final RefusedOrders refusedOrders;
    private final boolean enabled;
    private final MultiGauge inFlight;
    private final MultiGauge blocked;

    ProcessVersions(RepositoryService repository, ManagementService management, VersionMigrationPlanner planner,
            MigrationBatches batches, RefusedOrders refusedOrders, MeterRegistry registry,
            @Value("${orderflow.process.migrate-in-flight}") boolean enabled) {
        this.repository = repository;
        this.management = management;
        this.planner = planner;
        this.batches = batches;
        this.refusedOrders = refusedOrders;
        this.enabled = enabled;
        this.inFlight = MultiGauge.builder(IN_FLIGHT_METRIC)
                .description("Orders in flight per version of the process").register(registry);
        this.blocked = MultiGauge.builder(BLOCKED_METRIC)
                .description("Orders held on an older version of the process (see GET /api/process/versions)")
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
        int targetVersion = planned.target().getVersion();
        Map<String, WaitState> waitStates = new LinkedHashMap<>();
        planned.waitStates().forEach(state -> waitStates.putIfAbsent(state.activityId(), state));
        // why the orders at a wait state that could move stay anyway, if they do
        String held = !enabled ? "moving orders in flight to version " + targetVersion + " is switched off"
                + " (orderflow.process.migrate-in-flight=false)" : suspended(sourceDefinitionId)
                        // the suspended batch may move them to an older target than the newest: no number here
                        ? "moving these orders to a newer version is paused: their migration batch is suspended in"
                                + " Cockpit (Batches); activate or delete it" : null;
        List<RefusedOrders.Held> refused = enabled ? refusedOrders.stillWhereRefused(sourceDefinitionId,
                newestDefinitionId) : List.of();
        Map<String, Long> refusedAt = new HashMap<>();
        refused.forEach(order -> order.activityIds().forEach(id -> refusedAt.merge(id, 1L, Long::sum)));

        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Set<String>> reasons = new LinkedHashMap<>();
        if (!planned.blockedIds().isEmpty() || held != null) {
            for (ActivityStatistics activity : management.createActivityStatisticsQuery(sourceDefinitionId).list()) {
                String id = activity.getId();
                if (activity.getInstances() <= 0 || !waitStates.containsKey(id)) {
                    continue;
                }
                if (planned.blockedIds().contains(id)) {
                    add(counts, reasons, id, activity.getInstances(), planned.blocked().get(id));
                } else if (held != null) {
                    // the refused orders waiting here are counted below, with the engine's reason
                    long orders = activity.getInstances() - refusedAt.getOrDefault(id, 0L);
                    if (orders > 0) {
                        add(counts, reasons, id, orders, "Orders waiting at " + waitStates.get(id).label() + " stay on"
                                + " version " + planned.source().getVersion() + ": " + held + ".");
                    }
                }
            }
        }
        // orders the engine refused to move (rare), where they wait now; those at a blocked wait state are counted
        // there already
        for (RefusedOrders.Held order : refused) {
            if (order.activityIds().stream().anyMatch(planned.blockedIds()::contains)) {
                continue;
            }
            for (String id : order.activityIds()) {
                add(counts, reasons, id, 1, "The engine refused to move these orders to version " + targetVersion
                        + ": " + EngineRefusals.gist(order.engineMessage()));
            }
        }

        List<String> order = new ArrayList<>(waitStates.keySet());
        return counts.keySet().stream()
                .sorted(Comparator.comparingInt(id -> order.contains(id) ? order.indexOf(id) : Integer.MAX_VALUE))
                .map(id -> new Blocked(id, nameInDiagram(planned, id), counts.get(id),
                        String.join(" ", reasons.get(id))))
                .toList();
    }

    private static void add(Map<String, Long> counts, Map<String, Set<String>> reasons, String activityId, long orders,
            String reason) {
        counts.merge(activityId, orders, Long::sum);
        reasons.computeIfAbsent(activityId, id -> new LinkedHashSet<>()).add(reason);
    }

    private boolean suspended(String sourceDefinitionId) {
        return batches.runningBatchesFor(sourceDefinitionId).stream()
                .anyMatch(id -> management.createBatchQuery().batchId(id).suspended().count() > 0);
    }

    /** The element's name as the diagram has it; null when it has none (not its id). */
    private String nameInDiagram(PlannedMigration planned, String activityId) {
        ModelElementInstance element = repository.getBpmnModelInstance(planned.source().getId())
                .getModelElementById(activityId);
        String name = element instanceof FlowElement flowElement ? flowElement.getName() : null;
        return name == null || name.isBlank() ? null : name.strip();
    }
}
