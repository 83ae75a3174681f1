package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.support.LocalRunTest;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The service's decision tables run on the caching FEEL engine unless {@code orderflow.engine.cached-feel} is false. */
class ParsedFeelCacheWiringTests extends LocalRunTest {

    @Autowired
    ProcessEngineConfiguration configuration;

    @Test
    void decisionTablesRunOnTheCachingFeelEngine() {
        var dmn = ((ProcessEngineConfigurationImpl) configuration).getDmnEngineConfiguration();

        assertThat(dmn.getFeelEngine()).isInstanceOf(ParsedFeelCache.CachingFeelEngine.class);
    }
}
