package dev.orderflow.fulfillment.versions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The orders the engine refused to move to a version (kept by {@link MigrationBatches}) that still wait where they
 * were refused: those are not tried again for that version, and are listed with the engine's reason. An order that
 * has moved on since waits somewhere else: it is tried again, and is listed (if at all) where it waits now.
 * <p>
 * Loops over the refused orders only, which are few: one engine call per refused order still on the version.
 */
@Component
class RefusedOrders {

    /**
     * A refused order still at the place it was refused.
     *
     * @param processInstanceId the order's process instance
     * @param activityIds       its active activity ids now (the same place as when it was refused)
     * @param engineMessage     the engine's full message (with its internal ids; {@link EngineRefusals#gist} for
     *                          analysts)
     */
    record Held(String processInstanceId, List<String> activityIds, String engineMessage) {
    }

    private final RuntimeService runtime;
    private final MigrationBatches batches;

    RefusedOrders(RuntimeService runtime, MigrationBatches batches) {
        this.runtime = runtime;
        this.batches = batches;
    }

    /** The orders of {@code sourceDefinitionId} refused on their way to {@code targetDefinitionId}, still there. */
    List<Held> stillWhereRefused(String sourceDefinitionId, String targetDefinitionId) {
        Map<String, MigrationBatches.Refusal> refused = batches.refused(sourceDefinitionId, targetDefinitionId);
        if (refused.isEmpty()) {
            return List.of();
        }
        Set<String> onSource = runtime.createProcessInstanceQuery().processDefinitionId(sourceDefinitionId)
                .processInstanceIds(new HashSet<>(refused.keySet())).list().stream().map(ProcessInstance::getId)
                .collect(Collectors.toSet());
        List<Held> held = new ArrayList<>();
        for (String instance : onSource) {
            MigrationBatches.Refusal refusal = refused.get(instance);
            List<String> now = activeActivityIds(instance);
            if (!now.isEmpty() && MigrationBatches.place(now).equals(refusal.activityId())) {
                held.add(new Held(instance, now, refusal.reason()));
            }
        }
        return held;
    }

    private List<String> activeActivityIds(String instance) {
        try {
            return runtime.getActiveActivityIds(instance).stream().distinct().sorted().toList();
        } catch (org.camunda.bpm.engine.exception.NullValueException ended) {
            // ended since the query
            return List.of();
        }
    }
}
