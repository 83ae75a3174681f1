package dev.orderflow.order;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a customer whose order is out of stock chooses (API, tracking page, e-mail links), and what applies when
 * they do not choose in time ({@code orderflow.out-of-stock.default-decision}). The diagram's conditions on
 * {@code stockDecision} use exactly these names.
 */
public enum StockDecision {
    /** the order waits for a restock */
    WAIT,
    /** the order is cancelled and refunded */
    REFUND;

    /** The setting that names the decision applied when a customer does not choose in time. */
    public static final String DEFAULT_SETTING = "orderflow.out-of-stock.default-decision";

    /** The decision spelled exactly as {@code text} (case matters), or empty for anything else, null included. */
    public static Optional<StockDecision> of(String text) {
        return Arrays.stream(values()).filter(decision -> decision.name().equals(text)).findFirst();
    }

    /**
     * The decision a setting names, for start-up checks.
     *
     * @throws IllegalArgumentException naming the property and the allowed values when {@code value} is no
     *         decision (spelled exactly, case matters)
     */
    public static StockDecision ofSetting(String property, String value) {
        return of(value).orElseThrow(() -> new IllegalArgumentException(
                property + " must be " + allowed() + ", not '" + value + "'"));
    }

    /** "WAIT or REFUND", for messages that say what is allowed. */
    public static String allowed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(" or "));
    }
}
