package dev.orderflow.fulfillment.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.orderflow.OrderflowApplication;
import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.support.ChangedDiagram;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A version deployed from Camunda Modeler lives until the next start: then the build's own files are the newest
 * versions again, tagged as the release, even though they did not change since the build's last start.
 */
class BuildIsNewestAtStartTests {

    /** command-line arguments: they win over application.yaml (default properties would not) */
    private static final String[] ARGUMENTS = {
            "--spring.datasource.url=jdbc:h2:mem:build-is-newest-at-start;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
            "--camunda.bpm.generate-unique-process-engine-name=true",
            "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
            "--server.port=0"};

    @Test
    void aRestartMakesTheBuildsDiagramAndTablesTheNewestAgain() throws IOException {
        // given: a running service, and a diagram and a decision table deployed since from the Modeler
        String releaseTag;
        try (ConfigurableApplicationContext first = start()) {
            RepositoryService repository = first.getBean(RepositoryService.class);
            releaseTag = newestProcess(repository).getVersionTag();
            repository.createDeployment().name("modeler-try").source("Camunda Modeler")
                    .addString(OrderFulfillmentProcess.RESOURCE,
                            ChangedDiagram.ofCurrent().renamed(Elements.TASK_PICK_ITEMS, "Pick (try)").xml())
                    .addString("order-review.dmn", Files.readString(Path.of("bpmn/order-review.dmn"))
                            .replace("&gt; 1000", "&gt; 900"))
                    .deploy();
            assertThat(newestProcess(repository).getVersionTag()).startsWith("unreleased");
        }

        // when: the service starts again, its files unchanged
        try (ConfigurableApplicationContext second = start()) {
            RepositoryService repository = second.getBean(RepositoryService.class);

            // then: the build's diagram and table are the newest versions, with the release's tag
            ProcessDefinition process = newestProcess(repository);
            assertThat(content(repository, process.getDeploymentId(), process.getResourceName()))
                    .isEqualTo(Files.readAllBytes(Path.of("bpmn", OrderFulfillmentProcess.RESOURCE)));
            assertThat(process.getVersion()).as(history(repository)).isEqualTo(3);
            assertThat(process.getVersionTag()).isEqualTo(releaseTag);
            DecisionDefinition review = repository.createDecisionDefinitionQuery()
                    .decisionDefinitionKey(OrderFulfillmentProcess.Decisions.ORDER_REVIEW).latestVersion()
                    .singleResult();
            assertThat(content(repository, review.getDeploymentId(), review.getResourceName()))
                    .isEqualTo(Files.readAllBytes(Path.of("bpmn/order-review.dmn")));
        }

        // and a third start with nothing deployed in between deploys nothing
        try (ConfigurableApplicationContext third = start()) {
            assertThat(newestProcess(third.getBean(RepositoryService.class)).getVersion()).isEqualTo(3);
        }
    }

    private static String history(RepositoryService repository) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(OrderFulfillmentProcess.PROCESS_KEY)
                .orderByProcessDefinitionVersion().asc().list().stream().map(definition -> definition.getVersion()
                        + " " + definition.getVersionTag() + " " + repository.createDeploymentQuery()
                        .deploymentId(definition.getDeploymentId()).singleResult().getName()).toList().toString();
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OrderflowApplication.class).run(ARGUMENTS);
    }

    private static ProcessDefinition newestProcess(RepositoryService repository) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(OrderFulfillmentProcess.PROCESS_KEY)
                .latestVersion().singleResult();
    }

    private static byte[] content(RepositoryService repository, String deploymentId, String resourceName)
            throws IOException {
        try (InputStream in = repository.getResourceAsStream(deploymentId, resourceName)) {
            return in.readAllBytes();
        }
    }
}
