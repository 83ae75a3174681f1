package dev.orderflow.fulfillment.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.Validator;

/**
 * Expressions in engine queries ({@code assigneeExpression}, {@code dueDateExpression}, ...) are evaluated on
 * the server with every Spring bean in reach. Orderflow never uses them, so any query that carries one, at the
 * top or in any {@code or()} branch, is refused before anything is evaluated. Camunda's own switches
 * ({@code enable-expressions-in-*-queries}) look at the top level only.
 */
final class QueryExpressions {

    static final String REFUSAL = "Expressions are forbidden in queries, nested ones included";

    /** The validator stored (filter) queries get: checks the whole query, or-branches included, on execution. */
    static final Validator<AbstractQuery<?, ?>> VALIDATOR = QueryExpressions::refuseIfPresent;

    private QueryExpressions() {
    }

    static boolean present(AbstractQuery<?, ?> query) {
        return present(query, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** The query, its or-branches, and theirs (the REST API builds such nests, the engine ignores them). */
    private static boolean present(AbstractQuery<?, ?> query, Set<Object> seen) {
        if (query == null || !seen.add(query)) {
            return false;
        }
        if (query.getExpressions() != null && !query.getExpressions().isEmpty()) {
            return true;
        }
        if (query instanceof TaskQueryImpl task && task.getQueries() != null) {
            for (TaskQueryImpl branch : task.getQueries()) {
                if (present(branch, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @throws AuthorizationException (403 on {@code /engine-rest} and the webapps' API) when the query or one of
     *         its or-branches carries an expression
     */
    static void refuseIfPresent(AbstractQuery<?, ?> query) {
        if (present(query)) {
            throw new AuthorizationException(REFUSAL);
        }
    }
}
