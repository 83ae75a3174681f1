package dev.orderflow.fulfillment.versions;

import dev.orderflow.system.RefusedToStart;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The planner the running service uses, with the analysts' mapping files from {@code bpmn/migrations/}. */
@Configuration(proxyBeanMethods = false)
class PlannerConfiguration {

    /**
     * The analysts' mapping files, read once at start.
     *
     * @throws RefusedToStart when a mapping file is malformed, naming the file and line
     */
    @Bean
    MigrationMappings migrationMappings() {
        try {
            return MigrationMappings.fromClasspath();
        } catch (IllegalStateException malformed) {
            throw new RefusedToStart("Orderflow refuses to start: " + malformed.getMessage() + ".",
                    "Correct the mapping file (see docs/analysts.md, 'Write a mapping') and start again.");
        }
    }

    @Bean
    VersionMigrationPlanner versionMigrationPlanner(RuntimeService runtime, RepositoryService repository,
            MigrationMappings mappings) {
        return new VersionMigrationPlanner(runtime, repository, mappings);
    }
}
