package dev.orderflow.fulfillment.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/**
 * Hardening that lives inside the engine, so that it holds whichever way a request comes in ({@code
 * /engine-rest}, the webapps' API, Java code): no expression in any query, ad hoc or stored (filters), at any
 * depth; no variable writes by staff beyond what a task's form allows, no variable reads by staff beyond
 * what a task's card and form show; no process started, moved or fired by
 * hand (modification, start, message, signal, job execution), no claim for somebody else. Each command chain gets interceptors of
 * its own (an interceptor knows the next one in its chain).
 */
@Component
class EngineHardeningPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreCommandInterceptorsTxRequired(with(
                configuration.getCustomPreCommandInterceptorsTxRequired(), configuration));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(with(
                configuration.getCustomPreCommandInterceptorsTxRequiresNew(), configuration));
        List<SessionFactory> sessionFactories = configuration.getCustomSessionFactories() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
        sessionFactories.add(ExpressionFreeFilterManager.FACTORY);
        configuration.setCustomSessionFactories(sessionFactories);
    }

    private static List<CommandInterceptor> with(List<CommandInterceptor> existing,
            ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        interceptors.add(new QueryExpressionInterceptor(configuration));
        interceptors.add(new StaffVariableWriteInterceptor(configuration));
        interceptors.add(new StaffProcessControlInterceptor(configuration));
        interceptors.add(new StaffVariableReadInterceptor(configuration));
        return interceptors;
    }
}
