package dev.orderflow.system;

import java.util.List;

/**
 * A request that breaks the rules of its fields (missing, malformed, out of range), each problem with its JSON
 * Pointer. Thrown by services and value types; the API answers it as 400 "Invalid request".
 */
public class InvalidRequestException extends RuntimeException {

    private final List<InvalidField> problems;

    /** @param problems at least one */
    public InvalidRequestException(List<InvalidField> problems) {
        super(problems.size() == 1 ? problems.get(0).detail() : problems.size() + " problems in the request");
        this.problems = List.copyOf(problems);
    }

    /** Each problem with its JSON Pointer; at least one. */
    public List<InvalidField> problems() {
        return problems;
    }
}
