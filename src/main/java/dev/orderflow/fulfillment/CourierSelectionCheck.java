package dev.orderflow.fulfillment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * configured couriers, in the decision table the service deploys (the files its deployment resource pattern
 * finds, {@code bpmn/courier-selection.dmn} as built). A name that is not configured refuses the start, naming
 * the rule and the configured couriers: otherwise the first order that matched that rule would stop at
 * <i>Create label</i> with an incident. An output that is an expression rather than a literal cannot be checked
 * here and is logged; it is checked when a parcel gets there. A table deployed later (Camunda Modeler) is not
 * checked.
 */
@Component
class CourierSelectionCheck {

    private static final Logger log = LoggerFactory.getLogger(CourierSelectionCheck.class);
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");

    CourierSelectionCheck(CamundaDeploymentConfiguration deployment, CamundaBpmProperties camunda,
            ShippingService shipping) {
        if (!camunda.isAutoDeploymentEnabled()) {
            return;
        }
        ConfiguredCouriers couriers = shipping.configuredCouriers();
        List<String> problems = new ArrayList<>();
        for (Resource resource : deployment.getDeploymentResources()) {
            if (isDecisionFile(resource)) {
                problems.addAll(unconfiguredCouriers(resource, couriers));
            }
        }
        if (!problems.isEmpty()) {
            throw new RefusedToStart("Orderflow refuses to start: " + String.join("; ", problems)
                    + ". Configured couriers: " + couriers.all() + ".",
                    "Configure each courier the decision table names (orderflow.couriers.<name>.base-url, or"
                            + " orderflow.simulation.enabled=true for 'simulated'), or change the table's rules to"
                            + " name configured couriers (docs/configuration.md).");
        }
    }

    private static boolean isDecisionFile(Resource resource) {
        String name = resource.getFilename();
        return name != null && Arrays.stream(DecisionDefinitionDeployer.DMN_RESOURCE_SUFFIXES).anyMatch(name::endsWith);
    }

    private static List<String> unconfiguredCouriers(Resource resource, ConfiguredCouriers couriers) {
        DmnModelInstance model;
        try (InputStream in = resource.getInputStream()) {
            model = Dmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        List<String> problems = new ArrayList<>();
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
            if (!Decisions.COURIER_SELECTION.equals(decision.getId())
                    || !(decision.getExpression() instanceof DecisionTable table)) {
                continue;
            }
            List<Output> outputs = List.copyOf(table.getOutputs());
            int column = -1;
            for (int i = 0; i < outputs.size(); i++) {
                if (Variables.COURIER.equals(outputs.get(i).getName())) {
                    column = i;
                }
            }
            if (column < 0) {
                problems.add(resource.getFilename() + " (decision " + decision.getId() + ") has no output named '"
                        + Variables.COURIER + "'");
                continue;
            }
            List<String> rules = new ArrayList<>();
            for (Rule rule : table.getRules()) {
                List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
                String text = column < entries.size() && entries.get(column).getText() != null
                        ? entries.get(column).getText().getTextContent().trim() : "";
                Matcher literal = STRING_LITERAL.matcher(text);
                if (!literal.matches()) {
                    log.warn("{} (decision {}): rule {} gives courier {}, not a name in quotes; it is checked only"
                            + " when a parcel matches the rule", resource.getFilename(), decision.getId(),
                            rule.getId(), text.isEmpty() ? "(empty)" : text);
                } else if (!couriers.contains(literal.group(1))) {
                    rules.add("rule " + rule.getId() + " returns courier '" + literal.group(1)
                            + "', which is not configured");
                }
            }
            if (!rules.isEmpty()) {
                problems.add(resource.getFilename() + " (decision " + decision.getId() + "): "
                        + String.join("; ", rules));
            }
        }
        return problems;
    }
}
