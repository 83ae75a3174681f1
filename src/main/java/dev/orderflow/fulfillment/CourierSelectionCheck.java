package dev.orderflow.fulfillment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Decisions;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import dev.orderflow.shipping.ConfiguredCouriers;
import dev.orderflow.shipping.ShippingService;
import dev.orderflow.system.RefusedToStart;
import org.camunda.bpm.engine.impl.dmn.deployer.DecisionDefinitionDeployer;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaDeploymentConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Every courier the courier-selection decision can return is one the service can book: each rule's
 * {@code courier} output (a string literal such as {@code "parcelco"}) is checked at start-up against the
 * configured couriers, and its {@code serviceLevel} output (when a literal) against the levels that courier
 * offers, in the decision table the service deploys (the files its deployment resource pattern finds,
 * {@code bpmn/courier-selection.dmn} as built). A courier that is not configured, or a level it does not offer,
 * refuses the start, naming the rule and the configured couriers with their levels: otherwise the first order
 * that matched that rule would stop at <i>Create label</i> with an incident. An output that is an expression
 * rather than a literal cannot be checked here and is logged; it is checked when a parcel gets there. A table
 * deployed later (Camunda Modeler) is checked by the deployment guard with {@link #unbookable}.
 */
@Component
public class CourierSelectionCheck {

    private static final Logger log = LoggerFactory.getLogger(CourierSelectionCheck.class);
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");

    CourierSelectionCheck(CamundaDeploymentConfiguration deployment, CamundaBpmProperties camunda,
            ShippingService shipping) {
        if (!camunda.isAutoDeploymentEnabled()) {
            return;
        }
        ConfiguredCouriers couriers = shipping.configuredCouriers();
        // a packaged jar shows the same file to the pattern twice (its classes root and the jar's root); Camunda
        // deploys it under its file name once
        Map<String, Resource> decisionFiles = new TreeMap<>();
        for (Resource resource : deployment.getDeploymentResources()) {
            if (isDecisionFile(resource)) {
                decisionFiles.putIfAbsent(resource.getFilename(), resource);
            }
        }
        List<String> problems = new ArrayList<>();
        decisionFiles.values().forEach(resource -> problems.addAll(unbookableRules(resource, couriers)));
        if (!problems.isEmpty()) {
            throw new RefusedToStart("Orderflow refuses to start: " + String.join("; ", problems)
                    + ". Configured couriers: " + offers(couriers) + ".",
                    "Configure each courier the decision table names with the service levels its rules ask for"
                            + " (orderflow.couriers.<name>.base-url and .service-levels, or"
                            + " orderflow.simulation.enabled=true for 'simulated'), or change the table's rules to"
                            + " name configured couriers and levels they offer (docs/configuration.md).");
        }
    }

    /**
     * The rules of a decision file's courier-selection table that name a courier the service cannot book, in the
     * words the start-up check uses.
     *
     * @param fileName the file's name, as the messages show it
     * @param dmn      the decision file (DMN XML)
     * @return one problem per refused table followed by the configured couriers, or empty when every literal
     *         courier and service level can be booked (or the file has no courier-selection table)
     */
    public static List<String> unbookable(String fileName, byte[] dmn, ConfiguredCouriers couriers) {
        List<String> problems = unbookableRules(fileName, Dmn.readModelFromStream(new ByteArrayInputStream(dmn)),
                couriers);
        return problems.isEmpty() ? problems : List.of(String.join("; ", problems) + ". Configured couriers: "
                + offers(couriers));
    }

    /** {@code [parcelco (EXPRESS_INSURED, STANDARD), simulated (...)]} */
    private static String offers(ConfiguredCouriers couriers) {
        return couriers.all().stream().map(name -> name + " (" + String.join(", ", couriers.serviceLevelsOf(name))
                + ")").toList().toString();
    }

    private static boolean isDecisionFile(Resource resource) {
        String name = resource.getFilename();
        return name != null && Arrays.stream(DecisionDefinitionDeployer.DMN_RESOURCE_SUFFIXES).anyMatch(name::endsWith);
    }

    private static List<String> unbookableRules(Resource resource, ConfiguredCouriers couriers) {
        try (InputStream in = resource.getInputStream()) {
            return unbookableRules(resource.getFilename(), Dmn.readModelFromStream(in), couriers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static List<String> unbookableRules(String fileName, DmnModelInstance model, ConfiguredCouriers couriers) {
        List<String> problems = new ArrayList<>();
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
            if (!Decisions.COURIER_SELECTION.equals(decision.getId())
                    || !(decision.getExpression() instanceof DecisionTable table)) {
                continue;
            }
            List<Output> outputs = List.copyOf(table.getOutputs());
            int column = -1;
            int levelColumn = -1;
            for (int i = 0; i < outputs.size(); i++) {
                if (Variables.COURIER.equals(outputs.get(i).getName())) {
                    column = i;
                } else if (Variables.SERVICE_LEVEL.equals(outputs.get(i).getName())) {
                    levelColumn = i;
                }
            }
            if (column < 0) {
                problems.add(fileName + " (decision " + decision.getId() + ") has no output named '"
                        + Variables.COURIER + "'");
                continue;
            }
            List<String> rules = new ArrayList<>();
            for (Rule rule : table.getRules()) {
                List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
                String text = textOf(entries, column);
                Matcher literal = STRING_LITERAL.matcher(text);
                Matcher level = STRING_LITERAL.matcher(textOf(entries, levelColumn));
                if (!literal.matches()) {
                    log.warn("{} (decision {}): rule {} gives courier {}, not a name in quotes; it is checked only"
                            + " when a parcel matches the rule", fileName, decision.getId(),
                            rule.getId(), text.isEmpty() ? "(empty)" : text);
                } else if (!couriers.contains(literal.group(1))) {
                    rules.add("rule " + rule.getId() + " returns courier '" + literal.group(1)
                            + "', which is not configured");
                } else if (level.matches() && !couriers.serviceLevelsOf(literal.group(1)).contains(level.group(1))) {
                    rules.add("rule " + rule.getId() + " returns service level '" + level.group(1)
                            + "', which courier '" + literal.group(1) + "' does not offer");
                }
            }
            if (!rules.isEmpty()) {
                problems.add(fileName + " (decision " + decision.getId() + "): "
                        + String.join("; ", rules));
            }
        }
        return problems;
    }

    private static String textOf(List<OutputEntry> entries, int column) {
        return column >= 0 && column < entries.size() && entries.get(column).getText() != null
                ? entries.get(column).getText().getTextContent().trim() : "";
    }
}
