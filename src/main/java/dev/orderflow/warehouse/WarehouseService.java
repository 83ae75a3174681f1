package dev.orderflow.warehouse;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.orderflow.inventory.Product;
import dev.orderflow.inventory.StockLine;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pick lists and packing. Both are stored once per order: a step that runs again finds its result.
 */
@Service
public class WarehouseService {

    private final WarehouseRepository repository;
    private final SimulatedShelves shelves;
    private final Clock clock;

    WarehouseService(WarehouseRepository repository, SimulatedShelves shelves, Clock clock) {
        this.repository = repository;
        this.shelves = shelves;
        this.clock = clock;
    }

    /**
     * The pick list of the order, sorted by bin location so the picker walks the aisles once. {@code products}:
     * the catalog's products of the lines' SKUs, by SKU.
     */
    @Transactional
    public List<PickListItem> createPickList(UUID orderId, List<StockLine> lines, Map<String, Product> products) {
        List<PickListItem> existing = repository.pickList(orderId);
        if (!existing.isEmpty()) {
            return existing;
        }
        List<PickListItem> items = lines.stream()
                .map(line -> {
                    Product product = products.get(line.sku());
                    return new PickListItem(line.sku(), product.name(), line.quantity(), product.binLocation());
                })
                .sorted(Comparator.comparing(PickListItem::binLocation).thenComparing(PickListItem::sku))
                .toList();
        repository.insertPickList(orderId, items);
        return items;
    }

    /**
     * Walks the pick list. Returns the first shortage found on the shelf, if any; a shortage is reported once
     * per order and SKU, so picking again after a restock finds the goods.
     */
    @Transactional
    public Optional<Shortage> pick(UUID orderId) {
        for (PickListItem item : repository.pickList(orderId)) {
            if (shelves.isShort(item.sku())) {
                Shortage shortage = new Shortage(item.sku(), item.quantity(), item.quantity() - 1);
                if (repository.insertShortageIfNew(orderId, shortage, OffsetDateTime.now(clock))) {
                    return Optional.of(shortage);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the warehouse found goods of this order missing on the shelf at or after {@code since} (pass when the
     * order last went to picking: such a shortage waits for the warehouse's decision, wait or refund, while the
     * order is still picking).
     */
    @Transactional(readOnly = true)
    public boolean shortageFoundSince(UUID orderId, Instant since) {
        return repository.shortageFoundSince(orderId, since.atOffset(ZoneOffset.UTC));
    }

    /** The order's pick list in walking order (bin location, then SKU); empty until it is created. */
    @Transactional(readOnly = true)
    public List<PickListItem> pickList(UUID orderId) {
        return repository.pickList(orderId);
    }

    /**
     * Packs the order in the smallest fitting recyclable box and weighs the parcel. {@code products}: the
     * catalog's products of the lines' SKUs, by SKU.
     */
    @Transactional
    public Parcel pack(UUID orderId, List<StockLine> lines, Map<String, Product> products) {
        return repository.parcel(orderId).orElseGet(() -> {
            List<PackagePlanner.Item> items = lines.stream()
                    .map(line -> new PackagePlanner.Item(products.get(line.sku()), line.quantity()))
                    .toList();
            PackageType box = PackagePlanner.choose(repository.packageTypes(), items)
                    .orElseThrow(() -> new IllegalStateException("no package type fits order " + orderId
                            + ": add a larger box to package_type or split the order"));
            Parcel parcel = new Parcel(orderId, box.code(), PackagePlanner.weightGrams(box, items));
            repository.insertParcel(parcel, OffsetDateTime.now(clock));
            return parcel;
        });
    }

    /** The order's parcel (box and weight in grams); empty until it is packed. */
    @Transactional(readOnly = true)
    public Optional<Parcel> parcel(UUID orderId) {
        return repository.parcel(orderId);
    }
}
