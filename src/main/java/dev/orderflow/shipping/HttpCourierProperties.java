package dev.orderflow.shipping;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A real courier's HTTP API ({@code orderflow.couriers.http.*}); active when {@code base-url} is set. The
 * courier-selection decision names it by {@code name}.
 */
@ConfigurationProperties("orderflow.couriers.http")
record HttpCourierProperties(String name, String baseUrl, String apiKey, Duration connectTimeout,
        Duration readTimeout, Set<String> serviceLevels) {

    HttpCourierProperties {
        name = name == null ? "courier" : name;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        serviceLevels = serviceLevels == null ? Set.of("STANDARD", "EXPRESS_INSURED", "INTERNATIONAL") : serviceLevels;
    }
}
