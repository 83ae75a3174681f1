package dev.orderflow.fulfillment.versions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * At every start, the build's own {@code bpmn/} files (diagram, decision tables, forms) are the newest versions
 * again. Camunda's start-up deployment only deploys what changed since the build's last start-up deployment; a
 * version deployed since from Camunda Modeler stayed the newest across restarts, so a release (or a rollback)
 * whose files had not changed left production on the Modeler's version. Here each file is compared with the newest
 * version of what it defines; those that differ are deployed again, under the start-up deployment's name, before
 * the application is up (so they carry the release's version tag), and orders in flight follow as after any
 * deployment.
 */
@Component
class BuildIsNewestAtStart implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BuildIsNewestAtStart.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessEngineConfiguration configuration;
    private final RepositoryService repository;

    BuildIsNewestAtStart(ProcessEngineConfiguration configuration, RepositoryService repository) {
        this.configuration = configuration;
        this.repository = repository;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!(configuration instanceof SpringTransactionsProcessEngineConfiguration spring)
                || spring.getDeploymentResources() == null) {
            return;
        }
        Map<String, byte[]> notNewest = new LinkedHashMap<>();
        for (Resource resource : spring.getDeploymentResources()) {
            byte[] content = read(resource);
            if (!isNewest(resource.getFilename(), content)) {
                notNewest.put(resource.getFilename(), content);
            }
        }
        if (notNewest.isEmpty()) {
            return;
        }
        DeploymentBuilder deployment = repository.createDeployment().name(spring.getDeploymentName());
        notNewest.forEach((name, content) -> deployment.addInputStream(name, new ByteArrayInputStream(content)));
        deployment.deploy();
        log.warn("{} of this build {} not the newest version (deployed from elsewhere, e.g. Camunda Modeler, since):"
                + " deployed again, so the build's files are what runs", notNewest.keySet(),
                notNewest.size() == 1 ? "was" : "were");
    }

    /** Whether every definition in this file has this content as its newest version. */
    private boolean isNewest(String name, byte[] content) {
        if (name == null) {
            return true;
        }
        if (name.endsWith(".bpmn")) {
            return Bpmn.readModelFromStream(new ByteArrayInputStream(content)).getModelElementsByType(Process.class)
                    .stream().filter(Process::isExecutable).allMatch(process -> {
                        ProcessDefinition newest = repository.createProcessDefinitionQuery()
                                .processDefinitionKey(process.getId()).withoutTenantId().latestVersion().singleResult();
                        return newest != null && sameContent(newest.getDeploymentId(), newest.getResourceName(),
                                content);
                    });
        }
        if (name.endsWith(".dmn")) {
            return Dmn.readModelFromStream(new ByteArrayInputStream(content)).getModelElementsByType(Decision.class)
                    .stream().allMatch(decision -> {
                        DecisionDefinition newest = repository.createDecisionDefinitionQuery()
                                .decisionDefinitionKey(decision.getId()).withoutTenantId().latestVersion()
                                .singleResult();
                        return newest != null && sameContent(newest.getDeploymentId(), newest.getResourceName(),
                                content);
                    });
        }
        if (name.endsWith(".form")) {
            String key = formId(content);
            CamundaFormDefinitionEntity newest = key == null ? null
                    : ((ProcessEngineConfigurationImpl) configuration).getCommandExecutorTxRequired().execute(
                            command -> command.getCamundaFormDefinitionManager().findLatestDefinitionByKey(key));
            return key == null || newest != null && sameContent(newest.getDeploymentId(), newest.getResourceName(),
                    content);
        }
        return true;
    }

    private boolean sameContent(String deploymentId, String resourceName, byte[] content) {
        try (InputStream deployed = repository.getResourceAsStream(deploymentId, resourceName)) {
            return Arrays.equals(deployed.readAllBytes(), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String formId(byte[] content) {
        try {
            JsonNode id = JSON.readTree(content).get("id");
            return id == null || !id.isTextual() ? null : id.asText();
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static byte[] read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource.getDescription(), e);
        }
    }
}
