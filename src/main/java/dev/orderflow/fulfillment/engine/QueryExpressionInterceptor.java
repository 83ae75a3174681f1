package dev.orderflow.fulfillment.engine;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every ad-hoc engine query is itself a command: whether it comes from {@code /engine-rest}, the webapps' API or
 * Java code, whatever the HTTP request looked like, it passes here before its expressions would be evaluated.
 */
class QueryExpressionInterceptor extends CommandInterceptor {

    private static final Logger log = LoggerFactory.getLogger(QueryExpressionInterceptor.class);

    private final ProcessEngineConfigurationImpl engine;

    QueryExpressionInterceptor(ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof AbstractQuery<?, ?> query) {
            try {
                QueryExpressions.refuseIfPresent(query);
            } catch (AuthorizationException refused) {
                Authentication user = engine.getIdentityService().getCurrentAuthentication();
                log.warn("Refused a {} with an expression, sent by {}", query.getClass().getSimpleName(),
                        user == null ? "code running without a Camunda user" : "user " + user.getUserId());
                throw refused;
            }
        }
        return next.execute(command);
    }
}
