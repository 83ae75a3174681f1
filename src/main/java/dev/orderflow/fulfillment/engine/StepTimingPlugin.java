package dev.orderflow.fulfillment.engine;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Time per step as a Prometheus timer, {@code orderflow_step_duration_seconds{step="Task_PickItems"}}: every
 * task of every deployed model is measured from its start to its end. A wait (a staff task) measures the wait;
 * a step that started on another node, or before a restart, is not counted.
 */
@Component
class StepTimingPlugin extends AbstractProcessEnginePlugin {

    static final String METRIC = "orderflow.step.duration";

    private final MeterRegistry registry;
    private final Map<String, Long> started = new ConcurrentHashMap<>();

    StepTimingPlugin(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                measure(activity);
            }

            @Override
            public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                measure(activity);
            }

            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                measure(activity);
            }
        });
    }

    private void measure(ActivityImpl activity) {
        activity.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) this::start);
        activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) this::end);
    }

    private void start(DelegateExecution execution) {
        started.put(key(execution), System.nanoTime());
    }

    private void end(DelegateExecution execution) {
        Long start = started.remove(key(execution));
        if (start != null) {
            Timer.builder(METRIC).description("Time from a step's start to its end")
                    .tag("step", execution.getCurrentActivityId())
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private static String key(DelegateExecution execution) {
        return execution.getId() + "/" + execution.getCurrentActivityId();
    }
}
