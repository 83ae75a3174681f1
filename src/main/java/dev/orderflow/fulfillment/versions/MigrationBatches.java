package dev.orderflow.fulfillment.versions;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The migration batches this service started and the orders they were to move (tables of V17), and the row lock
 * that serializes the nodes while they look for work and start batches.
 */
@Repository
class MigrationBatches {

    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";
    /** Column width of the reasons kept. */
    private static final int REASON_LENGTH = 4000;

    record Started(String batchId, String sourceDefinitionId, String targetDefinitionId, int orders) {
    }

    /**
     * An order a batch could not move: where it waited when the engine refused ({@link #place}) and the engine's
     * full message.
     */
    record Refusal(String processInstanceId, String activityId, String reason) {
    }

    /** Width of {@code process_migration_order.activity_id}. */
    private static final int PLACE_LENGTH = 255;

    private final JdbcClient db;
    private final Clock clock;

    MigrationBatches(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Takes the cluster-wide lock until the caller's transaction ends; other nodes wait here meanwhile. */
    void lock() {
        db.sql("select id from process_migration_lock where id = 1 for update").query(Integer.class).single();
    }

    List<Started> running() {
        return db.sql("""
                select batch_id, source_definition_id, target_definition_id, orders from process_migration_batch
                 where state = :state order by started_at""").param("state", RUNNING)
                .query(Started.class).list();
    }

    /** The batches this service runs for the orders of {@code sourceDefinitionId} (one at most, normally). */
    List<String> runningBatchesFor(String sourceDefinitionId) {
        return db.sql("""
                select batch_id from process_migration_batch where source_definition_id = :source and state = :state""")
                .param("source", sourceDefinitionId).param("state", RUNNING).query(String.class).list();
    }

    /**
     * Where an order waits, as kept in {@code process_migration_order.activity_id}: its active activity ids, sorted,
     * comma-separated (cut to the column's width; the same cut applies to the place compared with it).
     */
    static String place(Collection<String> activeActivityIds) {
        String place = activeActivityIds.stream().distinct().sorted().collect(Collectors.joining(","));
        return place.isEmpty() ? null : place.length() <= PLACE_LENGTH ? place : place.substring(0, PLACE_LENGTH);
    }

    boolean runningFor(String sourceDefinitionId) {
        return db.sql("""
                select count(*) from process_migration_batch where source_definition_id = :source and state = :state""")
                .param("source", sourceDefinitionId).param("state", RUNNING).query(Integer.class).single() > 0;
    }

    void started(String batchId, String sourceDefinitionId, String targetDefinitionId,
            Collection<String> processInstanceIds) {
        db.sql("""
                insert into process_migration_batch (batch_id, source_definition_id, target_definition_id, orders,
                       state, started_at) values (:batch, :source, :target, :orders, :state, :at)""")
                .param("batch", batchId).param("source", sourceDefinitionId).param("target", targetDefinitionId)
                .param("orders", processInstanceIds.size()).param("state", RUNNING)
                .param("at", java.sql.Timestamp.from(clock.instant())).update();
        for (String instance : processInstanceIds) {
            db.sql("insert into process_migration_order (batch_id, process_instance_id) values (:batch, :instance)")
                    .param("batch", batchId).param("instance", instance).update();
        }
    }

    List<String> orders(String batchId) {
        return db.sql("select process_instance_id from process_migration_order where batch_id = :batch")
                .param("batch", batchId).query(String.class).list();
    }

    void done(String batchId) {
        finish(batchId, DONE, null);
    }

    void failed(String batchId, String failure, List<Refusal> refusals) {
        finish(batchId, FAILED, failure);
        for (Refusal refusal : refusals) {
            db.sql("""
                    update process_migration_order set activity_id = :activity, refusal = :reason
                     where batch_id = :batch and process_instance_id = :instance""")
                    .param("activity", refusal.activityId()).param("reason", cut(refusal.reason()))
                    .param("batch", batchId).param("instance", refusal.processInstanceId()).update();
        }
    }

    /**
     * The orders of {@code sourceDefinitionId} refused on their way to {@code targetDefinitionId}, each with its
     * latest refusal (an order tried again after it moved on may be refused again elsewhere).
     */
    Map<String, Refusal> refused(String sourceDefinitionId, String targetDefinitionId) {
        return db.sql("""
                select o.process_instance_id, o.activity_id, o.refusal as reason from process_migration_order o
                  join process_migration_batch b on b.batch_id = o.batch_id
                 where b.source_definition_id = :source and b.target_definition_id = :target
                   and o.refusal is not null
                 order by b.started_at""")
                .param("source", sourceDefinitionId).param("target", targetDefinitionId)
                .query(Refusal.class).list().stream()
                .collect(Collectors.toMap(Refusal::processInstanceId, refusal -> refusal, (first, second) -> second));
    }

    private void finish(String batchId, String state, String failure) {
        db.sql("""
                update process_migration_batch set state = :state, finished_at = :at, failure = :failure
                 where batch_id = :batch and state = :running""")
                .param("state", state).param("at", java.sql.Timestamp.from(clock.instant()))
                .param("failure", cut(failure)).param("batch", batchId).param("running", RUNNING).update();
    }

    private static String cut(String text) {
        return text == null || text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH - 1) + "…";
    }
}
