package dev.orderflow.fulfillment.versions;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * What moving the orders of one process version to another would do: Camunda's migration plan for the wait states
 * that have a counterpart, and for each one that has none, why, in words an analyst acts on.
 *
 * @param source     the version the orders run on
 * @param target     the version they should move to
 * @param plan       Camunda's migration plan: every instruction that validated; {@code null} when no wait state of
 *                   the source can move
 * @param waitStates the source's wait states, in document order ({@link WaitStates#of})
 * @param blocked    wait-state activity id of the source to the reason orders waiting there cannot move, in the
 *                   order of {@code waitStates}; empty when every order can move
 */
public record PlannedMigration(ProcessDefinition source, ProcessDefinition target, MigrationPlan plan,
        List<WaitState> waitStates, Map<String, String> blocked) {

    /** Copies the lists. */
    public PlannedMigration {
        waitStates = List.copyOf(waitStates);
        blocked = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(blocked));
    }

    /**
     * @param activityId a wait state's activity id in the source version
     * @return whether orders waiting there can move to the target version
     */
    public boolean canMove(String activityId) {
        return plan != null && !blocked.containsKey(activityId);
    }

    /** @return the activity ids of the source's wait states that cannot move, in document order */
    public Set<String> blockedIds() {
        return blocked.keySet();
    }
}
