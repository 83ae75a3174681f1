package dev.orderflow.fulfillment.versions;

import java.util.ArrayList;

import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * Tells {@link InFlightMigration} when a new version of {@code OrderFulfillmentProcess} has been deployed on this
 * node (at start-up, or from Camunda Modeler through {@code /engine-rest/deployment/create}), once the deployment
 * has committed. A post-deployer: it sees every deployment the engine makes, and acts only on new ones (a
 * deployment parsed again on a cache miss, on another node or after a restart is not new).
 * <p>
 * It publishes a Spring event instead of calling the migration directly: the engine is built with its plugins, so
 * a plugin cannot depend on beans that need the engine. It does depend on the mapping files being read: the engine
 * deploys at start-up, and a malformed mapping file must refuse the start before a new version exists.
 */
@Component
@DependsOn("migrationMappings")
class NewVersionDeployments extends AbstractProcessEnginePlugin {

    private final ApplicationEventPublisher events;

    NewVersionDeployments(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostDeployers() == null) {
            configuration.setCustomPostDeployers(new ArrayList<>());
        }
        configuration.getCustomPostDeployers().add(this::deployed);
    }

    private void deployed(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getDeployedProcessDefinitions() == null
                || deployment.getDeployedProcessDefinitions().stream()
                        .noneMatch(definition -> OrderFulfillmentProcess.PROCESS_KEY.equals(definition.getKey()))) {
            return;
        }
        // after commit: before it the new version is invisible to other transactions (and may still roll back)
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                committed -> events.publishEvent(new NewVersionDeployed(deployment.getId())));
    }

    /** A deployment with a new version of the process has committed on this node. */
    record NewVersionDeployed(String deploymentId) {
    }
}
