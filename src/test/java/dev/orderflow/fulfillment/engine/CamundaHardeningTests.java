package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.script.ScriptEngineManager;

import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import dev.orderflow.support.ExpectedLogs;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine's doors that attackers knock on, each tried and found shut. */
class CamundaHardeningTests extends LocalRunTest {

    /** refused requests to /engine-rest are provoked on purpose: the REST layer's reports of them are expected */
    @RegisterExtension
    static final ExpectedLogs EXPECTED = ExpectedLogs.of("org.camunda.bpm.engine.rest.exception");

    @Autowired
    RuntimeService runtime;

    @Autowired
    RepositoryService repository;

    @Autowired
    FilterService filters;

    @Autowired
    IdentityService identity;

    @Test
    void javaSerializedVariablesAreRefused() {
        // given: a running order
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "9.99"));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult().getId();

        // when: an admin tries to store a Java-serialized object (the classic deserialization attack)
        ResponseEntity<String> answer = engineRest("admin", HttpMethod.PUT,
                "/process-instance/" + instance + "/variables/payload", """
                {"value": "rO0ABXNyABNqYXZhLnV0aWwuQXJyYXlMaXN0eIHSHZnHYZ0DAAFJAARzaXpleHAAAAAAdwQAAAAAeA==",
                 "type": "Object",
                 "valueInfo": {"objectTypeName": "java.util.ArrayList",
                               "serializationDataFormat": "application/x-java-serialized-object"}}""");

        // then: refused (staff write no process variables at all), and the engine itself refuses the format too
        assertThat(answer.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(runtime.getVariable(instance, "payload")).isNull();
        assertThatThrownBy(() -> runtime.setVariable(instance, "payload", Variables.serializedObjectValue(
                "rO0ABXNyABNqYXZhLnV0aWwuQXJyYXlMaXN0eIHSHZnHYZ0DAAFJAARzaXpleHAAAAAAdwQAAAAAeA==")
                .objectTypeName("java.util.ArrayList")
                .serializationDataFormat(Variables.SerializationDataFormats.JAVA).create()))
                .hasMessageContaining("serialization");
        assertThat(runtime.getVariable(instance, "payload")).isNull();
    }

    @Test
    void expressionsInAdHocTaskQueriesAreRefused() {
        ResponseEntity<String> inParameter = engineRest("admin", HttpMethod.GET,
                "/task?assigneeExpression=" + java.net.URLEncoder.encode("${currentUser()}",
                        java.nio.charset.StandardCharsets.UTF_8), null);
        ResponseEntity<String> nestedInOrQuery = engineRest("admin", HttpMethod.POST, "/task", """
                {"orQueries": [{"candidateGroupsExpression": "${currentUserGroups()}"}]}""");

        assertThat(inParameter.getStatusCode().value()).isEqualTo(403);
        assertThat(nestedInOrQuery.getStatusCode().value()).isEqualTo(403);
        assertThat(inParameter.getBody()).contains("Expressions are forbidden");
        assertThat(nestedInOrQuery.getBody()).contains("Expressions are forbidden");
    }

    @Test
    void expressionsInStoredQueriesAreRefusedAtTopLevel() {
        ResponseEntity<String> answer = engineRest("admin", HttpMethod.POST, "/filter/create", """
                {"resourceType": "Task", "name": "Evil top filter",
                 "query": {"assigneeExpression": "${currentUser()}"}}""");

        assertThat(answer.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(filters.createFilterQuery().filterName("Evil top filter").count()).isZero();
    }

    @Test
    void expressionsInStoredQueriesAreRefused() {
        ResponseEntity<String> answer = engineRest("admin", HttpMethod.POST, "/filter/create", """
                {"resourceType": "Task", "name": "Evil filter",
                 "query": {"orQueries": [{"assigneeExpression": "${currentUser()}"}]}}""");

        assertThat(answer.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(filters.createFilterQuery().filterName("Evil filter").count()).isZero();
    }

    @Test
    void firstAdminSetupIsClosedOnceAnAdminExists() {
        HttpHeaders headers = webappHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        ResponseEntity<String> answer = http.postForEntity("/camunda/api/admin/setup/default/user/create",
                new HttpEntity<>("{\"profile\": {\"id\": \"intruder\"}, \"credentials\": {\"password\": \"intruder1\"}}",
                        headers), String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
    }

    @Test
    void aModelWithAScriptCannotBeDeployed() {
        // Camunda brings JUEL and FEEL script engines with it; no general-purpose ones are on the classpath
        assertThat(new ScriptEngineManager().getEngineFactories()).extracting(factory -> factory.getLanguageName())
                .doesNotContain("ECMAScript", "javascript", "Groovy", "python", "ruby");
        String withScript = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="x">
                  <process id="Scripted" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="start"/>
                    <scriptTask id="script" scriptFormat="juel"><script>${orderService}</script></scriptTask>
                  </process>
                </definitions>""";

        ResponseEntity<String> answer = deploy("admin", "scripted.bpmn", withScript);

        assertThat(answer.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(answer.getBody()).contains("scripts are not allowed");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("Scripted").count()).isZero();
    }

    @Test
    void bpmnWithAnExternalEntityIsRejected() {
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE definitions [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
                  <process id="Xxe" name="&secret;" isExecutable="true"><startEvent id="start"/></process>
                </definitions>""";

        ResponseEntity<String> answer = deploy("admin", "xxe.bpmn", xxe);

        assertThat(answer.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(answer.getBody()).contains("DOCTYPE");
        assertThat(answer.getBody()).doesNotContain("root:");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("Xxe").count()).isZero();
    }

    @Test
    void onlyAdminsDeploy() {
        // a decision table: the deployment guard accepts one alone (a process other than the order process it
        // refuses, whoever deploys it: SafeDeploymentsTests)
        String harmless = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                    xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="HarmlessDefinitions" name="Harmless"
                    namespace="x">
                  <decision id="Harmless" name="Harmless" camunda:historyTimeToLive="P1D">
                    <decisionTable id="HarmlessTable">
                      <input id="HarmlessInput"><inputExpression id="HarmlessExpression" typeRef="string">
                        <text>anything</text></inputExpression></input>
                      <output id="HarmlessOutput" name="result" typeRef="string"/>
                      <rule id="HarmlessRule"><inputEntry id="HarmlessEntry"><text>-</text></inputEntry>
                        <outputEntry id="HarmlessResult"><text>"ok"</text></outputEntry></rule>
                    </decisionTable>
                  </decision>
                </definitions>""";

        assertThat(deploy("cs", "harmless.dmn", harmless).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> byAdmin = deploy("admin", "harmless.dmn", harmless);
        assertThat(byAdmin.getStatusCode().value()).as(byAdmin.getBody()).isEqualTo(200);
        repository.createDeploymentQuery().deploymentName("harmless").list()
                .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
    }

    @Test
    void webappLoginNeedsTheCsrfTokenAndGivesAGuardedSessionCookie() {
        HttpHeaders withoutToken = new HttpHeaders();
        withoutToken.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> forged = http.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
                new HttpEntity<>("username=cs&password=cs", withoutToken), String.class);
        assertThat(forged.getStatusCode().value()).isEqualTo(403);

        HttpHeaders headers = webappHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> login = http.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
                new HttpEntity<>("username=cs&password=cs", headers), String.class);
        assertThat(login.getStatusCode().value()).isEqualTo(200);
        List<String> cookies = login.getHeaders().get(HttpHeaders.SET_COOKIE);
        assertThat(cookies).filteredOn(cookie -> cookie.startsWith("JSESSIONID=")).singleElement()
                .satisfies(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax"));
    }

    /** What the webapp's own pages send: its session cookie and the CSRF token from it. */
    private HttpHeaders webappHeaders() {
        ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
        List<String> cookies = page.getHeaders().get(HttpHeaders.SET_COOKIE);
        String token = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
                .split(";")[0].substring("XSRF-TOKEN=".length());
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-XSRF-TOKEN", token);
        headers.set(HttpHeaders.COOKIE, String.join("; ", cookies.stream().map(c -> c.split(";")[0]).toList()));
        return headers;
    }

    private ResponseEntity<String> deploy(String user, String name, String xml) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setBasicAuth(user, user);
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("deployment-name", name.replaceFirst("\\.(bpmn|dmn)$", ""));
        form.add(name, new ByteArrayResource(xml.getBytes()) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        return http.postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);
    }

    private ResponseEntity<String> engineRest(String user, HttpMethod method, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, user);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(java.net.URI.create(http.getRootUri() + "/engine-rest" + path), method,
                new HttpEntity<>(json, headers), String.class);
    }

}
