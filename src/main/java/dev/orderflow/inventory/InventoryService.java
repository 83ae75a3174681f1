package dev.orderflow.inventory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.orderflow.system.PageRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog and the stock. Reservations are all-or-nothing per order and keyed by (order, sku), so a
 * step that runs twice reserves once; the database's conditional update makes overselling impossible.
 */
@Service
public class InventoryService {

    private final InventoryRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InventoryService(InventoryRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Map<String, Product> products(Collection<String> skus) {
        return repository.products(skus).stream().collect(Collectors.toMap(Product::sku, Function.identity()));
    }

    @Transactional(readOnly = true)
    public Optional<StockLevel> stockLevel(String sku) {
        return repository.stockLevel(sku);
    }

    @Transactional(readOnly = true)
    public PageRequest.Page<StockLevel> stockLevels(PageRequest page) {
        return page.toPage(repository.stockLevels(page.offset(), page.size()), repository.countProducts());
    }

    /**
     * Reserves every line of the order or none of them. Lines are taken in SKU order so that two orders
     * never wait for each other's row locks in opposite order.
     */
    @Transactional
    public ReservationResult reserve(UUID orderId, List<StockLine> lines) {
        if (!repository.reservations(orderId, ReservationState.RESERVED).isEmpty()) {
            return ReservationResult.complete();
        }
        repository.deleteReservations(orderId, ReservationState.RELEASED);
        List<StockLine> sorted = lines.stream().sorted(Comparator.comparing(StockLine::sku)).toList();
        List<StockLine> taken = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (StockLine line : sorted) {
            if (repository.tryReserve(line.sku(), line.quantity())) {
                taken.add(line);
            } else {
                unavailable.add(line.sku());
            }
        }
        if (!unavailable.isEmpty()) {
            taken.forEach(line -> repository.unreserve(line.sku(), line.quantity()));
            return ReservationResult.outOfStock(unavailable);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        sorted.forEach(line -> repository.insertReservation(orderId, line, now));
        return ReservationResult.complete();
    }

    /** The reserved goods left with the courier. Doing it twice changes nothing. */
    @Transactional
    public void ship(UUID orderId) {
        List<StockLine> reserved = repository.reservations(orderId, ReservationState.RESERVED);
        reserved.forEach(line -> repository.consume(line.sku(), line.quantity()));
        repository.markReservations(orderId, ReservationState.RESERVED, ReservationState.SHIPPED);
    }

    /**
     * Gives an order's reservations back to available stock and stops its wait for a restock. Doing it twice
     * changes nothing.
     */
    @Transactional
    public void release(UUID orderId) {
        List<StockLine> reserved = repository.reservations(orderId, ReservationState.RESERVED);
        reserved.forEach(line -> repository.unreserve(line.sku(), line.quantity()));
        repository.markReservations(orderId, ReservationState.RESERVED, ReservationState.RELEASED);
        repository.deleteWaits(orderId);
    }

    /**
     * The shelf held fewer units of {@code sku} than the books said: the units this order was to take are
     * written off, and its other reservations are given back so it can wait for a restock like any order.
     */
    @Transactional
    public void writeOffShortage(UUID orderId, String sku, int missing) {
        repository.writeOff(sku, missing);
        List<StockLine> reserved = repository.reservations(orderId, ReservationState.RESERVED);
        reserved.forEach(line -> repository.unreserve(line.sku(),
                line.sku().equals(sku) ? line.quantity() - missing : line.quantity()));
        repository.markReservations(orderId, ReservationState.RESERVED, ReservationState.RELEASED);
    }

    /** The order waits for a restock of what it lacks; restocks serve waiting orders oldest first. */
    @Transactional
    public void awaitRestock(UUID orderId, List<StockLine> lines) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        lines.forEach(line -> repository.insertWait(orderId, line, now));
    }

    /**
     * Adds delivered goods, then reserves for the orders waiting for this SKU, longest-waiting first, each
     * all-or-nothing, as far as the stock reaches: an order still short of this SKU stops the queue,
     * one short of another SKU is passed over. Each order served is announced by {@link StockReplenished}.
     */
    @Transactional
    public Optional<StockLevel> restock(String sku, int quantity) {
        if (!repository.addOnHand(sku, quantity)) {
            return Optional.empty();
        }
        for (UUID orderId : repository.ordersWaitingFor(sku)) {
            ReservationResult result = reserve(orderId, repository.waitingLines(orderId));
            if (result.reserved()) {
                repository.deleteWaits(orderId);
                events.publishEvent(new StockReplenished(orderId));
            } else if (result.unavailableSkus().contains(sku)) {
                // first come, first served: a later order does not overtake one that this SKU cannot serve yet
                break;
            }
        }
        return repository.stockLevel(sku);
    }
}
