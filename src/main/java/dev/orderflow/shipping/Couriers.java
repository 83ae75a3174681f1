package dev.orderflow.shipping;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** The configured couriers by name, as the courier-selection decision names them. */
@Component
class Couriers {

    private final Map<String, CourierPort> byName;

    Couriers(List<CourierPort> couriers) {
        this.byName = couriers.stream().collect(Collectors.toMap(CourierPort::name, Function.identity()));
    }

    /** The courier and checks the service level; a name the decision table made up is a configuration error. */
    CourierPort get(String name, String serviceLevel) {
        CourierPort courier = byName.get(name);
        if (courier == null) {
            throw new IllegalStateException("courier '" + name + "' chosen by the courier-selection decision is not"
                    + " configured; configured: " + byName.keySet());
        }
        if (!courier.serviceLevels().contains(serviceLevel)) {
            throw new IllegalStateException("courier '" + name + "' offers no service level '" + serviceLevel
                    + "'; it offers " + courier.serviceLevels());
        }
        return courier;
    }

    CourierPort get(String name) {
        CourierPort courier = byName.get(name);
        if (courier == null) {
            throw new IllegalStateException("courier '" + name + "' is not configured; configured: " + byName.keySet());
        }
        return courier;
    }
}
