package dev.orderflow.fulfillment.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Right;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * FEEL, parsed once. Camunda's FEEL engine parses every expression and every input entry of a decision table
 * each time the table is evaluated, and builds its table of built-in functions anew for every evaluation; for
 * the two decisions on every order's happy path that was the largest single item of the service's CPU profile
 * (bench/RESULTS.md). This engine keeps what it parsed, per expression text, and answers the forms our tables
 * use without the interpreter: an input expression that is just a variable's name (its value), and the input
 * entries of {@link SimpleUnaryTest}. Everything else is evaluated exactly as Camunda does; anything that fails
 * goes through Camunda's own code, so errors read the same.
 */
@Component
@ConditionalOnProperty(name = "orderflow.engine.cached-feel", havingValue = "true", matchIfMissing = true)
class ParsedFeelCache extends AbstractProcessEnginePlugin {

    /** Expression texts come from deployed models; a redeployment with new texts starts the cache afresh. */
    static final int MAX_EXPRESSIONS = 2000;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        dmn.setFeelEngineFactory(() -> new CachingFeelEngine(configuration.getDmnFeelCustomFunctionProviders() == null
                ? List.of() : configuration.getDmnFeelCustomFunctionProviders()));
        configuration.setDmnEngineConfiguration(dmn);
    }

    static final class CachingFeelEngine extends ScalaFeelEngine {

        private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
        private static final Set<String> FEEL_WORDS = Set.of("true", "false", "null", "not", "and", "or", "between",
                "instance", "of", "function", "for", "in", "return", "if", "then", "else", "some", "every",
                "satisfies");

        private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
        private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();
        private final Map<String, Optional<SimpleUnaryTest>> simpleTests = new ConcurrentHashMap<>();

        CachingFeelEngine(List<FeelCustomFunctionProvider> functions) {
            super(functions);
        }

        @Override
        public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
            if (isVariableName(expression) && variables.containsVariable(expression)) {
                @SuppressWarnings("unchecked")
                T value = (T) variables.resolve(expression).getValue();
                return value;
            }
            ParsedExpression parsed = parse(expressions, expression, feelEngine::parseExpression);
            if (parsed != null) {
                Either<FeelEngine.Failure, Object> result = feelEngine.eval(parsed,
                        context(new ContextVariableWrapper(variables)));
                if (result instanceof Right<FeelEngine.Failure, Object> value) {
                    @SuppressWarnings("unchecked")
                    T typed = (T) value.value();
                    return typed;
                }
            }
            return super.evaluateSimpleExpression(expression, variables);
        }

        @Override
        public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
            Optional<SimpleUnaryTest> simple = cached(simpleTests, expression, SimpleUnaryTest::parse);
            if (simple.isPresent() && variables.containsVariable(inputVariable)) {
                Boolean decided = simple.get().test(variables.resolve(inputVariable).getValue());
                if (decided != null) {
                    return decided;
                }
            }
            ParsedExpression parsed = parse(unaryTests, expression, feelEngine::parseUnaryTests);
            if (parsed != null) {
                VariableProvider input = new VariableProvider.StaticVariableProvider(
                        new camundajar.impl.scala.collection.immutable.Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
                Either<FeelEngine.Failure, Object> result = feelEngine.eval(parsed,
                        context(input, new ContextVariableWrapper(variables)));
                if (result instanceof Right<FeelEngine.Failure, Object> value) {
                    return BoxesRunTime.unboxToBoolean(value.value());
                }
            }
            return super.evaluateSimpleUnaryTests(expression, inputVariable, variables);
        }

        /** A plain name: FEEL resolves it to the variable's value, nothing else happens. */
        static boolean isVariableName(String expression) {
            return VARIABLE_NAME.matcher(expression).matches() && !FEEL_WORDS.contains(expression);
        }

        /** The parsed expression, or null when it does not parse (Camunda's engine then reports the error). */
        private static ParsedExpression parse(Map<String, ParsedExpression> cache, String expression,
                Function<String, Either<FeelEngine.Failure, ParsedExpression>> parser) {
            ParsedExpression parsed = cache.get(expression);
            if (parsed == null) {
                Either<FeelEngine.Failure, ParsedExpression> result = parser.apply(expression);
                if (!(result instanceof Right<FeelEngine.Failure, ParsedExpression> value)) {
                    return null;
                }
                parsed = cached(cache, expression, text -> value.value());
            }
            return parsed;
        }

        /** Expression texts come from deployed models; past {@link #MAX_EXPRESSIONS} the cache starts afresh. */
        private static <V> V cached(Map<String, V> cache, String expression, Function<String, V> compute) {
            if (cache.size() >= MAX_EXPRESSIONS) {
                cache.clear();
            }
            return cache.computeIfAbsent(expression, compute);
        }

        private Context context(VariableProvider... providers) {
            VariableProvider variables = providers.length == 1 ? providers[0]
                    : new VariableProvider.CompositeVariableProvider(toScalaList(providers));
            return new CustomContext() {
                @Override
                public VariableProvider variableProvider() {
                    return variables;
                }
            };
        }
    }
}
