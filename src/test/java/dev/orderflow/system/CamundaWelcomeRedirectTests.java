package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.orderflow.support.LocalRunTest;
import org.junit.jupiter.api.Test;

/** The starter's static start page, with its end-of-life banner and demo login hints, is never shown. */
class CamundaWelcomeRedirectTests extends LocalRunTest {

    @Test
    void theStartersWelcomePageAndEverythingUnderItRedirectToTheWelcomeApp() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String path : List.of("/camunda-welcome", "/camunda-welcome/", "/camunda-welcome/index.html",
                "/camunda-welcome/css/welcome.css")) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(http.getRootUri() + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(path).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).as(path).hasValueSatisfying(location ->
                    assertThat(location).endsWith("/camunda/app/welcome/default/"));
            assertThat(answer.body()).as(path).doesNotContain("demo", "Camunda 8");
        }
        HttpResponse<String> welcome = client.send(HttpRequest.newBuilder(URI.create(http.getRootUri()
                + "/camunda/app/welcome/default/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(welcome.statusCode()).isEqualTo(200);
    }
}
