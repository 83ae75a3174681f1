package dev.orderflow.fulfillment.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The history Orderflow keeps in Camunda's tables: {@code camunda.bpm.history-level: orderflow}.
 *
 * <p>What an order went through is in our own timeline ({@code order_timeline}), written in the same transaction
 * as each step and shown on the tracking page and the API. Camunda's full history would repeat it several
 * times over (every activity, every variable value, every job, every decision input), about 70 rows per order,
 * most of the database's writes. What only the engine can tell stays: process instances (started, ended,
 * business key: Cockpit's and history cleanup's unit), staff tasks and their candidates (who reviewed what,
 * when), incidents, and the user operation log (who retried, changed or deleted what in Cockpit or the REST API).
 */
@Component
class OrderflowHistoryLevel extends AbstractProcessEnginePlugin {

    static final String NAME = "orderflow";

    private static final Logger log = LoggerFactory.getLogger(OrderflowHistoryLevel.class);

    private static final Set<HistoryEventType> KEPT = Set.of(
            HistoryEventTypes.PROCESS_INSTANCE_START, HistoryEventTypes.PROCESS_INSTANCE_UPDATE,
            HistoryEventTypes.PROCESS_INSTANCE_MIGRATE, HistoryEventTypes.PROCESS_INSTANCE_END,
            HistoryEventTypes.TASK_INSTANCE_CREATE, HistoryEventTypes.TASK_INSTANCE_UPDATE,
            HistoryEventTypes.TASK_INSTANCE_MIGRATE, HistoryEventTypes.TASK_INSTANCE_COMPLETE,
            HistoryEventTypes.TASK_INSTANCE_DELETE,
            HistoryEventTypes.IDENTITY_LINK_ADD, HistoryEventTypes.IDENTITY_LINK_DELETE,
            HistoryEventTypes.INCIDENT_CREATE, HistoryEventTypes.INCIDENT_MIGRATE, HistoryEventTypes.INCIDENT_DELETE,
            HistoryEventTypes.INCIDENT_RESOLVE, HistoryEventTypes.INCIDENT_UPDATE,
            HistoryEventTypes.USER_OPERATION_LOG);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomHistoryLevels() == null) {
            configuration.setCustomHistoryLevels(new ArrayList<>());
        }
        configuration.getCustomHistoryLevels().add(new Level());
    }

    /**
     * Camunda refuses to start on a database whose recorded history level differs from the configured one. A
     * database that ran on one of Camunda's own levels (an earlier Orderflow on {@code full}) moves to ours here,
     * before the engine checks: it only means writing less from now on. Nothing to do on a new database.
     */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!NAME.equals(configuration.getHistory()) || configuration.getDataSource() == null) {
            return;
        }
        String table = (configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix())
                + "ACT_GE_PROPERTY";
        try (Connection connection = configuration.getDataSource().getConnection();
                PreparedStatement update = connection.prepareStatement("update " + table
                        + " set VALUE_ = ?, REV_ = REV_ + 1 where NAME_ = 'historyLevel' and VALUE_ in ('0', '1', '2', '3')")) {
            update.setString(1, String.valueOf(Level.ID));
            if (update.executeUpdate() > 0) {
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                log.warn("This database recorded one of Camunda's own history levels; it now records '{}'", NAME);
            }
        } catch (SQLException noEngineTablesYet) {
            log.debug("No history level recorded yet: {}", noEngineTablesYet.getMessage());
        }
    }

    static final class Level extends AbstractHistoryLevel {

        /** Stored in ACT_GE_PROPERTY; Camunda's own levels are 0 to 3. */
        static final int ID = 21;

        @Override
        public int getId() {
            return ID;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            return KEPT.contains(eventType);
        }
    }
}
