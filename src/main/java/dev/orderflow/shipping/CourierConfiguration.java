package dev.orderflow.shipping;

import dev.orderflow.system.OutboundHttp;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HTTP courier joins the simulated one when its base URL is configured. */
@Configuration(proxyBeanMethods = false)
class CourierConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "orderflow.couriers.http", name = "base-url")
    CourierPort httpCourier(HttpCourierProperties properties) {
        return new HttpCourier(properties,
                OutboundHttp.client(properties.baseUrl(), properties.connectTimeout(), properties.readTimeout()));
    }
}
