package dev.orderflow.fulfillment.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the names an expression text starts from: in every {@code ${...}} and {@code #{...}} of a text, each root
 * identifier (one not after a {@code .}, not inside a string literal, not an EL keyword) with the path that
 * follows it ({@code orderflow.timeouts.delivery}, {@code reviewText.reasons(...)}). The deployment guard checks
 * each root against what the service has; the scanner only reads, it evaluates nothing.
 */
final class ExpressionScanner {

    /** EL's word operators and literals: never a bean or a variable */
    static final Set<String> KEYWORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "div",
            "mod", "empty", "true", "false", "null", "instanceof");

    /**
     * One root identifier and what follows it.
     *
     * @param root       the identifier ({@code orderflow})
     * @param path       the names after it, each after a {@code .} ({@code timeouts}, {@code delivery}); ends at
     *                   anything else ({@code [}, an operator, the end)
     * @param calls      for each name of {@code path}, whether it is called ({@code name(...)})
     * @param called     whether the root itself is called as a function ({@code now()})
     * @param expression the whole {@code ${...}} it is part of
     */
    record Reference(String root, List<String> path, List<Boolean> calls, boolean called, String expression) {
    }

    private ExpressionScanner() {
    }

    /** @return whether the text holds an expression ({@code ${} or {@code #{}) */
    static boolean hasExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** @return the root references of every expression in the text, in order; empty when it has none */
    static List<Reference> references(String text) {
        List<Reference> found = new ArrayList<>();
        int i = 0;
        while (i < text.length() - 1) {
            char c = text.charAt(i);
            if ((c == '$' || c == '#') && text.charAt(i + 1) == '{') {
                int end = endOf(text, i + 2);
                scan(text.substring(i + 2, end), text.substring(i, Math.min(end + 1, text.length())), found);
                i = end + 1;
            } else {
                i++;
            }
        }
        return found;
    }

    /** the index of the '}' closing an expression that starts at {@code from}, outside string literals */
    private static int endOf(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipString(text, i);
            } else if (c == '}') {
                return i;
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** the index after the string literal starting at {@code start} (EL escapes with a backslash) */
    private static int skipString(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static void scan(String body, String expression, List<Reference> found) {
        int i = 0;
        char previous = ' '; // the last character that was not white space
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipString(body, i);
                previous = c;
            } else if (Character.isDigit(c)) {
                i = skipNumber(body, i);
                previous = '0';
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = identifierEnd(body, i);
                String name = body.substring(i, end);
                if (previous == '.' || KEYWORDS.contains(name)) {
                    i = end;
                    previous = 'a';
                    continue;
                }
                List<String> path = new ArrayList<>();
                List<Boolean> calls = new ArrayList<>();
                int at = skipSpace(body, end);
                boolean called = at < body.length() && body.charAt(at) == '(';
                while (!called && at < body.length() && body.charAt(at) == '.') {
                    int start = skipSpace(body, at + 1);
                    if (start >= body.length() || !Character.isJavaIdentifierStart(body.charAt(start))) {
                        break;
                    }
                    int stop = identifierEnd(body, start);
                    path.add(body.substring(start, stop));
                    at = skipSpace(body, stop);
                    boolean call = at < body.length() && body.charAt(at) == '(';
                    calls.add(call);
                    if (call) {
                        break; // what a method returns is not known before it runs
                    }
                }
                found.add(new Reference(name, List.copyOf(path), List.copyOf(calls), called, expression));
                i = end;
                previous = 'a';
            } else {
                if (!Character.isWhitespace(c)) {
                    previous = c;
                }
                i++;
            }
        }
    }

    private static int identifierEnd(String body, int start) {
        int i = start + 1;
        while (i < body.length() && Character.isJavaIdentifierPart(body.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipNumber(String body, int start) {
        int i = start;
        while (i < body.length() && (Character.isDigit(body.charAt(i)) || body.charAt(i) == '.')) {
            i++;
        }
        if (i < body.length() && (body.charAt(i) == 'e' || body.charAt(i) == 'E')) {
            i++;
            if (i < body.length() && (body.charAt(i) == '+' || body.charAt(i) == '-')) {
                i++;
            }
            while (i < body.length() && Character.isDigit(body.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    private static int skipSpace(String body, int from) {
        int i = from;
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
            i++;
        }
        return i;
    }
}
