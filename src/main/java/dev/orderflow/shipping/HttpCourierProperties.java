package dev.orderflow.shipping;

import java.time.Duration;
import java.util.List;

/**
 * One courier's HTTP API, {@code orderflow.couriers.<name>.*} ({@link CourierProperties}): where it is, the API
 * key sent as bearer token, the service levels it offers, how long to wait for it, and what customers see of it:
 * its {@code display-name} (null: the name) and its {@code tracking-url} template with {@code {trackingNumber}}
 * (null: no link to the courier's own tracking).
 */
record HttpCourierProperties(String baseUrl, String apiKey, List<String> serviceLevels, Duration connectTimeout,
        Duration readTimeout, String displayName, String trackingUrl) {

    static final List<String> DEFAULT_SERVICE_LEVELS = List.of("STANDARD", "EXPRESS_INSURED", "INTERNATIONAL");

    HttpCourierProperties {
        serviceLevels = serviceLevels == null ? DEFAULT_SERVICE_LEVELS : List.copyOf(serviceLevels);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        displayName = displayName == null ? null : displayName.strip();
        trackingUrl = trackingUrl == null || trackingUrl.isBlank() ? null : trackingUrl.strip();
    }
}
