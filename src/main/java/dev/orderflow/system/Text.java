package dev.orderflow.system;

import java.util.Optional;

/**
 * The API's rules for text fields (docs/api.md): limits count characters as a person sees them (Unicode code
 * points, so an emoji is one, not two UTF-16 units); a required text needs at least one visible character
 * (spaces, control characters and invisible format characters such as a zero-width space do not count);
 * a single-line field holds no control characters or line or paragraph separators, a free text (a note, a
 * comment) no control characters but line breaks and tabs; no text holds bidirectional overrides (which could
 * make a name, an address or a stock note display as something else to staff) or a lone surrogate.
 * Validators report the detail returned here with the field's JSON Pointer.
 */
public final class Text {

    private Text() {
    }

    /** Characters as a person counts them: Unicode code points. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Whether the text shows anything: one code point that is neither blank, a control, a format nor a mark. */
    public static boolean hasVisibleCharacter(String text) {
        return text.codePoints().anyMatch(Text::isVisible);
    }

    /**
     * The problem with a single-line text field (names, addresses, references, ids), if any.
     *
     * @param text the value, {@code null} when absent
     * @param required whether it must be present and visible
     * @param maxCharacters the limit in code points
     * @return a detail such as {@code "must be at most 200 characters"}, or empty when the value is fine
     */
    public static Optional<String> problemOfLine(String text, boolean required, int maxCharacters) {
        return problem(text, required, maxCharacters, false);
    }

    /**
     * The problem with a free text that may span lines (a comment, a reason): line breaks (also U+2028 and
     * U+2029) and tabs are allowed, other control characters and bidirectional overrides are not. Same result as
     * {@link #problemOfLine}.
     */
    public static Optional<String> problemOfParagraph(String text, boolean required, int maxCharacters) {
        return problem(text, required, maxCharacters, true);
    }

    private static Optional<String> problem(String text, boolean required, int maxCharacters, boolean multiLine) {
        if (text == null) {
            return required ? Optional.of("is required") : Optional.empty();
        }
        if (length(text) > maxCharacters) {
            return Optional.of("must be at most " + maxCharacters + " characters");
        }
        // codePoints() yields a surrogate that has no partner as itself
        if (text.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
            return Optional.of("must be valid Unicode text (it contains a lone surrogate)");
        }
        boolean forbidden = text.codePoints().anyMatch(c -> multiLine ? isControl(c) && !isLineBreakOrTab(c)
                : isControl(c));
        if (forbidden) {
            return Optional.of(multiLine ? "must not contain control characters other than line breaks and tabs"
                    : "must not contain control characters or line breaks");
        }
        if (text.codePoints().anyMatch(Text::isBidiControl)) {
            return Optional.of("must not contain bidirectional embeddings, overrides or isolates (U+202A to U+202E,"
                    + " U+2066 to U+2069): they make the text display as something else");
        }
        if (required && !hasVisibleCharacter(text)) {
            return Optional.of(text.isEmpty() ? "is required" : "must contain at least one visible character");
        }
        return Optional.empty();
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || c == 0x2028 || c == 0x2029;
    }

    /** Line feed, carriage return, tab, and Unicode's line and paragraph separators. */
    private static boolean isLineBreakOrTab(int c) {
        return c == '\n' || c == '\r' || c == '\t' || c == 0x2028 || c == 0x2029;
    }

    /** Bidirectional embeddings, overrides and isolates: they reorder what is displayed around them. */
    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static boolean isVisible(int c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
            return false;
        }
        switch (Character.getType(c)) {
            case Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                // letters that render as nothing (Hangul fillers, Mongolian vowel separator, Braille blank)
                return c != 0x115F && c != 0x1160 && c != 0x3164 && c != 0xFFA0 && c != 0x180E && c != 0x2800;
        }
    }
}
