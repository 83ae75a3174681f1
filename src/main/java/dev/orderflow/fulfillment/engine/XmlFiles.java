package dev.orderflow.fulfillment.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.camunda.bpm.engine.ParseException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a deployed XML file (BPMN, DMN) for the deployment guard: a file that is no well-formed XML is refused here
 * with Camunda's {@link ParseException} (its line and column), so the Modeler gets a 400 that says what is wrong
 * instead of the engine's 500. No DTDs or external entities are read.
 */
final class XmlFiles {

    static final String CAMUNDA_BPMN = "http://camunda.org/schema/1.0/bpmn";
    /** the namespace of Camunda's predecessor, which Camunda still reads and executes */
    static final String ACTIVITI = "http://activiti.org/bpmn";
    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private XmlFiles() {
    }

    /** @return the document; throws a {@link ParseException} naming the resource, line and column if unreadable */
    static Document read(String resource, byte[] bytes, String kind) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // no report on stderr: the refusal says it
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException broken) {
            throw unreadable(resource, kind, "line " + broken.getLineNumber() + ", column " + broken.getColumnNumber()
                    + ": " + broken.getMessage(), broken.getLineNumber(), broken.getColumnNumber());
        } catch (SAXException | IOException broken) {
            throw unreadable(resource, kind, String.valueOf(broken.getMessage()), 0, 0);
        } catch (ParserConfigurationException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** a refusal of a file that cannot be read as what its name says */
    static ParseException unreadable(String resource, String kind, String why, int line, int column) {
        String message = DeploymentGuard.REFUSAL + " (" + resource + "): it is not a readable " + kind + " file ("
                + why + "); open it in Camunda Modeler, fix or save it again, and deploy it again";
        return new ParseException(message, resource, List.of(new Refusal(message, null, line, column)), List.of());
    }

    /** @return every element of the document, in document order */
    static List<Element> elements(Document document) {
        return elements(document.getDocumentElement());
    }

    /** @return the element and every element inside it, in document order */
    static List<Element> elements(Element root) {
        List<Element> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(Element element, List<Element> all) {
        all.add(element);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element nested) {
                collect(nested, all);
            }
        }
    }

    /** @return the attributes of an element, without namespace declarations */
    static List<Attr> attributes(Element element) {
        List<Attr> found = new ArrayList<>();
        NamedNodeMap all = element.getAttributes();
        for (int i = 0; i < all.getLength(); i++) {
            Attr attribute = (Attr) all.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                found.add(attribute);
            }
        }
        return found;
    }

    /** @return the element's own text (its text and CDATA children), or empty when it has none */
    static Optional<String> ownText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text.toString());
    }

    /** whether the namespace is one Camunda executes extensions of */
    static boolean camunda(String namespace) {
        return CAMUNDA_BPMN.equals(namespace) || ACTIVITI.equals(namespace);
    }

    /** the element itself or its nearest ancestor with an id (the element a refusal names) */
    static Element identified(Element element) {
        for (Node node = element; node instanceof Element candidate; node = node.getParentNode()) {
            String local = String.valueOf(candidate.getLocalName());
            // an event definition or a condition has an id of its own, but people know its event or flow
            boolean part = local.endsWith("EventDefinition") || local.endsWith("LoopCharacteristics")
                    || local.endsWith("Expression") || local.startsWith("time");
            if (candidate.hasAttribute("id") && !camunda(candidate.getNamespaceURI()) && !part) {
                return candidate;
            }
        }
        return element.getOwnerDocument().getDocumentElement();
    }
}
