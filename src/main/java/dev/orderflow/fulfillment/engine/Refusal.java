package dev.orderflow.fulfillment.engine;

import java.util.List;

import org.camunda.bpm.engine.Problem;

/**
 * One refused element (or an unreadable file, with its line and column), as Camunda's REST layer and Camunda Modeler
 * show a parse problem.
 */
record Refusal(String message, String elementId, int line, int column) implements Problem {

    Refusal(String message, String elementId) {
        this(message, elementId, 0, 0);
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public int getLine() {
        return line;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public String getMainElementId() {
        return elementId;
    }

    @Override
    public List<String> getElementIds() {
        return elementId == null ? List.of() : List.of(elementId);
    }
}
