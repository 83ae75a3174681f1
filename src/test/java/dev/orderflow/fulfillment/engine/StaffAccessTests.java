package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Who sees and does what in Camunda, with the demo users of the local run: each group its own tasks and
 * filters, staff in Tasklist only, operations in Cockpit, nobody but admins deploying.
 */
class StaffAccessTests extends LocalRunTest {

    @Test
    void customerServiceSeesAndWorksItsReviewTheWarehouseNeither() {
        // given
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");

        // then
        JsonNode csTasks = engineRest("cs", HttpMethod.GET, "/task?processInstanceBusinessKey=" + orderId, null).getBody();
        assertThat(csTasks).hasSize(1);
        assertThat(engineRest("warehouse", HttpMethod.GET, "/task?processInstanceBusinessKey=" + orderId, null)
                .getBody()).isEmpty();
        String taskId = csTasks.get(0).get("id").asText();
        ResponseEntity<JsonNode> warehouseCompletes = engineRest("warehouse", HttpMethod.POST, "/task/" + taskId
                + "/complete", "{\"variables\":{\"reviewDecision\":{\"value\":\"CANCEL\"}}}");
        assertThat(warehouseCompletes.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get(orderId)).containsEntry("status", "UNDER_REVIEW");

        // when: cs claims and completes it
        assertThat(engineRest("cs", HttpMethod.POST, "/task/" + taskId + "/claim", "{\"userId\":\"cs\"}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(engineRest("cs", HttpMethod.POST, "/task/" + taskId + "/complete",
                "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        // then
        api.awaitStatus(orderId, "SHIPPED");
        assertThat(OrderflowApi.internalNotes(api.getAsStaff(orderId), "message"))
                .contains("'Review discrepancy' completed by cs: APPROVE");
    }

    @Test
    void eachGroupHasItsTasklistFilters() {
        assertThat(filterNames("cs")).containsExactly("Customer service");
        assertThat(filterNames("lead")).containsExactlyInAnyOrder("Customer service", "Escalated reviews");
        assertThat(filterNames("warehouse")).containsExactly("Warehouse");
    }

    private static final String SNEAKY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
              <process id="Sneaky" isExecutable="true"><startEvent id="start"/></process>
            </definitions>""";

    @Test
    void staffMayNotDeploy() {
        for (String user : List.of("cs", "warehouse", "ops")) {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.MULTIPART_FORM_DATA);
            headers.setBasicAuth(user, user);
            var form = new LinkedMultiValueMap<String, Object>();
            form.add("deployment-name", "sneaky");
            form.add("sneaky.bpmn", new org.springframework.core.io.ByteArrayResource(SNEAKY.getBytes()) {
                @Override
                public String getFilename() {
                    return "sneaky.bpmn";
                }
            });
            ResponseEntity<String> answer = http.postForEntity("/engine-rest/deployment/create",
                    new HttpEntity<>(form, headers), String.class);
            assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    @Test
    void staffUseTasklistOperationsUseCockpitOnlyAdminsUseAdmin() {
        assertThat(logIn("cs", "tasklist")).isEqualTo(HttpStatus.OK);
        assertThat(logIn("cs", "cockpit")).isNotEqualTo(HttpStatus.OK);
        assertThat(logIn("warehouse", "cockpit")).isNotEqualTo(HttpStatus.OK);
        assertThat(logIn("cs", "admin")).isNotEqualTo(HttpStatus.OK);
        assertThat(logIn("ops", "cockpit")).isEqualTo(HttpStatus.OK);
        assertThat(logIn("ops", "admin")).isNotEqualTo(HttpStatus.OK);
        assertThat(logIn("admin", "admin")).isEqualTo(HttpStatus.OK);
    }

    @Test
    void engineRestNeedsCredentials() {
        assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(engineRest("cs", HttpMethod.GET, "/process-instance", null).getBody()).isEmpty();
        assertThat(engineRest("ops", HttpMethod.GET, "/process-definition?key="
                + OrderFulfillmentProcess.PROCESS_KEY, null).getBody()).isNotEmpty();
    }

    @Autowired
    StaffAccess staffAccess;

    @Autowired
    AuthorizationService authorizations;

    @Test
    void aStartNarrowsTheBroadRightsAnEarlierVersionGaveOperations() {
        // given: operations' grants as an earlier version left them in the database
        Authorization instances = operationsGrant(Resources.PROCESS_INSTANCE);
        instances.setPermissions(new Permission[] {Permissions.READ, Permissions.UPDATE,
                ProcessInstancePermissions.RETRY_JOB});
        authorizations.saveAuthorization(instances);
        Authorization definitions = operationsGrant(Resources.PROCESS_DEFINITION);
        definitions.setPermissions(new Permission[] {Permissions.READ, Permissions.READ_HISTORY,
                Permissions.READ_INSTANCE, Permissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.RETRY_JOB});
        authorizations.saveAuthorization(definitions);
        assertThat(operationsGrant(Resources.PROCESS_INSTANCE).isPermissionGranted(Permissions.UPDATE)).isTrue();

        // when: the service starts again
        staffAccess.setUp();

        // then: reading and retrying jobs, nothing more
        Authorization narrowed = operationsGrant(Resources.PROCESS_INSTANCE);
        assertThat(narrowed.isPermissionGranted(Permissions.UPDATE)).isFalse();
        assertThat(narrowed.isPermissionGranted(Permissions.READ)).isTrue();
        assertThat(narrowed.isPermissionGranted(ProcessInstancePermissions.RETRY_JOB)).isTrue();
        Authorization narrowedDefinitions = operationsGrant(Resources.PROCESS_DEFINITION);
        assertThat(narrowedDefinitions.isPermissionGranted(Permissions.UPDATE_INSTANCE)).isFalse();
        assertThat(narrowedDefinitions.isPermissionGranted(Permissions.READ_INSTANCE)).isTrue();
        assertThat(narrowedDefinitions.isPermissionGranted(ProcessDefinitionPermissions.RETRY_JOB)).isTrue();
        assertThat(authorizations.createAuthorizationQuery().groupIdIn(StaffAccess.OPERATIONS)
                .resourceType(Resources.PROCESS_INSTANCE).hasPermission(Permissions.UPDATE).count()).isZero();
    }

    private Authorization operationsGrant(Resources resource) {
        return authorizations.createAuthorizationQuery().groupIdIn(StaffAccess.OPERATIONS)
                .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(resource).resourceId("*")
                .singleResult();
    }

    private List<String> filterNames(String user) {
        List<String> names = new java.util.ArrayList<>();
        engineRest(user, HttpMethod.GET, "/filter", null).getBody().forEach(filter -> names.add(filter.get("name").asText()));
        return names;
    }

    private ResponseEntity<JsonNode> engineRest(String user, HttpMethod method, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, user);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange("/engine-rest" + path, method, new HttpEntity<>(json, headers), JsonNode.class);
    }

    /** Logs in to a Camunda webapp the way its login page does, CSRF token included. */
    private HttpStatus logIn(String user, String app) {
        ResponseEntity<String> page = http.getForEntity("/camunda/app/" + app + "/default/", String.class);
        List<String> cookies = page.getHeaders().get(HttpHeaders.SET_COOKIE);
        String xsrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
                .split(";")[0].substring("XSRF-TOKEN=".length());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.set("X-XSRF-TOKEN", xsrf);
        headers.set(HttpHeaders.COOKIE, String.join("; ", cookies.stream().map(c -> c.split(";")[0]).toList()));
        ResponseEntity<Map> answer = http.postForEntity("/camunda/api/admin/auth/user/default/login/" + app,
                new HttpEntity<>("username=" + user + "&password=" + user, headers), Map.class);
        return HttpStatus.valueOf(answer.getStatusCode().value());
    }
}
