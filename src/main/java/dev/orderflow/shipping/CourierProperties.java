package dev.orderflow.shipping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.orderflow.system.OutboundHttp;
import dev.orderflow.system.RefusedToStart;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The HTTP couriers by name, {@code orderflow.couriers.<name>.base-url}, {@code .api-key},
 * {@code .service-levels}, {@code .connect-timeout}, {@code .read-timeout}, {@code .display-name},
 * {@code .tracking-url}. The name is what the courier-selection decision returns and what is stored on the order;
 * customers read the display name. Checked when bound: a name of lower-case letters, digits and dashes
 * (environment variables arrive in lower case; {@code simulated} is the simulated courier's), an absolute http(s)
 * base URL, at least one service level, positive timeouts of at most 30 s together, a display name of 1 to 100
 * characters, a tracking URL that is an absolute http(s) URL with {@code {trackingNumber}} in it; anything else
 * refuses the start naming the property.
 */
@ConfigurationProperties("orderflow")
record CourierProperties(Map<String, HttpCourierProperties> couriers) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,49}");

    CourierProperties {
        couriers = couriers == null ? Map.of() : new TreeMap<>(couriers);
        List<String> problems = new ArrayList<>();
        couriers.forEach((name, courier) -> problems.addAll(problems(name, courier)));
        if (!problems.isEmpty()) {
            throw new RefusedToStart("Orderflow refuses to start: " + String.join("; ", problems) + ".",
                    "Correct these properties (docs/configuration.md, section Courier and payment provider).");
        }
    }

    private static List<String> problems(String name, HttpCourierProperties courier) {
        String prefix = "orderflow.couriers." + name;
        List<String> problems = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            problems.add(prefix + ": the courier's name '" + name + "' must be 1 to 50 lower-case letters, digits"
                    + " and dashes, starting with a letter");
        } else if (SimulatedCourier.NAME.equals(name)) {
            problems.add(prefix + ": the name '" + name + "' belongs to the simulated courier; give the HTTP courier"
                    + " a name of its own");
        }
        if (!OutboundHttp.isAbsoluteHttpUrl(courier.baseUrl())) {
            problems.add(prefix + ".base-url must be an absolute http or https URL, is "
                    + (courier.baseUrl() == null ? "not set" : "'" + courier.baseUrl() + "'"));
        }
        if (courier.serviceLevels().isEmpty() || courier.serviceLevels().stream().anyMatch(String::isBlank)) {
            problems.add(prefix + ".service-levels must name at least one service level, and no empty one");
        }
        problems.addAll(OutboundHttp.timeoutProblems(prefix, courier.connectTimeout(), courier.readTimeout()));
        problems.addAll(CourierLinks.problems(prefix, courier.displayName(), courier.trackingUrl()));
        return problems;
    }
}
