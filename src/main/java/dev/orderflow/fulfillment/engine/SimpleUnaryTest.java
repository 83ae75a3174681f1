package dev.orderflow.fulfillment.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input entries analysts write most, decided without the FEEL interpreter: {@code true} and {@code false}
 * on a boolean, {@code > 1000} (also {@code >=}, {@code <}, {@code <=}) on a number, and a list of texts,
 * {@code "DE","AT"} or {@code not("DE","AT")}, on a text. For any other input (null, another type) it has no
 * answer and FEEL decides, so the outcome is always FEEL's ({@code ParsedFeelCacheTests} holds both side by side).
 */
sealed interface SimpleUnaryTest {

    Pattern COMPARISON = Pattern.compile("(<=|>=|<|>)\\s*(-?\\d{1,15}(?:\\.\\d{1,15})?)");
    Pattern TEXTS = Pattern.compile("(not\\(\\s*)?(\"[^\"\\\\]*\"(?:\\s*,\\s*\"[^\"\\\\]*\")*)(\\s*\\))?");
    Pattern TEXT = Pattern.compile("\"([^\"\\\\]*)\"");

    /** True or false, or null when FEEL has to decide for this input. */
    Boolean test(Object input);

    static Optional<SimpleUnaryTest> parse(String expression) {
        String text = expression.strip();
        if (text.equals("true") || text.equals("false")) {
            return Optional.of(new BooleanLiteral(Boolean.parseBoolean(text)));
        }
        Matcher comparison = COMPARISON.matcher(text);
        if (comparison.matches()) {
            return Optional.of(new Comparison(comparison.group(1), new BigDecimal(comparison.group(2))));
        }
        Matcher texts = TEXTS.matcher(text);
        if (texts.matches() && (texts.group(1) == null) == (texts.group(3) == null)) {
            List<String> values = new ArrayList<>();
            Matcher each = TEXT.matcher(texts.group(2));
            while (each.find()) {
                values.add(each.group(1));
            }
            return Optional.of(new Texts(List.copyOf(values), texts.group(1) != null));
        }
        return Optional.empty();
    }

    record BooleanLiteral(boolean expected) implements SimpleUnaryTest {
        @Override
        public Boolean test(Object input) {
            return input instanceof Boolean value ? value == expected : null;
        }
    }

    record Comparison(String operator, BigDecimal bound) implements SimpleUnaryTest {
        @Override
        public Boolean test(Object input) {
            BigDecimal value = decimal(input);
            if (value == null) {
                return null;
            }
            int order = value.compareTo(bound);
            return switch (operator) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
        }

        /** As FEEL sees a Java number: integers exactly, floating point by its decimal text. */
        private static BigDecimal decimal(Object input) {
            if (input instanceof Integer || input instanceof Long || input instanceof Short || input instanceof Byte) {
                return BigDecimal.valueOf(((Number) input).longValue());
            }
            if ((input instanceof Double || input instanceof Float) && Double.isFinite(((Number) input).doubleValue())) {
                return new BigDecimal(input.toString());
            }
            return input instanceof BigDecimal decimal ? decimal : null;
        }
    }

    record Texts(List<String> values, boolean negated) implements SimpleUnaryTest {
        @Override
        public Boolean test(Object input) {
            return input instanceof String text ? values.contains(text) != negated : null;
        }
    }
}
