package dev.orderflow.fulfillment.engine;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.scripting.ExecutableScript;
import org.camunda.bpm.engine.impl.scripting.ScriptFactory;
import org.springframework.stereotype.Component;

/**
 * Orderflow's models run Java delegates and expressions, never scripts. Camunda ships script engines (JUEL,
 * FEEL) that a deployment could otherwise call from a script task, listener, condition or variable mapping;
 * with this plugin any model that contains a script is refused when it is deployed.
 */
@Component
class NoScriptsPlugin extends AbstractProcessEnginePlugin {

    static final String REFUSAL = "scripts are not allowed in Orderflow models: use a Java delegate or an expression";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setScriptFactory(new ScriptFactory() {
            @Override
            public ExecutableScript createScriptFromResource(String language, String resource) {
                throw new ProcessEngineException(REFUSAL);
            }

            @Override
            public ExecutableScript createScriptFromResource(String language, Expression resourceExpression) {
                throw new ProcessEngineException(REFUSAL);
            }

            @Override
            public ExecutableScript createScriptFromSource(String language, String source) {
                throw new ProcessEngineException(REFUSAL);
            }

            @Override
            public ExecutableScript createScriptFromSource(String language, Expression sourceExpression) {
                throw new ProcessEngineException(REFUSAL);
            }
        });
    }
}
