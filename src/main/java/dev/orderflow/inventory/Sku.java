package dev.orderflow.inventory;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.orderflow.system.InvalidField;
import dev.orderflow.system.InvalidRequestException;

/**
 * The rule for a stock keeping unit's code, one for the catalog, order lines and every {@code {sku}} in a path:
 * 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}, the contract's set, except {@code .} and {@code ..}, the two
 * SKUs no URL can name (docs/decisions/sku-rule.md).
 */
public final class Sku {

    /** The longest SKU, in characters. */
    public static final int MAX_LENGTH = 64;

    /** The rule as a regular expression (the OpenAPI document's pattern), without the two dot-segments. */
    public static final String PATTERN = "^[A-Za-z0-9._-]{1,64}$";

    /** The path parameter's description in the OpenAPI document. */
    public static final String DESCRIPTION = "The SKU: 1 to 64 characters of A-Z a-z 0-9 . _ - (not '.' or '..');"
            + " a SKU breaking the rule is 400 with the pointer /sku";

    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private Sku() {
    }

    /**
     * What is wrong with {@code sku} as a problem detail ("is required", "must be at most 64 characters", ...), or
     * empty when it is a valid SKU.
     */
    public static Optional<String> problem(String sku) {
        if (sku == null || sku.isEmpty()) {
            return Optional.of("is required");
        }
        if (sku.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (!RULE.matcher(sku).matches()) {
            return Optional.of("must be letters A-Z or a-z, digits, '.', '_' or '-'");
        }
        if (sku.equals(".") || sku.equals("..")) {
            return Optional.of("must not be '.' or '..': no URL can name such a product");
        }
        return Optional.empty();
    }

    /**
     * Checks the {@code {sku}} of a request's path before anything is looked up, so that a SKU that cannot exist
     * is a 400 naming {@code /sku} (the contract: the request itself before unknown resources), not a 404.
     *
     * @throws InvalidRequestException with the pointer {@code /sku} when {@code sku} breaks the rule
     */
    public static void checkPath(String sku) {
        Optional<InvalidField> problem = pathProblem(sku);
        if (problem.isPresent()) {
            throw new InvalidRequestException(List.of(problem.get()));
        }
    }

    /** The problem of a path's {@code {sku}} with the pointer {@code /sku}, or empty when it is a valid SKU. */
    public static Optional<InvalidField> pathProblem(String sku) {
        return problem(sku).map(detail -> new InvalidField("/sku", detail));
    }
}
