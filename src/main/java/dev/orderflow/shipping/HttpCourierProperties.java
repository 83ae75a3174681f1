package dev.orderflow.shipping;

import java.time.Duration;
import java.util.List;

/**
 * One courier's HTTP API, {@code orderflow.couriers.<name>.*} ({@link CourierProperties}): where it is, the API
 * key sent as bearer token, the service levels it offers, and how long to wait for it.
 */
record HttpCourierProperties(String baseUrl, String apiKey, List<String> serviceLevels, Duration connectTimeout,
        Duration readTimeout) {

    static final List<String> DEFAULT_SERVICE_LEVELS = List.of("STANDARD", "EXPRESS_INSURED", "INTERNATIONAL");

    HttpCourierProperties {
        serviceLevels = serviceLevels == null ? DEFAULT_SERVICE_LEVELS : List.copyOf(serviceLevels);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    }
}
