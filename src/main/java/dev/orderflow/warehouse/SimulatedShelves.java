package dev.orderflow.warehouse;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated warehouse's shelves: for the SKUs listed in {@code orderflow.simulation.pick-shortage-skus}
 * the picker finds one unit fewer than the books say, once per order.
 */
@ConfigurationProperties("orderflow.simulation")
record SimulatedShelves(List<String> pickShortageSkus) {

    SimulatedShelves {
        pickShortageSkus = pickShortageSkus == null ? List.of() : List.copyOf(pickShortageSkus);
    }

    boolean isShort(String sku) {
        return pickShortageSkus.contains(sku);
    }
}
