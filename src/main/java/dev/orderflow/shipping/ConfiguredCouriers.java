package dev.orderflow.shipping;

import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The names of the couriers the service can book, as the courier-selection decision names them: the simulated
 * one (when the simulation is on), those configured under {@code orderflow.couriers.<name>}, and any other
 * {@link CourierPort} bean a developer added.
 */
public record ConfiguredCouriers(SortedSet<String> simulated, SortedSet<String> http, SortedSet<String> other) {

    public ConfiguredCouriers {
        simulated = new TreeSet<>(simulated);
        http = new TreeSet<>(http);
        other = new TreeSet<>(other);
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
}
