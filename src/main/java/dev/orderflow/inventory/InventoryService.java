package dev.orderflow.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.orderflow.system.AfterCommit;
import dev.orderflow.system.PageRequest;
import dev.orderflow.system.RetryingTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog and the stock. Reservations are all-or-nothing per order and keyed by (order, sku), so a
 * step that runs twice reserves once; the database's conditional update makes overselling impossible.
 * Every change of a SKU's stock writes one movement of the stock ledger ({@link StockMovement}) in the
 * transaction of the change, with the figures right after it (docs/decisions/stock-ledger.md).
 */
@Service
public class InventoryService {

    private static final Logger log = LoggerFactory.getLogger(InventoryService.class);
    private static final Duration FIRST_WAKE_UP_RETRY = Duration.ofMinutes(1);
    private static final Duration WAKE_UP_BACKOFF = Duration.ofSeconds(10);
    private static final Duration MAX_WAKE_UP_BACKOFF = Duration.ofMinutes(15);

    private final InventoryRepository repository;
    private final ApplicationEventPublisher events;
    private final RetryingTransactions retrying;
    private final Clock clock;
    // serves waiting orders with stock given back, after the giving back committed, on a thread of its own: the
    // committing transaction (often the engine's) is still bound to the thread that commits it
    private final ExecutorService returns = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "orderflow-stock-returns");
        thread.setDaemon(true);
        return thread;
    });

    InventoryService(InventoryRepository repository, ApplicationEventPublisher events, RetryingTransactions retrying,
            Clock clock) {
        this.repository = repository;
        this.events = events;
        this.retrying = retrying;
        this.clock = clock;
    }

    @PreDestroy
    void stopServingReturns() {
        returns.shutdown();
    }

    /** The catalog's products among {@code skus}, by SKU; unknown SKUs are simply absent. */
    @Transactional(readOnly = true)
    public Map<String, Product> products(Collection<String> skus) {
        return repository.products(skus).stream().collect(Collectors.toMap(Product::sku, Function.identity()));
    }

    /** The stock of one SKU (on hand, reserved, available); empty for an unknown SKU. */
    @Transactional(readOnly = true)
    public Optional<StockLevel> stockLevel(String sku) {
        return repository.stockLevel(sku);
    }

    /** One page of every product's stock level, in SKU order, with the number of products. */
    @Transactional(readOnly = true)
    public PageRequest.Page<StockLevel> stockLevels(PageRequest page) {
        return page.toPage(repository.stockLevels(page.offset(), page.size()), repository.countProducts());
    }

    /**
     * Whether none of {@code lines} could be served from the stock available now (each line's SKU has fewer units
     * available than the line asks for, or is unknown): for customers, "your order is out of stock" rather than
     * "part of it". Reads only; a line served by stock on hand makes it false.
     */
    @Transactional(readOnly = true)
    public boolean noneAvailable(List<StockLine> lines) {
        return !lines.isEmpty() && lines.stream().allMatch(line -> stockLevel(line.sku())
                .map(level -> level.available() < line.quantity()).orElse(true));
    }

    /**
     * Reserves every line of the order or none of them. The stock rows of all lines are locked first, in SKU
     * order, so that two orders never wait for each other's row locks in opposite order; the order's reservation
     * rows come after the stock rows (docs/decisions/lock-order.md). Every line is checked before any is
     * reserved: an order that does not get everything changes no stock and writes no movement.
     */
    @Transactional
    public ReservationResult reserve(UUID orderId, List<StockLine> lines) {
        if (!repository.reservations(orderId, ReservationState.RESERVED).isEmpty()) {
            return ReservationResult.complete();
        }
        List<StockLine> sorted = lines.stream().sorted(Comparator.comparing(StockLine::sku)).toList();
        // the figures are read under the rows' locks, held to the commit: nobody changes them before the updates
        Map<String, InventoryRepository.Figures> figures = repository.lockStockFigures(
                sorted.stream().map(StockLine::sku).collect(Collectors.toCollection(TreeSet::new)));
        List<String> unavailable = sorted.stream().filter(line -> {
            InventoryRepository.Figures stock = figures.get(line.sku());
            return stock == null || stock.onHand() - stock.reserved() < line.quantity();
        }).map(StockLine::sku).toList();
        if (!unavailable.isEmpty()) {
            return ReservationResult.outOfStock(unavailable);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (StockLine line : sorted) {
            // still the database's conditional update: the check above is not what keeps stock from overselling
            if (!repository.tryReserve(line.sku(), line.quantity())) {
                throw new ConcurrencyFailureException("stock of " + line.sku() + " changed under its row lock");
            }
            repository.recordMovement(line.sku(), MovementType.RESERVATION, line.quantity(), orderId, null, null,
                    null);
        }
        repository.deleteReservations(orderId, ReservationState.RELEASED);
        sorted.forEach(line -> repository.insertReservation(orderId, line, now));
        return ReservationResult.complete();
    }

    /**
     * The reserved goods left with the courier: one {@code SHIPMENT} movement per line. Doing it twice changes
     * nothing.
     */
    @Transactional
    public void ship(UUID orderId) {
        List<StockLine> reserved = repository.reservations(orderId, ReservationState.RESERVED);
        for (StockLine line : reserved) {
            repository.consume(line.sku(), line.quantity());
            repository.recordMovement(line.sku(), MovementType.SHIPMENT, line.quantity(), orderId, null, null, null);
            repository.markReservation(orderId, line.sku(), ReservationState.RESERVED, ReservationState.SHIPPED);
        }
    }

    /**
     * Gives an order's reservations back to available stock and stops its wait for a restock. Once this
     * transaction has committed, the orders waiting for the SKUs given back are served as a restock serves them
     * ({@link #restock}). Doing it twice changes nothing.
     */
    @Transactional
    public void release(UUID orderId) {
        // exactly the reservations read here are given back, line by line: a restock committing meanwhile may add
        // one that this transaction did not see; it stays reserved, and that restock's wake-up releases it
        List<StockLine> reserved = repository.reservations(orderId, ReservationState.RESERVED);
        for (StockLine line : reserved) {
            giveBack(orderId, line.sku(), line.quantity());
            repository.markReservation(orderId, line.sku(), ReservationState.RESERVED, ReservationState.RELEASED);
        }
        repository.deleteWaits(orderId);
        serveWaitingAfterCommit(reserved.stream().map(StockLine::sku).toList());
    }

    /**
     * The shelf held fewer units of {@code sku} than the books said: the units this order was to take are
     * written off, and its other reservations are given back so it can wait for a restock like any order; once
     * this transaction has committed, orders waiting for what was given back are served as by a restock.
     * <p>
     * In the stock ledger every reservation of the order is given back as a {@code RELEASE} (order id set), and
     * the missing units leave on hand as an {@code ADJUSTMENT} with reason {@link AdjustmentReason#LOST}, no user,
     * and a note naming the order ("Pick shortage of order …: 1 missing on the shelf"), right after the release of
     * {@code sku}. Replaying the two gives the same figures as the write-off, and each step keeps reserved within
     * on hand.
     */
    @Transactional
    public void writeOffShortage(UUID orderId, String sku, int missing) {
        // one pass over the order's reservations in SKU order: stock rows are locked in SKU order everywhere
        List<StockLine> reserved = repository.reservations(orderId, ReservationState.RESERVED);
        boolean writtenOff = false;
        for (StockLine line : reserved) {
            giveBack(orderId, line.sku(), line.quantity());
            if (line.sku().equals(sku)) {
                writeOff(orderId, sku, missing);
                writtenOff = true;
            }
        }
        if (!writtenOff) {
            // the books hold nothing of this SKU for the order (a pick re-run after its reservation went back): the
            // units reserved now belong to other orders, so nothing is taken off; a stock count corrects on hand
            log.warn("Order {} reported {} of {} missing on the shelf without holding a reservation of it: nothing"
                    + " written off; count the shelf and adjust the stock", orderId, missing, sku);
        }
        reserved.forEach(line -> repository.markReservation(orderId, line.sku(), ReservationState.RESERVED,
                ReservationState.RELEASED));
        serveWaitingAfterCommit(reserved.stream().map(StockLine::sku).filter(other -> !other.equals(sku)).toList());
    }

    private void giveBack(UUID orderId, String sku, int quantity) {
        repository.unreserve(sku, quantity);
        repository.recordMovement(sku, MovementType.RELEASE, quantity, orderId, null, null, null);
    }

    private void writeOff(UUID orderId, String sku, int missing) {
        repository.addOnHand(sku, -missing);
        repository.recordMovement(sku, MovementType.ADJUSTMENT, -missing, null, AdjustmentReason.LOST,
                "Pick shortage of order " + orderId + ": " + missing + " missing on the shelf", null);
    }

    /**
     * The order waits for a restock of what it lacks; restocks serve waiting orders oldest first. With
     * {@code fromStockOnHand}, stock that is on hand already (a restock came while the customer was deciding)
     * serves it right after this transaction has committed, as a restock would, instead of the next delivery.
     * Without it (the warehouse found the shelf short: the books may still count goods that are not there) only a
     * restock or a positive adjustment serves it.
     */
    @Transactional
    public void awaitRestock(UUID orderId, List<StockLine> lines, boolean fromStockOnHand) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        lines.forEach(line -> repository.insertWait(orderId, line, now));
        if (fromStockOnHand) {
            serveWaitingAfterCommit(lines.stream().map(StockLine::sku).toList());
        }
    }

    /**
     * Books delivered goods and wakes the orders they serve. The goods are booked in a transaction of their own:
     * on hand grows, and the orders waiting for this SKU get their reservations, longest-waiting first, each
     * all-or-nothing, as far as the stock reaches (an order still short of this SKU stops the queue, one short
     * of another SKU is passed over). Each order served is recorded as a wake-up in that same transaction. Only
     * after the commit is each served order announced by {@link StockReplenished}, one by one: whatever happens
     * to one of them (cancelled meanwhile, its process changed or removed) neither fails the restock nor touches
     * the others, and a wake-up that did not get through stays recorded and is retried
     * ({@link #dueWakeUps(int)}). The ledger gets a {@code RECEIPT} by {@code by}, then the reservations.
     * <p>
     * {@code requestKey} is the request's Idempotency-Key ({@code null}: none), stored on the {@code RECEIPT}: when
     * {@code by} sends it again for the same SKU and quantity, nothing is booked and no order is served; the answer
     * is the SKU's current figures. Two requests racing with one key book once (a unique index on the user's keys
     * decides; the loser answers as a repeat).
     *
     * @param quantity units received, at least 1
     * @param by the API user who booked them
     * @return the new figures, or empty for an unknown SKU
     * @throws StockRequestKeyReusedException when {@code by} used the key before for another stock change
     */
    public Optional<StockLevel> restock(String sku, int quantity, String by, String requestKey) {
        return addAndServe(new StockChangeRequest(sku, MovementType.RECEIPT, quantity, null, null), by, requestKey);
    }

    /**
     * Corrects the SKU's on-hand figure by {@code quantity} (negative: fewer), as a stock count, damage, loss or
     * find; the ledger gets an {@code ADJUSTMENT} with the reason, note and user. A positive adjustment serves the
     * orders waiting for this SKU exactly as {@link #restock} does: the goods are booked whatever happens to any
     * single order's wake-up.
     *
     * {@code requestKey} is kept as {@link #restock} keeps it: the same key for the same SKU, quantity, reason and
     * note books nothing again and answers the current figures.
     *
     * @param quantity non-zero units to add to on hand
     * @param note optional text for the ledger, {@code null} for none
     * @param by the API user who made the correction
     * @param requestKey the request's Idempotency-Key, {@code null} for none
     * @return the new figures, or empty for an unknown SKU
     * @throws StockBelowReservedException when on hand would drop below what is reserved; nothing was changed
     * @throws StockRequestKeyReusedException when {@code by} used the key before for another stock change
     */
    public Optional<StockLevel> adjust(String sku, int quantity, AdjustmentReason reason, String note, String by,
            String requestKey) {
        return addAndServe(new StockChangeRequest(sku, MovementType.ADJUSTMENT, quantity, reason, note), by,
                requestKey);
    }

    private Optional<StockLevel> addAndServe(StockChangeRequest request, String by, String requestKey) {
        Optional<Booked> booked;
        try {
            booked = retrying.execute(() -> book(request, by, requestKey));
        } catch (DuplicateKeyException raced) {
            if (requestKey == null) {
                throw raced;
            }
            // another request with this key committed first (on another SKU's lock, or between our check and
            // insert): everything of ours rolled back; answer as the repeat it is, or refuse another request
            StockChangeRequest earlier = repository.requestOf(by, requestKey).orElseThrow(() -> raced);
            booked = Optional.of(repeated(earlier, request));
        }
        booked.ifPresent(change -> change.served().forEach(this::announce));
        return booked.map(Booked::level);
    }

    private record Booked(StockLevel level, List<UUID> served) {
    }

    private Optional<Booked> book(StockChangeRequest request, String by, String requestKey) {
        String sku = request.sku();
        int quantity = request.quantity();
        // lock order: every stock row this change may touch, in SKU order, before anything else
        SortedSet<String> skus = new TreeSet<>(List.of(sku));
        if (quantity > 0) {
            lockStockOfWaitingOrders(skus);
        } else {
            repository.lockStock(skus);
        }
        if (requestKey != null) {
            // read under the SKU's row lock: a request with this key for this SKU has committed or not started
            Optional<StockChangeRequest> earlier = repository.requestOf(by, requestKey);
            if (earlier.isPresent()) {
                return Optional.of(repeated(earlier.get(), request));
            }
        }
        if (!repository.tryAdjustOnHand(sku, quantity)) {
            Optional<StockLevel> current = repository.stockLevel(sku);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            throw new StockBelowReservedException(sku, quantity, current.get().onHand(), current.get().reserved());
        }
        repository.recordMovement(sku, request.type(), quantity, null, request.reason(), request.note(), by,
                requestKey);
        List<UUID> served = quantity > 0 ? serveWaiting(skus) : List.of();
        return Optional.of(new Booked(repository.stockLevel(sku).orElseThrow(), served));
    }

    /**
     * A request whose key booked {@code earlier}: the same request books nothing and gets the SKU's current
     * figures (what a client retrying after a timeout needs to carry on); another request is refused.
     */
    private Booked repeated(StockChangeRequest earlier, StockChangeRequest request) {
        if (!earlier.equals(request)) {
            throw new StockRequestKeyReusedException(earlier);
        }
        return new Booked(repository.stockLevel(request.sku()).orElseThrow(), List.of());
    }

    /**
     * One page of the SKU's stock movements, newest first (among equal timestamps the later change first).
     *
     * @return the page, or empty for an unknown SKU
     */
    @Transactional(readOnly = true)
    public Optional<PageRequest.Page<StockMovement>> movements(String sku, PageRequest page) {
        if (repository.stockLevel(sku).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(page.toPage(repository.movements(sku, page.offset(), page.size()),
                repository.countMovements(sku)));
    }

    private void lockStockOfWaitingOrders(SortedSet<String> skus) {
        SortedSet<String> locked = new TreeSet<>(skus);
        skus.forEach(sku -> locked.addAll(repository.skusOfOrdersWaitingFor(sku)));
        repository.lockStock(locked);
    }

    /**
     * Serves the orders waiting for these SKUs as far as their available stock reaches, in the caller's
     * transaction, which has locked the stock rows ({@link #lockStockOfWaitingOrders}): per SKU, longest-waiting
     * first, each order all-or-nothing (one still short of this SKU stops its queue, one short of another SKU is
     * passed over), each served order recorded as a wake-up.
     *
     * @return the orders served, to be woken after the commit
     */
    private List<UUID> serveWaiting(SortedSet<String> skus) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<UUID> served = new ArrayList<>();
        for (String sku : skus) {
            // first come, first served (RestockQueue): a later order does not overtake one this SKU cannot serve yet
            served.addAll(RestockQueue.serve(sku, repository.ordersWaitingFor(sku), orderId -> {
                ReservationResult result = reserve(orderId, repository.waitingLines(orderId));
                if (result.reserved()) {
                    repository.deleteWaits(orderId);
                    // woken right after the commit; the retry only picks it up if that did not get through
                    repository.insertWakeUp(orderId, sku, now, now.plus(FIRST_WAKE_UP_RETRY));
                }
                return result;
            }));
        }
        return served;
    }

    /**
     * Reserved stock of these SKUs went back to available in the current transaction: once it has committed,
     * the orders waiting for them are served in a transaction of their own and woken, as after a restock.
     */
    private void serveWaitingAfterCommit(List<String> givenBack) {
        if (givenBack.isEmpty()) {
            return;
        }
        SortedSet<String> skus = new TreeSet<>(givenBack);
        AfterCommit.run(() -> {
            try {
                returns.execute(() -> serveWaitingNow(skus));
            } catch (RejectedExecutionException e) {
                log.warn("Stock of {} given back while shutting down: orders waiting for it are served by the next"
                        + " restock or stock given back", skus);
            }
        });
    }

    private void serveWaitingNow(SortedSet<String> skus) {
        List<UUID> served;
        try {
            served = retrying.execute(() -> {
                lockStockOfWaitingOrders(skus);
                return serveWaiting(skus);
            });
        } catch (RuntimeException e) {
            log.warn("Stock of {} was given back but the orders waiting for it could not be served: {}", skus,
                    e.toString(), e);
            return;
        }
        served.forEach(this::announce);
    }

    private void announce(UUID orderId) {
        try {
            events.publishEvent(new StockReplenished(orderId));
        } catch (RuntimeException e) {
            // the goods are booked and the wake-up recorded: it is retried, the restock stands
            log.warn("Order {} got stock from a restock but could not be woken yet; retried later: {}", orderId,
                    e.toString());
        }
    }

    /** Whether a restock reserved stock for this order and its process has not had the news yet. */
    @Transactional(readOnly = true)
    public boolean wakeUpPending(UUID orderId) {
        return repository.wakeUpExists(orderId);
    }

    /**
     * The order's process has had the news, or the order was dealt with otherwise (released, reconciled): call in
     * the transaction that did it, which has locked the order's row.
     */
    @Transactional
    public void wakeUpDone(UUID orderId) {
        repository.deleteWakeUp(orderId);
    }

    /** Orders whose wake-up is due (again), at most {@code limit}, the longest-due first. */
    @Transactional(readOnly = true)
    public List<UUID> dueWakeUps(int limit) {
        return repository.dueWakeUps(OffsetDateTime.now(clock), limit);
    }

    /**
     * A wake-up did not get through: it is tried again after 10 s, 20 s, 40 s, ... at most every 15 minutes.
     *
     * @return how many attempts failed so far (0 when the wake-up is no longer pending)
     */
    @Transactional
    public int wakeUpFailed(UUID orderId, String error) {
        return repository.wakeUpFailed(orderId, error, attempts -> {
            Duration delay = WAKE_UP_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 10));
            return OffsetDateTime.now(clock).plus(delay.compareTo(MAX_WAKE_UP_BACKOFF) < 0 ? delay : MAX_WAKE_UP_BACKOFF);
        });
    }

    /** Wake-ups not yet delivered: all of them, or those that failed at least once. */
    @Transactional(readOnly = true)
    public long pendingWakeUps(boolean failedOnly) {
        return repository.countWakeUps(failedOnly);
    }
}
