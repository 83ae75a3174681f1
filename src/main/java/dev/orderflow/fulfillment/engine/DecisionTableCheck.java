package dev.orderflow.fulfillment.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.Problem;
import org.w3c.dom.Element;
import org.w3c.dom.Document;

/**
 * The check of one new DMN file, deployed with the diagram or alone: every expression in it is FEEL. Another
 * {@code expressionLanguage} (JUEL, a script language) is refused: JUEL in a decision table can call any Spring
 * bean, and Orderflow's decisions are FEEL. Without the attribute Camunda evaluates FEEL.
 */
final class DecisionTableCheck {

    private DecisionTableCheck() {
    }

    /** @return one problem per element with another expression language; empty when all is FEEL */
    static List<Problem> problems(Document dmn) {
        List<Problem> problems = new ArrayList<>();
        for (Element element : XmlFiles.elements(dmn)) {
            String language = element.getAttribute("expressionLanguage");
            if (!language.isBlank() && !feel(language)) {
                Element owner = XmlFiles.identified(element);
                String name = !owner.getAttribute("name").isBlank() ? owner.getAttribute("name")
                        : owner.getAttribute("label");
                String id = owner.getAttribute("id");
                problems.add(new Refusal((name.isBlank() ? "'" + id + "'" : "'" + name.strip() + "' (" + id + ")")
                        + ": its expression language is '" + language + "': Orderflow's decisions are FEEL (it cannot"
                        + " call the service's beans); remove expressionLanguage or set it to feel", id));
            }
        }
        return problems;
    }

    /** "feel", or one of the DMN specifications' FEEL namespaces */
    private static boolean feel(String language) {
        String lower = language.strip().toLowerCase(Locale.ROOT);
        return "feel".equals(lower) || lower.matches("https?://www\\.omg\\.org/spec/(feel|dmn/\\d+/feel)/?(\\d+/?)?");
    }
}
