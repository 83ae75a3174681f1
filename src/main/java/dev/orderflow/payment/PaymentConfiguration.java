package dev.orderflow.payment;

import dev.orderflow.system.OutboundHttp;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment provider over HTTP when {@code orderflow.payment.http.base-url} is set; otherwise the simulated
 * one, but only with {@code orderflow.simulation.enabled=true} (the local run's default). With neither the
 * service does not start (system.RequiredAdaptersCheck says so before anything is created).
 */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "orderflow.payment.http", name = "base-url")
    PaymentPort httpPaymentProvider(HttpPaymentProperties properties) {
        properties.check();
        return new HttpPaymentProvider(properties,
                OutboundHttp.client(properties.baseUrl(), properties.connectTimeout(), properties.readTimeout()));
    }

    @Bean
    @ConditionalOnMissingBean(PaymentPort.class)
    @ConditionalOnProperty(name = "orderflow.simulation.enabled", havingValue = "true")
    PaymentPort simulatedPaymentProvider() {
        return new SimulatedPaymentProvider();
    }
}
