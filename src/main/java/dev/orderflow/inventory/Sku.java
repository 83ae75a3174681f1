package dev.orderflow.inventory;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for a stock keeping unit's code, one for the catalog and for order lines: 1 to 64 characters of
 * {@code A-Z a-z 0-9 . _ -}, the first a letter or a digit. The first character is narrower than the character
 * set on purpose (docs/decisions/sku-rule.md): {@code .} and {@code ..} are path segments no URL can name, and a
 * leading {@code -} is read as a formula by spreadsheets that open an exported catalog.
 */
public final class Sku {

    /** The longest SKU, in characters. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

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
        return RULE.matcher(sku).matches() ? Optional.empty()
                : Optional.of("must be letters A-Z or a-z, digits, '.', '_' or '-', starting with a letter or digit");
    }
}
