package dev.orderflow.payment;

import dev.orderflow.system.OutboundHttp;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The payment provider over HTTP when {@code orderflow.payment.http.base-url} is set, simulated otherwise. */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "orderflow.payment.http", name = "base-url")
    PaymentPort httpPaymentProvider(HttpPaymentProperties properties) {
        return new HttpPaymentProvider(properties,
                OutboundHttp.client(properties.baseUrl(), properties.connectTimeout(), properties.readTimeout()));
    }

    @Bean
    @ConditionalOnMissingBean(PaymentPort.class)
    PaymentPort simulatedPaymentProvider() {
        return new SimulatedPaymentProvider();
    }
}
