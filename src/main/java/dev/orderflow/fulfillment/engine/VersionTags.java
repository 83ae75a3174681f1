package dev.orderflow.fulfillment.engine;

import java.util.List;
import java.util.function.Predicate;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/**
 * Gives each process definition a NEW deployment creates its version tag, so Cockpit, the engine's REST API and
 * {@code /api/process/versions} say what each version is. The service's own start-up deployment (the diagram of a
 * release) is tagged {@code <project version>+<commit>}, e.g. {@code 0.4.0+1a2b3c4}; a deployment from elsewhere
 * (Camunda Modeler, the engine's REST API) keeps the analyst's {@code camunda:versionTag} when the diagram has one,
 * else it is tagged {@link #UNRELEASED} and where it came from, e.g. {@code unreleased, from Camunda Modeler}.
 *
 * <p>Runs after Camunda's deployers, before the transaction writes the new definitions. A deployment parsed again
 * (cache miss, another node, after an upgrade) writes nothing: its cached definitions take the tag stored when it
 * was deployed, which the diagram's XML alone does not have.
 */
class VersionTags implements Deployer {

    static final String UNRELEASED = "unreleased";
    /** the width of Camunda's VERSION_TAG_ column */
    static final int MAX_LENGTH = 64;

    private final String releaseTag;
    private final Predicate<DeploymentEntity> startUpDeployment;

    /**
     * @param releaseTag the tag of this build's own diagram, {@code <project version>+<commit abbrev>}
     * @param startUpDeployment whether a deployment is the service's own, at start-up, from {@code bpmn/}
     */
    VersionTags(String releaseTag, Predicate<DeploymentEntity> startUpDeployment) {
        this.releaseTag = fit(releaseTag);
        this.startUpDeployment = startUpDeployment;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        List<ProcessDefinitionEntity> definitions = deployment.getDeployedArtifacts(ProcessDefinitionEntity.class);
        if (definitions == null) {
            return;
        }
        if (!deployment.isNew()) {
            for (ProcessDefinitionEntity definition : definitions) {
                ProcessDefinitionEntity stored = Context.getCommandContext().getProcessDefinitionManager()
                        .findLatestDefinitionById(definition.getId());
                if (stored != null) {
                    definition.setVersionTag(stored.getVersionTag());
                }
            }
            return;
        }
        boolean release = startUpDeployment.test(deployment);
        for (ProcessDefinitionEntity definition : definitions) {
            if (release) {
                definition.setVersionTag(releaseTag);
            } else if (definition.getVersionTag() == null || definition.getVersionTag().isBlank()) {
                definition.setVersionTag(fit(deployment.getSource() == null || deployment.getSource().isBlank()
                        ? UNRELEASED : UNRELEASED + ", from " + deployment.getSource().strip()));
            } else {
                definition.setVersionTag(fit(definition.getVersionTag()));
            }
        }
    }

    private static String fit(String tag) {
        return tag.length() <= MAX_LENGTH ? tag : tag.substring(0, MAX_LENGTH);
    }
}
