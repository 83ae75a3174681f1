package dev.orderflow.fulfillment.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
     * @param path       the names after it, each after a {@code .} ({@code timeouts}, {@code delivery}), also
     *                   after a call's result ({@code getSingleResult().getEntry(...)}); ends at anything else
     *                   ({@code [}, an operator, the end)
     * @param calls      for each name of {@code path}, whether it is called ({@code name(...)})
     * @param called     whether the root itself is called as a function ({@code now()})
     * @param indexed    whether the chain ends in a bracket ({@code x.y['z']})
     * @param expression the whole {@code ${...}} it is part of
     */
    record Reference(String root, List<String> path, List<Boolean> calls, boolean called, boolean indexed,
            String expression) {
    }

    /** names that reach into Java itself rather than into Orderflow's beans or the order's variables */
    static final Set<String> REFLECTIVE = Set.of("getClass", "class", "forName", "getMethod", "getMethods",
            "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields", "getDeclaredField",
            "getDeclaredFields", "getConstructor", "getConstructors", "getDeclaredConstructor",
            "getDeclaredConstructors", "invoke", "newInstance", "getClassLoader", "classLoader", "loadClass",
            "exec", "getRuntime", "runtime", "setAccessible", "getDeclaringClass", "declaringClass",
            "getSuperclass", "getModule", "module", "getProtectionDomain", "defineClass", "lookup",
            "getContextClassLoader", "currentThread", "getBean", "getBeanFactory", "getApplicationContext",
            "applicationContext", "getEnvironment", "environment", "getProcessEngine", "processEngine",
            "getProcessEngineServices", "processEngineServices");

    private ExpressionScanner() {
    }

    /** @return whether the text holds an expression ({@code ${} or {@code #{}) */
    static boolean hasExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** @return the root references of every expression in the text, in order; empty when it has none */
    static List<Reference> references(String text) {
        List<Reference> found = new ArrayList<>();
        walk(text, found, new ArrayList<>());
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

    /** one reference while its chain is read */
    private static final class Chain {
        final String root;
        final List<String> path = new ArrayList<>();
        final List<Boolean> calls = new ArrayList<>();
        boolean called;
        boolean indexed;

        Chain(String root) {
            this.root = root;
        }
    }

    /**
     * The parts of the expressions in a text that no root check can make safe, each as a sentence saying what
     * to do: a member read or called on something that is not a name (a literal, a parenthesis, a bracket:
     * {@code ''.getClass()}), and a name that reaches into Java itself ({@link #REFLECTIVE}), also in brackets
     * ({@code x['getClass']}).
     *
     * @return one sentence per misuse, in order; empty when there is none
     */
    static List<String> misuses(String text) {
        List<String> misuses = new ArrayList<>();
        walk(text, new ArrayList<>(), misuses);
        return misuses;
    }

    private static void walk(String text, List<Reference> found, List<String> misuses) {
        int i = 0;
        while (i < text.length() - 1) {
            char c = text.charAt(i);
            if ((c == '$' || c == '#') && text.charAt(i + 1) == '{') {
                int end = endOf(text, i + 2);
                scan(text.substring(i + 2, end), text.substring(i, Math.min(end + 1, text.length())), found,
                        misuses);
                i = end + 1;
            } else {
                i++;
            }
        }
    }

    private static void scan(String body, String expression, List<Reference> found, List<String> misuses) {
        List<Chain> chains = new ArrayList<>();
        Deque<Chain> open = new ArrayDeque<>(); // per open '(' or '[': the chain whose call it is, or NONE
        int chainEnd = -1; // where the last chain stopped: a '[' there indexes that chain
        Chain lastChain = null;
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
                previous = 'a';
                if (KEYWORDS.contains(name)) {
                    i = end;
                    continue;
                }
                Chain chain = new Chain(name);
                chains.add(chain);
                int at = skipSpace(body, end);
                if (at < body.length() && body.charAt(at) == '(') {
                    chain.called = true;
                    open.push(chain);
                    i = at + 1;
                    previous = '(';
                    continue;
                }
                at = follow(body, at, chain, open, misuses);
                if (at > 0) {
                    i = at;
                    chainEnd = at;
                    lastChain = chain;
                } else {
                    i = -at;
                    previous = '(';
                }
            } else if (c == ')' || c == ']') {
                Chain chain = open.isEmpty() ? NONE : open.pop();
                previous = c;
                i++;
                if (chain != NONE && c == ')') {
                    int at = follow(body, skipSpace(body, i), chain, open, misuses);
                    if (at > 0) {
                        i = at;
                        chainEnd = at;
                        lastChain = chain;
                    } else {
                        i = -at;
                        previous = '(';
                    }
                }
            } else if (c == '(') {
                open.push(NONE);
                previous = c;
                i++;
            } else if (c == '[') {
                if (i == chainEnd && lastChain != null) {
                    lastChain.indexed = true;
                } else if (Character.isJavaIdentifierPart(previous) || previous == ')' || previous == ']'
                        || previous == '\'' || previous == '"') {
                    misuses.add("reads a member in brackets of something that is not a name (a literal, a"
                            + " parenthesis, a bracket): expressions may only read a bean of Orderflow, a variable"
                            + " or a name the engine provides, starting from that name");
                }
                int key = skipSpace(body, i + 1);
                if (key < body.length() && (body.charAt(key) == '\'' || body.charAt(key) == '"')) {
                    String literal = body.substring(key + 1, Math.max(key + 1, skipString(body, key) - 1));
                    reflective(literal, misuses);
                }
                open.push(NONE);
                previous = c;
                i++;
            } else if (c == '.') {
                int start = skipSpace(body, i + 1);
                if (start < body.length() && Character.isJavaIdentifierStart(body.charAt(start))) {
                    int stop = identifierEnd(body, start);
                    String name = body.substring(start, stop);
                    misuses.add("reads '." + name + "' of something that is not a name (a literal, a parenthesis,"
                            + " a bracket): expressions may only read a bean of Orderflow, a variable or a name the"
                            + " engine provides, starting from that name");
                    reflective(name, misuses);
                    i = stop;
                    previous = 'a';
                } else {
                    previous = c;
                    i++;
                }
            } else {
                if (!Character.isWhitespace(c)) {
                    previous = c;
                }
                i++;
            }
        }
        for (Chain chain : chains) {
            found.add(new Reference(chain.root, List.copyOf(chain.path), List.copyOf(chain.calls), chain.called,
                    chain.indexed, expression));
        }
    }

    /** marks an open '(' or '[' that is no call of a chain */
    private static final Chain NONE = new Chain("");

    /**
     * Reads {@code .name.name(} after a chain. @return the index after the chain, positive, when it ends there;
     * the index after the '(' negated when it ends in a call (the chain goes on after the matching ')')
     */
    private static int follow(String body, int from, Chain chain, Deque<Chain> open, List<String> misuses) {
        int at = from;
        while (at < body.length() && body.charAt(at) == '.') {
            int start = skipSpace(body, at + 1);
            if (start >= body.length() || !Character.isJavaIdentifierStart(body.charAt(start))) {
                break;
            }
            int stop = identifierEnd(body, start);
            String name = body.substring(start, stop);
            reflective(name, misuses);
            chain.path.add(name);
            at = skipSpace(body, stop);
            boolean call = at < body.length() && body.charAt(at) == '(';
            chain.calls.add(call);
            if (call) {
                open.push(chain);
                return -(at + 1);
            }
        }
        return at; // never 0: a chain starts after a name or a ')'
    }

    private static void reflective(String name, List<String> misuses) {
        if (REFLECTIVE.contains(name)) {
            misuses.add("names '" + name + "', which reaches into Java itself (classes, reflection, processes):"
                    + " expressions may only read the order's variables and call the beans of Orderflow");
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
        // a '.' belongs to the number only before a digit: in 1.getClass() it reads a member
        while (i < body.length() && (Character.isDigit(body.charAt(i)) || body.charAt(i) == '.'
                && i + 1 < body.length() && Character.isDigit(body.charAt(i + 1)))) {
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
