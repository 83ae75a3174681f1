package dev.orderflow.shipping;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The names of the couriers the service can book, as the courier-selection decision names them: the simulated
 * one (when the simulation is on), those configured under {@code orderflow.couriers.<name>}, and any other
 * {@link CourierPort} bean a developer added; and the service levels each of them offers.
 */
public record ConfiguredCouriers(SortedSet<String> simulated, SortedSet<String> http, SortedSet<String> other,
        Map<String, SortedSet<String>> serviceLevels) {

    public ConfiguredCouriers {
        simulated = new TreeSet<>(simulated);
        http = new TreeSet<>(http);
        other = new TreeSet<>(other);
        serviceLevels = new TreeMap<>(serviceLevels);
    }

    /** Every name, sorted. */
    public SortedSet<String> all() {
        SortedSet<String> all = new TreeSet<>(simulated);
        all.addAll(http);
        all.addAll(other);
        return all;
    }

    /** Whether a courier of this name is configured. */
    public boolean contains(String name) {
        return simulated.contains(name) || http.contains(name) || other.contains(name);
    }

    /** The service levels the courier {@code name} offers, sorted; empty for a courier that is not configured. */
    public SortedSet<String> serviceLevelsOf(String name) {
        return serviceLevels.getOrDefault(name, new TreeSet<>());
    }
}
