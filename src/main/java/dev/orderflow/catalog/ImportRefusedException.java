package dev.orderflow.catalog;

import java.util.List;

import dev.orderflow.system.InvalidField;

/**
 * An import that changes nothing: a body that cannot be read as CSV or JSON ({@link #malformed()}), a header
 * that names unknown fields, too many rows, or bad cells, each with its pointer {@code /{row}/{field}} (at most
 * {@link ProductImport#MAX_REPORTED_ERRORS} of them; {@link #getMessage()} says how many there were in all).
 */
public class ImportRefusedException extends RuntimeException {

    private final transient List<InvalidField> problems;
    private final boolean malformed;

    ImportRefusedException(String detail, List<InvalidField> problems, boolean malformed) {
        super(detail);
        this.problems = List.copyOf(problems);
        this.malformed = malformed;
    }

    static ImportRefusedException malformed(String detail) {
        return new ImportRefusedException(detail, List.of(), true);
    }

    static ImportRefusedException invalid(String detail) {
        return new ImportRefusedException(detail, List.of(), false);
    }

    /** The bad cells found (the first ones, when there were many), each with its pointer; may be empty. */
    public List<InvalidField> problems() {
        return problems;
    }

    /** Whether the body could not be read at all (not UTF-8, not CSV, not JSON). */
    public boolean malformed() {
        return malformed;
    }
}
