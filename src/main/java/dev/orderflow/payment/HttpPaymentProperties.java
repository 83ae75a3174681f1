package dev.orderflow.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The payment provider's HTTP API ({@code orderflow.payment.http.*}); replaces the simulated one when set. */
@ConfigurationProperties("orderflow.payment.http")
record HttpPaymentProperties(String name, String baseUrl, String apiKey, Duration connectTimeout,
        Duration readTimeout) {

    HttpPaymentProperties {
        name = name == null ? "payment-provider" : name;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    }
}
