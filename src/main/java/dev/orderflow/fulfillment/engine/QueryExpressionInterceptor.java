package dev.orderflow.fulfillment.engine;

import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Every ad-hoc engine query is itself a command: whether it comes from {@code /engine-rest}, the webapps' API or
 * Java code, whatever the HTTP request looked like, it passes here before its expressions would be evaluated.
 */
class QueryExpressionInterceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof AbstractQuery<?, ?> query) {
            QueryExpressions.refuseIfPresent(query);
        }
        return next.execute(command);
    }
}
