package dev.orderflow.system;

import java.util.regex.Pattern;

/**
 * The optional {@code Idempotency-Key} header of the API's writes (placing an order, restocking, adjusting stock):
 * 1 to 255 visible ASCII characters; anything else, an empty value included, is 400.
 */
public final class IdempotencyKey {

    /** The header's name. */
    public static final String HEADER = "Idempotency-Key";
    /** The key's syntax, for the OpenAPI document. */
    public static final String PATTERN = "^[\\x21-\\x7E]{1,255}$";
    /** The key's longest length, in characters. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern SYNTAX = Pattern.compile(PATTERN);

    private IdempotencyKey() {
    }

    /**
     * The key as sent, {@code null} when the header was absent.
     *
     * @throws ApiProblem (400) for a key that is not 1 to 255 visible ASCII characters
     */
    public static String checked(String key) {
        if (key != null && !SYNTAX.matcher(key).matches()) {
            throw ApiProblem.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        return key;
    }
}
