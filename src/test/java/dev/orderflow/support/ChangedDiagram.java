package dev.orderflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * A changed version of the current {@code bpmn/order-fulfillment.bpmn}, derived at test time with Camunda's model
 * API (never a kept copy, so the tests follow the analysts' changes), and deployed the way Camunda Modeler deploys
 * it: a multipart POST to {@code /engine-rest/deployment/create} with the diagram alone, "deploy changed only".
 */
public final class ChangedDiagram {

    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    private final BpmnModelInstance model;

    private ChangedDiagram(BpmnModelInstance model) {
        this.model = model;
    }

    /** The current diagram from the classpath (the build copies {@code bpmn/} there). */
    public static ChangedDiagram ofCurrent() {
        try (InputStream in = ChangedDiagram.class.getResourceAsStream("/order-fulfillment.bpmn")) {
            BpmnModelInstance model = Bpmn.readModelFromStream(in);
            // forms and decisions found by key (their latest version), as a Modeler deployment of the diagram alone
            // needs them; a no-op once the diagram binds them so itself
            for (ModelElementInstance element : model.getModelElementsByType(BaseElement.class)) {
                for (String binding : new String[] {"formRefBinding", "decisionRefBinding"}) {
                    if (element.getAttributeValueNs(CAMUNDA_NS, binding) != null) {
                        element.setAttributeValueNs(CAMUNDA_NS, binding, "latest");
                    }
                }
            }
            return new ChangedDiagram(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An element's name changed (a harmless change every order can follow). */
    public ChangedDiagram renamed(String elementId, String newName) {
        model.<FlowElement>getModelElementById(elementId).setName(newName);
        return this;
    }

    /** An element's id changed (its flows and shapes follow): orders waiting there have no counterpart. */
    public ChangedDiagram withNewId(String elementId, String newId) {
        model.<BaseElement>getModelElementById(elementId).setId(newId);
        return this;
    }

    public String xml() {
        return Bpmn.convertToString(model);
    }

    /** The answer of {@code /engine-rest/deployment/create}: its status and body. */
    public record Answer(int status, String body) {
    }

    /**
     * Deploys it as Camunda Modeler does, as {@code user}, to {@code restRoot}: {@code http://host:port/engine-rest}
     * for the default engine, {@code .../engine-rest/engine/<name>} for a test context's uniquely named one.
     */
    public Answer deployFromModeler(String restRoot, String user, String password) {
        String boundary = "----modeler" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder body = new StringBuilder();
        part(body, boundary, "deployment-name", null, "order-fulfillment");
        part(body, boundary, "deployment-source", null, "Camunda Modeler");
        part(body, boundary, "deploy-changed-only", null, "true");
        part(body, boundary, "order-fulfillment.bpmn", "order-fulfillment.bpmn", xml());
        body.append("--").append(boundary).append("--\r\n");
        HttpRequest request = HttpRequest.newBuilder(URI.create(restRoot + "/deployment/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void part(StringBuilder body, String boundary, String name, String fileName, String value) {
        body.append("--").append(boundary).append("\r\n").append("Content-Disposition: form-data; name=\"")
                .append(name).append('"');
        if (fileName != null) {
            body.append("; filename=\"").append(fileName).append("\"\r\nContent-Type: application/octet-stream");
        }
        body.append("\r\n\r\n").append(value).append("\r\n");
    }
}
