package dev.orderflow.payment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.orderflow.system.OutboundHttp;
import dev.orderflow.system.RefusedToStart;
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

    /**
     * Refuses the start, naming the property, unless the base URL is an absolute http(s) URL and the name is not
     * the simulated provider's (the name is stored with every refund), and the timeouts are positive and at most
     * {@link OutboundHttp#MAX_TOTAL_TIMEOUT} together.
     */
    void check() {
        List<String> problems = new ArrayList<>();
        if (!OutboundHttp.isAbsoluteHttpUrl(baseUrl)) {
            problems.add("orderflow.payment.http.base-url must be an absolute http or https URL, is '" + baseUrl + "'");
        }
        if (name.isBlank() || name.length() > 50 || SimulatedPaymentProvider.NAME.equals(name)) {
            problems.add("orderflow.payment.http.name must be 1 to 50 characters and not '"
                    + SimulatedPaymentProvider.NAME + "', is '" + name + "'");
        }
        problems.addAll(OutboundHttp.timeoutProblems("orderflow.payment.http", connectTimeout, readTimeout));
        if (!problems.isEmpty()) {
            throw new RefusedToStart("Orderflow refuses to start: " + String.join("; ", problems) + ".",
                    "Correct these properties (docs/configuration.md, section Courier and payment provider).");
        }
    }
}
