package dev.orderflow.shipping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.orderflow.system.RefusedToStart;
import org.springframework.stereotype.Component;

/**
 * The couriers by name, as the courier-selection decision names them: one {@link HttpCourier} per entry of
 * {@code orderflow.couriers}, plus the {@link CourierPort} beans (the simulated courier when the simulation is
 * on, a courier with an API of another shape that a developer added).
 */
@Component
class Couriers {

    /** What customers see of a courier: read once at start, so showing it never calls a courier. */
    record ForCustomers(String displayName, String trackingUrl) {
    }

    private final Map<String, CourierPort> byName = new LinkedHashMap<>();
    private final Map<String, ForCustomers> forCustomers = new LinkedHashMap<>();
    private final ConfiguredCouriers names;

    Couriers(CourierProperties properties, List<CourierPort> beans) {
        var simulated = new TreeSet<String>();
        var other = new TreeSet<String>();
        for (CourierPort courier : beans) {
            List<String> problems = CourierLinks.problems("courier '" + courier.name() + "' (" + courier.getClass()
                    .getSimpleName() + ")", courier.displayName(), courier.trackingUrl());
            if (!problems.isEmpty()) {
                throw new RefusedToStart("Orderflow refuses to start: " + String.join("; ", problems) + ".",
                        "Correct what the courier's displayName() and trackingUrl() return (docs/extending.md).");
            }
            add(courier);
            (courier instanceof SimulatedCourier ? simulated : other).add(courier.name());
        }
        properties.couriers().forEach((name, courier) -> add(HttpCourier.of(name, courier)));
        var serviceLevels = new TreeMap<String, SortedSet<String>>();
        byName.forEach((name, courier) -> serviceLevels.put(name, new TreeSet<>(courier.serviceLevels())));
        this.names = new ConfiguredCouriers(simulated, new TreeSet<>(properties.couriers().keySet()), other,
                serviceLevels);
    }

    private void add(CourierPort courier) {
        if (byName.putIfAbsent(courier.name(), courier) != null) {
            throw new RefusedToStart("Orderflow refuses to start: two couriers are named '" + courier.name() + "'.",
                    "Give each courier a name of its own.");
        }
        forCustomers.put(courier.name(), new ForCustomers(courier.displayName(), courier.trackingUrl()));
    }

    /** The display name and tracking-URL template of the courier of this name, if one is configured now. */
    java.util.Optional<ForCustomers> forCustomers(String name) {
        return java.util.Optional.ofNullable(forCustomers.get(name));
    }

    /** The names, simulated and real. */
    ConfiguredCouriers names() {
        return names;
    }

    /** The courier and checks the service level; a name the decision table made up is a configuration error. */
    CourierPort get(String name, String serviceLevel) {
        CourierPort courier = get(name);
        if (!courier.serviceLevels().contains(serviceLevel)) {
            throw new IllegalStateException("courier '" + name + "' offers no service level '" + serviceLevel
                    + "'; it offers " + new TreeSet<>(courier.serviceLevels()));
        }
        return courier;
    }

    CourierPort get(String name) {
        CourierPort courier = byName.get(name);
        if (courier == null) {
            throw new IllegalStateException("courier '" + name + "' chosen by the courier-selection decision is not"
                    + " configured; configured: " + names.all());
        }
        return courier;
    }
}
