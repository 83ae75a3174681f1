package dev.orderflow.fulfillment.engine;

import java.util.List;
import java.util.Map;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Groups;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Who may do what in Camunda's webapps, set up at every start: the staff groups (created when missing), their
 * grants (application access, read rights, operations' job retries; set to exactly these permissions at every
 * start), the Tasklist filters each group sees after login (their cards show the task-local variables
 * {@code TaskCard} writes; properties set at every start), and (local run only) the demo users. Tasks
 * themselves become visible through Camunda's default task permissions: a candidate group may read and work on
 * its own tasks, and on no one else's.
 */
@Component
class StaffAccess {

    static final String OPERATIONS = "operations";
    static final String ADMINS = "camunda-admin";

    private static final Logger log = LoggerFactory.getLogger(StaffAccess.class);

    private record Grant(String group, Resource resource, String resourceId, Permission... permissions) {
    }

    private static final Map<String, String> GROUP_NAMES = Map.of(
            Groups.CUSTOMER_SERVICE, "Customer service",
            Groups.CUSTOMER_SERVICE_LEADS, "Customer service leads",
            Groups.WAREHOUSE, "Warehouse",
            OPERATIONS, "Operations");

    private static final List<Grant> GRANTS = List.of(
            new Grant(Groups.CUSTOMER_SERVICE, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            new Grant(Groups.CUSTOMER_SERVICE_LEADS, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            new Grant(Groups.WAREHOUSE, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            new Grant(OPERATIONS, Resources.APPLICATION, "cockpit", Permissions.ACCESS),
            // operations read everything in Cockpit and retry failed jobs (RETRY_JOB is all a retry checks),
            // nothing more: no UPDATE / UPDATE_INSTANCE, which would let them modify or suspend an order's process
            new Grant(OPERATIONS, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY,
                    Permissions.READ_INSTANCE, ProcessDefinitionPermissions.RETRY_JOB),
            new Grant(OPERATIONS, Resources.PROCESS_INSTANCE, "*", Permissions.READ,
                    ProcessInstancePermissions.RETRY_JOB),
            new Grant(OPERATIONS, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY),
            new Grant(OPERATIONS, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ),
            new Grant(OPERATIONS, Resources.DEPLOYMENT, "*", Permissions.READ),
            new Grant(OPERATIONS, Resources.TASK, "*", Permissions.READ),
            new Grant(OPERATIONS, Resources.HISTORIC_TASK, "*", HistoricTaskPermissions.READ),
            new Grant(OPERATIONS, Resources.HISTORIC_PROCESS_INSTANCE, "*", HistoricProcessInstancePermissions.READ));

    /** Tasklist filters: name, the candidate groups whose tasks it lists, the groups that see it. */
    private record TaskFilter(String name, String description, List<String> candidateGroups, List<String> readers,
            int priority) {
    }

    private static final List<TaskFilter> FILTERS = List.of(
            new TaskFilter("Customer service", "Discrepancy reviews and delivery investigations",
                    List.of(Groups.CUSTOMER_SERVICE), List.of(Groups.CUSTOMER_SERVICE, Groups.CUSTOMER_SERVICE_LEADS),
                    -10),
            new TaskFilter("Escalated reviews", "Reviews nobody took up in time",
                    List.of(Groups.CUSTOMER_SERVICE_LEADS), List.of(Groups.CUSTOMER_SERVICE_LEADS), -5),
            new TaskFilter("Warehouse", "Pick shortages", List.of(Groups.WAREHOUSE), List.of(Groups.WAREHOUSE), -10));

    /** The variables each task card shows, in this order: task-local ones, see {@code TaskCard}. */
    static final List<Map<String, String>> CARD_VARIABLES = List.of(
            Map.of("name", Variables.CARD_SHOP_REFERENCE, "label", "Order"),
            Map.of("name", Variables.CARD_CUSTOMER, "label", "Customer"),
            Map.of("name", Variables.CARD_TOTAL, "label", "Total"),
            Map.of("name", Variables.CARD_TASK_REASON, "label", "Why"));

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final StaffProperties staff;

    StaffAccess(IdentityService identity, AuthorizationService authorizations, FilterService filters,
            TaskService tasks, StaffProperties staff) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.staff = staff;
    }

    @EventListener(ApplicationReadyEvent.class)
    void setUp() {
        GROUP_NAMES.forEach(this::ensureGroup);
        GRANTS.forEach(this::ensureGrant);
        FILTERS.forEach(this::ensureFilter);
        staff.users().forEach(this::ensureUser);
    }

    private void ensureGroup(String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
            log.info("Created group {}", id);
        }
    }

    /**
     * Creates the grant, or sets an existing one to exactly its permissions: a database set up by an earlier
     * version loses rights that version granted and this one does not (operations' UPDATE, for one).
     */
    private void ensureGrant(Grant grant) {
        Authorization authorization = authorizations.createAuthorizationQuery().groupIdIn(grant.group())
                .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(grant.resource())
                .resourceId(grant.resourceId()).singleResult();
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(grant.group());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
        } else if (bits(authorization) == wantedBits(grant)) {
            return;
        } else {
            log.warn("Setting the rights of group {} on {} {} to {} (were wider or narrower)", grant.group(),
                    grant.resource().resourceName(), grant.resourceId(), List.of(grant.permissions()));
        }
        authorization.setPermissions(grant.permissions());
        authorizations.saveAuthorization(authorization);
    }

    private static int bits(Authorization authorization) {
        return ((AuthorizationEntity) authorization).getPermissions();
    }

    private static int wantedBits(Grant grant) {
        int bits = Permissions.NONE.getValue();
        for (Permission permission : grant.permissions()) {
            bits |= permission.getValue();
        }
        return bits;
    }

    /**
     * Creates the filter, or sets the properties of one an earlier version created to this version's: which
     * variables its cards show (the task-local card variables; an earlier version listed process variables,
     * which staff may not read), its description and order.
     */
    private void ensureFilter(TaskFilter wanted) {
        Map<String, Object> properties = properties(wanted);
        Filter filter = filters.createFilterQuery().filterName(wanted.name()).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(wanted.name())
                    .setOwner(null)
                    .setQuery(tasks.createTaskQuery().taskCandidateGroupIn(wanted.candidateGroups())
                            .includeAssignedTasks())
                    .setProperties(properties);
            filters.saveFilter(filter);
            log.info("Created Tasklist filter '{}'", wanted.name());
        } else if (!properties.equals(filter.getProperties())) {
            filters.saveFilter(filter.setProperties(properties));
            log.info("Updated the properties of Tasklist filter '{}'", wanted.name());
        }
        for (String reader : wanted.readers()) {
            ensureGrant(new Grant(reader, Resources.FILTER, filter.getId(), Permissions.READ));
        }
    }

    /** What Tasklist reads from a filter: its description, order, refresh, and the variables on each card. */
    private static Map<String, Object> properties(TaskFilter wanted) {
        return Map.of("description", wanted.description(), "priority", wanted.priority(),
                "autoRefresh", true, "refresh", true, "variables", CARD_VARIABLES);
    }

    private void ensureUser(StaffProperties.StaffUser wanted) {
        if (identity.createUserQuery().userId(wanted.id()).count() == 0) {
            User user = identity.newUser(wanted.id());
            user.setPassword(wanted.password());
            user.setFirstName(wanted.firstName());
            user.setLastName(wanted.lastName());
            user.setEmail(wanted.email());
            identity.saveUser(user);
            log.info("Created staff user {}", wanted.id());
        }
        for (String group : wanted.groups()) {
            if (identity.createUserQuery().userId(wanted.id()).memberOfGroup(group).count() == 0) {
                identity.createMembership(wanted.id(), group);
            }
        }
    }
}
