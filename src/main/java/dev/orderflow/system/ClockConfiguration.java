package dev.orderflow.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** All times are UTC; tests may replace the clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
