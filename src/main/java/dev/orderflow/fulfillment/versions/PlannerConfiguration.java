package dev.orderflow.fulfillment.versions;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The planner the running service uses: the analysts' mapping files from {@code bpmn/migrations/}. */
@Configuration(proxyBeanMethods = false)
class PlannerConfiguration {

    @Bean
    VersionMigrationPlanner versionMigrationPlanner(RuntimeService runtime, RepositoryService repository) {
        return new VersionMigrationPlanner(runtime, repository, MigrationMappings.fromClasspath());
    }
}
