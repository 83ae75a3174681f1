package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.orderflow.support.LocalRunTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Camunda's webapps load our configuration, served from our jar in place of Camunda's default, and through it
 * our custom script that hides the end-of-life banner (the browser test shows the banner hidden).
 */
class WebappCustomisationTests extends LocalRunTest {

    @Test
    void everyWebappLoadsOurCustomScript() {
        for (String app : List.of("tasklist", "cockpit", "admin", "welcome")) {
            ResponseEntity<String> config = http.getForEntity("/camunda/app/" + app + "/scripts/config.js",
                    String.class);
            assertThat(config.getStatusCode()).as(app).isEqualTo(HttpStatus.OK);
            assertThat(config.getBody()).as(app).contains("customScripts: ['../orderflow/staff-pages']");
        }
        ResponseEntity<String> script = http.getForEntity("/camunda/app/orderflow/staff-pages.js", String.class);
        assertThat(script.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(script.getHeaders().getContentType().toString()).contains("javascript");
        assertThat(script.getBody()).contains(".ce-eol-banner { display: none !important; }");
    }

    @Test
    void tasklistKeepsItsKeyboardShortcuts() {
        assertThat(http.getForEntity("/camunda/app/tasklist/scripts/config.js", String.class).getBody())
                .contains("claimTask", "focusFilter", "focusList", "focusForm", "startProcess");
    }
}
