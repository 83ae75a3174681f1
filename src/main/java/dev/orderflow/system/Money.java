package dev.orderflow.system;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Money as the API writes it: a JSON string of digits with an optional point and one or two decimals
 * ({@code "19.99"}, {@code "5"}, {@code "0.50"}), nothing else: no sign, no spaces, no leading zeros, no
 * exponent, no thousands separator. Every money field of every request body is read through {@link #parse};
 * whether an amount must be positive or below a ceiling is the field's own rule.
 */
public final class Money {

    /** What a money string must look like, for error details. */
    public static final String FORMAT = "must be a decimal string such as \"12.50\": digits, optionally a point and"
            + " 1 or 2 decimals; no sign, spaces, leading zeros or exponent";

    /**
     * The form as a regular expression (also the OpenAPI document's pattern): at most 12 digits before the point,
     * far above any price, so no amount grows without bound.
     */
    public static final String PATTERN = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$";

    private static final Pattern MONEY = Pattern.compile(PATTERN);

    private Money() {
    }

    /**
     * The amount a money string stands for, or empty when it is not exactly of the API's form.
     *
     * @param text the string as received (not trimmed), may be {@code null}
     * @return the amount with the scale written (2 for {@code "12.50"}, 0 for {@code "12"})
     */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null || !MONEY.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(text));
    }

    /** The API's text of an amount: plain digits and a point, as stored ({@code "12.50"}). */
    public static String format(BigDecimal amount) {
        return amount.toPlainString();
    }
}
