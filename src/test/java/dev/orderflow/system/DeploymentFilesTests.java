package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and the Dockerfile cannot run on a machine without a Docker engine, so what matters about
 * them for security is read from the files: every image is a pinned release, and nothing that holds customers'
 * mail is reachable from other machines.
 */
class DeploymentFilesTests {

    /** {@code name:1.2.3}, {@code name:v1.2.3}, {@code name:17.0.13_11-jre}: a release, not a moving tag. */
    private static final Pattern PINNED = Pattern.compile("[^:]+:v?\\d+\\.\\d+[\\w.\\-]*");

    @Test
    void everyComposeImageIsPinnedToARelease() throws IOException {
        Map<String, Map<String, Object>> services = services();

        assertThat(services).isNotEmpty();
        services.forEach((name, service) -> {
            Object image = service.get("image");
            assertThat(image).as("image of service %s", name).isNotNull();
            assertThat(image.toString()).as("image of service %s", name).matches(PINNED);
        });
    }

    @Test
    void everyDockerfileBaseImageIsPinnedToARelease() throws IOException {
        List<String> bases = Files.readAllLines(Path.of("Dockerfile")).stream()
                .filter(line -> line.startsWith("FROM "))
                .map(line -> line.split("\\s+")[1])
                .toList();

        assertThat(bases).isNotEmpty().allSatisfy(base -> assertThat(base).matches(PINNED));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mailpitInboxListensOnLocalhostOnly() throws IOException {
        Map<String, Object> mailpit = services().get("mailpit");

        List<Object> ports = (List<Object>) mailpit.get("ports");
        assertThat(ports).isNotEmpty()
                .allSatisfy(port -> assertThat(port.toString()).startsWith("127.0.0.1:"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsOnTheSimulatorsWithAnEmptyCatalogAndSaysSo() throws IOException {
        Map<String, Object> environment = (Map<String, Object>) services().get("app").get("environment");
        String compose = Files.readString(Path.of("docker-compose.yml"));

        assertThat(environment).containsEntry("ORDERFLOW_SIMULATION_ENABLED", "true")
                .doesNotContainKey("SPRING_FLYWAY_LOCATIONS");
        assertThat(compose).doesNotContain("db/demo").contains("docs/new-shop.md");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }
}
