package dev.orderflow.order;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.inventory.Product;
import dev.orderflow.system.ApiProblem;
import dev.orderflow.system.InvalidField;
import dev.orderflow.system.PageRequest;
import dev.orderflow.system.RetryingTransactions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Order intake, the order store and its timeline. Placing an order writes the order, its idempotency record
 * and (through {@link OrderPlaced}) the start of its process in one transaction.
 */
@Service
public class OrderService {

    /** What {@code POST /api/orders} answers, first time or replayed. */
    public record Placement(UUID orderId, int status, String body) {
    }

    /** The {@code pendingAction} of an order whose customer must choose WAIT or REFUND. */
    public static final String PENDING_STOCK_DECISION = "STOCK_DECISION";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<OrderStatus> HANDED_OVER_OR_ENDED = Set.of(OrderStatus.SHIPPED, OrderStatus.DELIVERED,
            OrderStatus.CANCELLED);

    private final OrderRepository repository;
    private final InventoryService inventory;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final RetryingTransactions retrying;
    private final OrderMetrics metrics;
    private final Clock clock;
    private final String shopCurrency;
    private final String publicBaseUrl;

    OrderService(OrderRepository repository, InventoryService inventory, ApplicationEventPublisher events,
            ObjectMapper json, RetryingTransactions retrying,
            OrderMetrics metrics, Clock clock,
            @Value("${orderflow.currency}") String shopCurrency,
            @Value("${orderflow.public-base-url}") String publicBaseUrl) {
        this.repository = repository;
        this.inventory = inventory;
        this.events = events;
        this.json = json;
        this.retrying = retrying;
        this.metrics = metrics;
        this.clock = clock;
        this.shopCurrency = shopCurrency;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /**
     * Accepts an order (400 and 422 are thrown as {@link ApiProblem}). With an idempotency key, a repeated
     * request gets the first answer again; two requests racing with one key create one order, because the
     * loser's insert of the idempotency record fails on its primary key and its whole transaction rolls back.
     */
    public Placement place(String clientId, String idempotencyKey, PlaceOrderRequest request) {
        List<InvalidField> invalid = OrderRequestValidator.validate(request);
        if (!invalid.isEmpty()) {
            throw ApiProblem.invalid(invalid);
        }
        String requestHash = idempotencyKey == null ? null : hash(request);
        if (idempotencyKey != null) {
            var earlier = repository.storedResponse(clientId, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestHash);
            }
        }
        checkAgainstCatalog(request);
        try {
            return retrying.execute(() -> store(clientId, idempotencyKey, requestHash, request));
        } catch (DuplicateKeyException raced) {
            return repository.storedResponse(clientId, idempotencyKey)
                    .map(earlier -> replay(earlier, requestHash))
                    .orElseThrow(() -> raced);
        }
    }

    private Placement store(String clientId, String idempotencyKey, String requestHash, PlaceOrderRequest request) {
        UUID orderId = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        BigDecimal total = request.lines().stream()
                .map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        repository.insert(orderId, request, total, newTrackingToken(), now);
        repository.appendTimeline(orderId, OrderStatus.RECEIVED, "Order received", now);
        String body = toJson(view(orderId));
        if (idempotencyKey != null) {
            repository.storeResponse(clientId, idempotencyKey,
                    new OrderRepository.StoredResponse(requestHash, orderId, 201, body), now);
        }
        events.publishEvent(new OrderPlaced(orderId));
        metrics.placed();
        return new Placement(orderId, 201, body);
    }

    private Placement replay(OrderRepository.StoredResponse earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw ApiProblem.unprocessable("Idempotency-Key reused", "this Idempotency-Key was used before with a"
                    + " different request body; use a new key for a new order");
        }
        return new Placement(earlier.orderId(), earlier.status(), earlier.body());
    }

    private void checkAgainstCatalog(PlaceOrderRequest request) {
        List<InvalidField> problems = new ArrayList<>();
        if (!shopCurrency.equals(request.currency())) {
            problems.add(new InvalidField("/currency", "this shop sells in " + shopCurrency));
        }
        Set<String> skus = request.lines().stream().map(PlaceOrderRequest.Line::sku).collect(Collectors.toSet());
        Map<String, Product> known = inventory.products(skus);
        for (int i = 0; i < request.lines().size(); i++) {
            String sku = request.lines().get(i).sku();
            if (!known.containsKey(sku)) {
                problems.add(new InvalidField("/lines/" + i + "/sku", "no product with SKU " + sku + " in the catalog"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.unprocessable("The order does not fit the catalog", problems);
        }
    }

    @Transactional(readOnly = true)
    public OrderView view(UUID orderId) {
        var row = repository.find(orderId).orElseThrow(() -> ApiProblem.notFound("no order " + orderId));
        return assemble(List.of(row), true).get(0);
    }

    /**
     * The order as process steps and mails need it: with its lines, without its timeline (an empty list). Every
     * step of every order reads it, so it costs two queries, not three.
     */
    @Transactional(readOnly = true)
    public OrderView forFulfillment(UUID orderId) {
        var row = repository.find(orderId).orElseThrow(() -> new IllegalArgumentException("no order " + orderId));
        return assemble(List.of(row), false).get(0);
    }

    /**
     * The order, if {@code token} is its tracking token. Unknown order and wrong token look the same, and the
     * token is compared in constant time, so neither the page nor its timing tells one from the other.
     */
    @Transactional(readOnly = true)
    public Optional<OrderView> viewWithTrackingToken(UUID orderId, String token) {
        if (token == null) {
            return Optional.empty();
        }
        return repository.find(orderId)
                .filter(row -> MessageDigest.isEqual(row.trackingToken().getBytes(StandardCharsets.US_ASCII),
                        token.getBytes(StandardCharsets.US_ASCII)))
                .map(row -> assemble(List.of(row), true).get(0));
    }

    @Transactional(readOnly = true)
    public PageRequest.Page<OrderView> list(OrderStatus status, PageRequest page) {
        return page.toPage(assemble(repository.page(status, page.offset(), page.size()), true),
                repository.count(status));
    }

    private List<OrderView> assemble(List<OrderRepository.OrderRow> rows, boolean withTimeline) {
        List<UUID> ids = rows.stream().map(OrderRepository.OrderRow::id).toList();
        var lines = repository.lines(ids);
        Map<UUID, List<OrderView.TimelineEntry>> timelines = withTimeline ? repository.timelines(ids) : Map.of();
        return rows.stream().map(row -> new OrderView(row.id(), row.externalReference(), row.status(),
                row.customer(), row.address(), row.currency(), row.paymentReference(), lines.get(row.id()),
                row.total(), row.courier(), row.trackingNumber(),
                row.status() == OrderStatus.AWAITING_STOCK_DECISION ? PENDING_STOCK_DECISION : null,
                trackingUrl(row.id(), row.trackingToken()), row.cancellationReason(),
                row.refundAmount() == null ? null : new OrderView.Refund(row.refundAmount(), row.refundReference()),
                row.createdAt().toInstant(), timelines.getOrDefault(row.id(), List.of()))).toList();
    }

    private String trackingUrl(UUID orderId, String token) {
        return publicBaseUrl + "/track/" + orderId + "?token=" + token;
    }

    /** Moves the order to {@code status} and records the step on its timeline. */
    @Transactional
    public void advance(UUID orderId, OrderStatus status, String message) {
        if (!repository.advance(orderId, status, message, OffsetDateTime.now(clock))) {
            throw new IllegalArgumentException("no order " + orderId);
        }
        metrics.reached(status);
    }

    /**
     * Locks the order's row for the rest of the current transaction and returns its status. Every transaction
     * that touches an order together with stock or its process takes this lock first (the lock order of
     * docs/decisions/lock-order.md: order row, then stock rows in SKU order, then the order's reservation rows,
     * then the engine's rows): two such transactions for one order then queue instead of deadlocking.
     *
     * @throws IllegalArgumentException for an unknown order
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public OrderStatus lock(UUID orderId) {
        return repository.lockStatus(orderId).orElseThrow(() -> new IllegalArgumentException("no order " + orderId));
    }

    /**
     * Orders not yet handed to the courier nor ended ({@code RECEIVED} to {@code PACKED}), by id, at most
     * {@code limit} after {@code after} (null: from the start): for the reconciliation of orders with their process.
     */
    @Transactional(readOnly = true)
    public List<UUID> openOrders(UUID after, int limit) {
        return repository.idsWithStatus(Set.of(OrderStatus.RECEIVED, OrderStatus.UNDER_REVIEW,
                OrderStatus.AWAITING_STOCK_DECISION, OrderStatus.AWAITING_RESTOCK, OrderStatus.PICKING,
                OrderStatus.PACKED), after, limit);
    }

    /** Records a step on the timeline without changing the status. */
    @Transactional
    public void note(UUID orderId, String message) {
        if (!repository.appendTimelineAtCurrentStatus(orderId, message, OffsetDateTime.now(clock))) {
            throw new IllegalArgumentException("no order " + orderId);
        }
    }

    /**
     * The customer chooses WAIT or REFUND for an out-of-stock order. 409 unless a decision is pending: the
     * row lock makes a second, concurrent decision wait and then find none pending.
     */
    public void decideStock(UUID orderId, StockDecision decision) {
        retrying.run(() -> {
            OrderStatus status = repository.lockStatus(orderId)
                    .orElseThrow(() -> ApiProblem.notFound("no order " + orderId));
            if (status != OrderStatus.AWAITING_STOCK_DECISION) {
                throw ApiProblem.conflict("order " + orderId + " has no stock decision pending (status " + status + ")");
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (decision == StockDecision.WAIT) {
                repository.advance(orderId, OrderStatus.AWAITING_RESTOCK, "Customer chose to wait for restock", now);
            } else {
                repository.appendTimeline(orderId, status, "Customer chose a refund", now);
            }
            events.publishEvent(new StockDecisionRequested(orderId, decision));
        });
    }

    /**
     * The customer asks to cancel. Accepted until courier handoff (409 after it, or when cancelled already);
     * the process then releases the stock, refunds and tells the customer.
     */
    public void requestCancellation(UUID orderId, String reason) {
        retrying.run(() -> {
            OrderStatus status = repository.lockStatus(orderId)
                    .orElseThrow(() -> ApiProblem.notFound("no order " + orderId));
            if (HANDED_OVER_OR_ENDED.contains(status)) {
                throw ApiProblem.conflict(status == OrderStatus.CANCELLED ? "order " + orderId + " is already cancelled"
                        : "order " + orderId + " is with the courier already (status " + status + ")");
            }
            events.publishEvent(new CancellationRequested(orderId, reason));
        });
    }

    /** Stock is short: the customer is asked to choose WAIT or REFUND. */
    @Transactional
    public void awaitStockDecision(UUID orderId, List<String> unavailableSkus) {
        advance(orderId, OrderStatus.AWAITING_STOCK_DECISION, "Out of stock: " + String.join(", ", unavailableSkus)
                + "; waiting for the customer to choose wait or refund");
    }

    /** Ends the order CANCELLED with its reason; the refund follows in its own step. */
    @Transactional
    public void cancel(UUID orderId, CancellationReason reason, String message) {
        repository.setCancellationReason(orderId, reason);
        advance(orderId, OrderStatus.CANCELLED, message);
    }

    /** Money went back to the customer. */
    @Transactional
    public void recordRefund(UUID orderId, BigDecimal amount, String reference) {
        repository.setRefund(orderId, amount, reference);
        note(orderId, "Refunded " + amount + " (reference " + reference + ")");
    }

    /** The order is with the courier: status SHIPPED, courier and tracking number shown to the customer. */
    @Transactional
    public void shipped(UUID orderId, String courier, String trackingNumber) {
        repository.setShipment(orderId, courier, trackingNumber);
        advance(orderId, OrderStatus.SHIPPED, "Handed over to " + courier + ", tracking number " + trackingNumber);
    }

    private String hash(PlaceOrderRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toJson(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String newTrackingToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
