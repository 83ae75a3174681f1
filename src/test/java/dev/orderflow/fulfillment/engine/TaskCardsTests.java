package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orderflow.fulfillment.OrderFulfillmentProcess;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Elements;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Groups;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Tasklist's cards as each staff group sees them, with the engine's authorization on as in the webapps: every
 * card of a group's filter shows the order's shop reference, customer, total with currency and why the task
 * exists; nobody reads the process variables of an order, theirs or another's, and no group got a broader grant.
 */
class TaskCardsTests extends LocalRunTest {

    private static final Set<String> CARD = Set.of(Variables.CARD_SHOP_REFERENCE, Variables.CARD_CUSTOMER,
            Variables.CARD_TOTAL, Variables.CARD_TASK_REASON);

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    FilterService filters;

    @Autowired
    org.camunda.bpm.engine.TaskService taskService;

    @Autowired
    IdentityService identity;

    @Autowired
    AuthorizationService authorizations;

    @Autowired
    StaffAccess staffAccess;

    @Test
    void customerServiceCardsTellReviewsAndInvestigationsApart() {
        // given: two orders under review, and a third whose parcel is overdue
        Placed first = placeUnderReview("SHOP-CARD-" + shortId(), "Ada Lovelace", 2);
        Placed second = placeUnderReview("SHOP-CARD-" + shortId(), "Grace Hopper", 1);
        Placed overdue = placeUnderReview("SHOP-CARD-" + shortId(), "Alan Turing", 1);
        Date deadline = Date.from(java.time.Instant.parse("2026-11-30T13:24:00Z"));
        runtime.createProcessInstanceModification(overdue.processInstanceId())
                .startBeforeActivity(Elements.USER_TASK_INVESTIGATE_DELIVERY)
                .setVariable(Variables.DELIVERY_DEADLINE, deadline)
                .setVariable(Variables.COURIER, "DHL")
                .setVariable(Variables.TRACKING_NUMBER, "JD0001")
                .execute();

        // when: cs lists its filter the way Tasklist does
        Map<String, Map<String, String>> cards = cards("cs", "Customer service");

        // then
        assertThat(cards.get(first.reference())).containsEntry(Variables.CARD_CUSTOMER, "Ada Lovelace")
                .containsEntry(Variables.CARD_TOTAL, "€19.98")
                .containsEntry(Variables.CARD_TASK_REASON, "Unit price differs from the catalog");
        assertThat(cards.get(second.reference())).containsEntry(Variables.CARD_CUSTOMER, "Grace Hopper")
                .containsEntry(Variables.CARD_TOTAL, "€9.99");
        assertThat(cards.values()).allSatisfy(card -> assertThat(card.keySet()).containsAll(CARD));
        assertThat(cards.entrySet().stream().filter(card -> card.getKey().equals(overdue.reference()))
                .map(card -> card.getValue().get(Variables.CARD_TASK_REASON)))
                .contains("No delivery reported by 30 Nov 2026, 13:24 UTC (DHL JD0001)");
        assertThat(cards("lead", "Customer service").get(first.reference())).containsAllEntriesOf(
                cards.get(first.reference()));
    }

    @Test
    void staffReadTheCardsOfTheirTasksAndNoProcessVariables() {
        // given: an order under review (customer service's task) and one with a pick shortage (the warehouse's)
        Placed review = placeUnderReview("SHOP-CARD-" + shortId(), "Ada Lovelace", 1);
        Placed shortage = placeUnderReview("SHOP-CARD-" + shortId(), "Grace Hopper", 3);
        runtime.createProcessInstanceModification(shortage.processInstanceId())
                .startBeforeActivity(Elements.USER_TASK_RESOLVE_PICK_SHORTAGE)
                .setVariable(Variables.SHORTAGE_DETAILS, "MUG-ECO-01: 3 expected on the shelf, 1 found")
                .execute();

        // when
        Map<String, Map<String, String>> warehouseCards = cards("warehouse", "Warehouse");

        // then: the warehouse card tells the shortage; cs reads its review's card, and no process variable
        assertThat(warehouseCards.get(shortage.reference()))
                .containsEntry(Variables.CARD_TASK_REASON, "Pick shortage: MUG-ECO-01: 3 expected on the shelf, 1 found")
                .containsEntry(Variables.CARD_TOTAL, "€29.97");
        assertThat(warehouseCards).doesNotContainKey(review.reference());
        assertThat(variableNames("cs", review.processInstanceId())).isNotEmpty()
                .doesNotContain(Variables.ORDER_ID, Variables.CUSTOMER_NAME, Variables.CUSTOMER_EMAIL,
                        Variables.ORDER_TOTAL, Variables.REVIEW_REASONS)
                .allSatisfy(name -> assertThat(name).isIn(cardAndHistory()));
        assertThat(variableNames("warehouse", review.processInstanceId())).isEmpty();
        assertThat(variableNames("cs", shortage.processInstanceId())).as("only the cards of cs's own review")
                .allSatisfy(name -> assertThat(name).isIn(cardAndHistory()));
        String shipping = api.placed(OrderflowApi.order("MUG-ECO-01", 1, "12.50"));
        String shippingInstance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(shipping)
                .singleResult().getId();
        assertThat(variableNames("cs", shippingInstance)).as("an order without a task of cs").isEmpty();
        assertThat(variableNames("warehouse", shippingInstance)).isEmpty();
        assertThat(engineRest("cs", HttpMethod.GET, "/process-instance/" + review.processInstanceId()
                + "/variables", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(engineRest("warehouse", HttpMethod.GET, "/process-instance/" + shortage.processInstanceId()
                + "/variables", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void theWarehouseReadsOfItsOwnTaskOnlyTheCardAndTheFieldsOfItsForm() {
        // given: an order with a pick shortage, the warehouse's task
        Placed shortage = placeUnderReview("SHOP-CARD-" + shortId(), "Grace Hopper", 3);
        runtime.createProcessInstanceModification(shortage.processInstanceId())
                .startBeforeActivity(Elements.USER_TASK_RESOLVE_PICK_SHORTAGE)
                .setVariable(Variables.SHORTAGE_DETAILS, "MUG-ECO-01: 3 expected on the shelf, 1 found")
                .execute();
        String taskId = taskId(shortage, Elements.USER_TASK_RESOLVE_PICK_SHORTAGE);
        Set<String> shown = java.util.stream.Stream.concat(cardAndHistory().stream(), Stream.of("customer",
                Variables.SHORTAGE_DETAILS, Variables.ORDER_ID, Variables.SHORTAGE_DECISION)).collect(Collectors.toSet());

        // when: the warehouse reads the task's variables every way /engine-rest offers
        JsonNode variables = engineRest("warehouse", HttpMethod.GET, "/task/" + taskId + "/variables", null).getBody();
        JsonNode formVariables = engineRest("warehouse", HttpMethod.GET, "/task/" + taskId + "/form-variables", null)
                .getBody();

        // then: what its form and card show, and nothing else of the order
        assertThat(names(variables)).contains(Variables.SHORTAGE_DETAILS, Variables.CARD_SHOP_REFERENCE)
                .allSatisfy(name -> assertThat(name).isIn(shown))
                .doesNotContain(Variables.CUSTOMER_EMAIL, Variables.REVIEW_FINDINGS, Variables.PRICE_MISMATCH);
        assertThat(names(formVariables)).contains(Variables.SHORTAGE_DETAILS).allSatisfy(name -> assertThat(name)
                .isIn(shown));
        assertThat(engineRest("warehouse", HttpMethod.GET, "/task/" + taskId + "/variables/"
                + Variables.CUSTOMER_EMAIL, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(engineRest("warehouse", HttpMethod.GET, "/task/" + taskId + "/variables/"
                + Variables.PRICE_MISMATCH, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(engineRest("warehouse", HttpMethod.GET, "/task/" + taskId + "/variables/"
                + Variables.SHORTAGE_DETAILS, null).getBody().path("value").asText()).contains("1 found");
        // operations still read the whole order (Cockpit), so the narrowing is the staff's only
        assertThat(names(engineRest("ops", HttpMethod.GET, "/task/" + taskId + "/variables", null).getBody()))
                .contains(Variables.CUSTOMER_EMAIL, Variables.PRICE_MISMATCH);
    }

    @Test
    void customerServiceReadsOfItsReviewTheFormsFieldsButNotTheFindings() {
        // given
        Placed review = placeUnderReview("SHOP-CARD-" + shortId(), "Ada Lovelace", 1);
        String taskId = taskId(review, Elements.USER_TASK_REVIEW_DISCREPANCY);

        // when
        Set<String> variables = names(engineRest("cs", HttpMethod.GET, "/task/" + taskId + "/variables", null)
                .getBody());
        Set<String> formVariables = names(engineRest("cs", HttpMethod.GET, "/task/" + taskId + "/form-variables",
                null).getBody());

        // then: the review form shows the customer's e-mail address, not the checks' raw findings
        assertThat(variables).contains(Variables.CUSTOMER_EMAIL, Variables.CARD_SHOP_REFERENCE, Variables.ORDER_ID)
                .doesNotContain(Variables.REVIEW_FINDINGS, Variables.PRICE_MISMATCH);
        assertThat(formVariables).contains(Variables.CUSTOMER_EMAIL)
                .doesNotContain(Variables.REVIEW_FINDINGS, Variables.PRICE_MISMATCH);
        assertThat(engineRest("cs", HttpMethod.GET, "/task/" + taskId + "/variables/" + Variables.REVIEW_FINDINGS,
                null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(names(engineRest("cs", HttpMethod.GET, "/task/" + taskId + "/localVariables", null).getBody()))
                .containsAll(CARD);
    }

    @Test
    void staffCannotGuessAnOrdersVariablesBySearchingTasksOrCompletingWithVariablesInReturn() {
        // given: a review whose customer's e-mail address the clerk may see only on the form, not guess elsewhere
        Placed review = placeUnderReview("SHOP-CARD-" + shortId(), "Ada Lovelace", 1);
        String taskId = taskId(review, Elements.USER_TASK_REVIEW_DISCREPANCY);
        String filterId = filters.createFilterQuery().filterName("Customer service").singleResult().getId();
        String guess = "{\"processVariables\": [{\"name\": \"" + Variables.PRICE_MISMATCH
                + "\", \"operator\": \"eq\", \"value\": true}]}";

        // when / then: a task search by a process variable is refused, directly, in an "or" query, through a
        // filter, and as a sort order; the search by the card's shop reference still finds the task
        assertThat(engineRest("cs", HttpMethod.POST, "/task/count", guess).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(engineRest("warehouse", HttpMethod.GET, "/task?processVariables=" + Variables.CUSTOMER_EMAIL
                + "_like_a%25", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(engineRest("cs", HttpMethod.POST, "/task/count", "{\"orQueries\": [" + guess + "]}")
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(engineRest("cs", HttpMethod.POST, "/filter/" + filterId + "/count", guess).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(engineRest("cs", HttpMethod.POST, "/task", "{\"sorting\": [{\"sortBy\": \"processVariable\", "
                + "\"sortOrder\": \"asc\", \"parameters\": {\"variable\": \"" + Variables.CUSTOMER_EMAIL
                + "\", \"type\": \"String\"}}]}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        JsonNode byReference = engineRest("cs", HttpMethod.POST, "/task", "{\"taskVariables\": [{\"name\": \""
                + Variables.CARD_SHOP_REFERENCE + "\", \"operator\": \"eq\", \"value\": \"" + review.reference()
                + "\"}]}").getBody();
        assertThat(byReference.findValuesAsText("id")).containsExactly(taskId);

        // and: completing with the order's variables in return is refused and leaves the task open
        engineRest("cs", HttpMethod.POST, "/task/" + taskId + "/claim", "{\"userId\": \"cs\"}");
        ResponseEntity<JsonNode> completed = engineRest("cs", HttpMethod.POST, "/task/" + taskId + "/complete",
                "{\"variables\": {\"" + Variables.REVIEW_DECISION + "\": {\"value\": \"APPROVE\"}}, "
                        + "\"withVariablesInReturn\": true}");
        assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(completed.getBody().toString()).doesNotContain("ada@example.com");
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isOne();
    }

    @Test
    void aColleaguesClaimCannotBeTakenAwayByResolvingTheTask() {
        // given: the lead claimed a review
        Placed review = placeUnderReview("SHOP-CARD-" + shortId(), "Ada Lovelace", 1);
        String taskId = taskId(review, Elements.USER_TASK_REVIEW_DISCREPANCY);
        assertThat(engineRest("lead", HttpMethod.POST, "/task/" + taskId + "/claim", "{\"userId\": \"lead\"}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        // when: a clerk "resolves" it, as if it had been delegated
        ResponseEntity<JsonNode> resolved = engineRest("cs", HttpMethod.POST, "/task/" + taskId + "/resolve", "{}");

        // then: refused; the task is still the lead's
        assertThat(resolved.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("lead");
    }

    @Test
    void leadsSeeTheCardsOfEscalatedReviews() {
        // given: a review nobody took up in time
        Placed review = placeUnderReview("SHOP-CARD-" + shortId(), "Ada Lovelace", 1);
        management.executeJob(management.createJobQuery().processInstanceId(review.processInstanceId())
                .activityId(Elements.BOUNDARY_REVIEW_ESCALATION).singleResult().getId());

        // when
        Map<String, Map<String, String>> cards = cards("lead", "Escalated reviews");

        // then
        assertThat(cards.get(review.reference())).containsEntry(Variables.CARD_CUSTOMER, "Ada Lovelace")
                .containsEntry(Variables.CARD_TOTAL, "€9.99")
                .containsEntry(Variables.CARD_TASK_REASON, "Unit price differs from the catalog");
    }

    @Test
    void staffGroupsHoldNoGrantOnProcessesOrOtherPeoplesTasks() {
        List<Authorization> grants = authorizations.createAuthorizationQuery()
                .groupIdIn(Groups.CUSTOMER_SERVICE, Groups.CUSTOMER_SERVICE_LEADS, Groups.WAREHOUSE).list();

        // Tasklist access, its filters, reading their own group (Camunda's default), and named tasks only
        assertThat(grants).isNotEmpty().allSatisfy(grant -> {
            assertThat(grant.getResourceType()).as(grant.toString()).isIn(Resources.APPLICATION.resourceType(),
                    Resources.FILTER.resourceType(), Resources.GROUP.resourceType(), Resources.TASK.resourceType());
            assertThat(grant.getResourceId()).as(grant.toString()).isNotEqualTo("*");
            if (grant.getResourceType() == Resources.GROUP.resourceType()) {
                assertThat(grant.getResourceId()).isEqualTo(grant.getGroupId());
            }
            if (grant.getResourceType() == Resources.APPLICATION.resourceType()) {
                assertThat(grant.getResourceId()).isEqualTo("tasklist");
            }
        });
    }

    @Test
    void aStartGivesFiltersOfAnEarlierVersionTheCardVariables() {
        // given: a filter as an earlier version saved it, listing process variables
        Filter filter = filters.createFilterQuery().filterName("Warehouse").singleResult();
        Map<String, Object> old = new HashMap<>(filter.getProperties());
        old.put("variables", List.of(Map.of("name", Variables.ORDER_ID, "label", "Order")));
        filters.saveFilter(filter.setProperties(old));

        // when
        staffAccess.setUp();

        // then
        Object variables = filters.getFilter(filter.getId()).getProperties().get("variables");
        assertThat(variables).isEqualTo(StaffAccess.CARD_VARIABLES);
    }

    private record Placed(String orderId, String reference, String processInstanceId) {
    }

    /** An order of {@code quantity} mugs at 9.99 (the catalog says 12.50): it waits for a review. */
    private Placed placeUnderReview(String reference, String customer, int quantity) {
        String orderId = api.placed(OrderflowApi.order("MUG-ECO-01", quantity, "9.99")
                .replace("SHOP-IT", reference).replace("Ada Lovelace", customer));
        api.awaitStatus(orderId, "UNDER_REVIEW");
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId)
                .processDefinitionKey(OrderFulfillmentProcess.PROCESS_KEY).singleResult().getId();
        return new Placed(orderId, reference, instance);
    }

    /** Each task of the filter, by its card's shop reference: its variables, as Tasklist lists them (HAL). */
    private Map<String, Map<String, String>> cards(String user, String filterName) {
        String filterId = filters.createFilterQuery().filterName(filterName).singleResult().getId();
        JsonNode visible = engineRest(user, HttpMethod.GET, "/filter", null).getBody();
        assertThat(visible.findValuesAsText("id")).as(user + " sees filter " + filterName).contains(filterId);
        HttpHeaders headers = headers(user);
        headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
        ResponseEntity<JsonNode> list = http.exchange("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=100", HttpMethod.POST, new HttpEntity<>("{}", headers),
                JsonNode.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Map<String, String>> cards = new HashMap<>();
        for (JsonNode task : list.getBody().path("_embedded").path("task")) {
            Map<String, String> variables = new HashMap<>();
            task.path("_embedded").path("variable").forEach(variable -> variables.put(variable.get("name").asText(),
                    variable.get("value").asText()));
            cards.put(variables.getOrDefault(Variables.CARD_SHOP_REFERENCE, "(no card) " + task.get("id").asText()),
                    variables);
        }
        return cards;
    }

    private Set<String> variableNames(String user, String processInstanceId) {
        JsonNode variables = engineRest(user, HttpMethod.GET, "/variable-instance?processInstanceIdIn="
                + processInstanceId, null).getBody();
        Set<String> names = new java.util.HashSet<>();
        variables.forEach(variable -> names.add(variable.get("name").asText()));
        return names;
    }

    private String taskId(Placed order, String activity) {
        return taskService.createTaskQuery().processInstanceId(order.processInstanceId()).taskDefinitionKey(activity)
                .singleResult().getId();
    }

    private static Set<String> names(JsonNode variables) {
        Set<String> names = new java.util.HashSet<>();
        variables.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> cardAndHistory() {
        return java.util.stream.Stream.concat(CARD.stream(), java.util.stream.Stream.of(Variables.CARD_ORDER_HISTORY))
                .collect(Collectors.toSet());
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private HttpHeaders headers(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, user);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private ResponseEntity<JsonNode> engineRest(String user, HttpMethod method, String path, String json) {
        return http.exchange("/engine-rest" + path, method, new HttpEntity<>(json, headers(user)), JsonNode.class);
    }
}
