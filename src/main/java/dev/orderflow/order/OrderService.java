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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderflow.inventory.InventoryService;
import dev.orderflow.inventory.Product;
import dev.orderflow.system.ApiProblem;
import dev.orderflow.system.ApiProblem.InvalidField;
import dev.orderflow.system.PageRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Order intake, the order store and its timeline. Placing an order writes the order, its idempotency record
 * and (through {@link OrderPlaced}) the start of its process in one transaction.
 */
@Service
public class OrderService {

    /** What {@code POST /api/orders} answers, first time or replayed. */
    public record Placement(UUID orderId, int status, String body) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OrderRepository repository;
    private final InventoryService inventory;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String shopCurrency;
    private final String publicBaseUrl;

    OrderService(OrderRepository repository, InventoryService inventory, ApplicationEventPublisher events,
            ObjectMapper json, PlatformTransactionManager transactions, Clock clock,
            @Value("${orderflow.currency}") String shopCurrency,
            @Value("${orderflow.public-base-url}") String publicBaseUrl) {
        this.repository = repository;
        this.inventory = inventory;
        this.events = events;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
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
            return transaction.execute(status -> store(clientId, idempotencyKey, requestHash, request));
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
        return new Placement(orderId, 201, body);
    }

    private Placement replay(OrderRepository.StoredResponse earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw ApiProblem.unprocessable("Idempotency-Key reused",
                    List.of(new InvalidField("/", "this Idempotency-Key was used before with a different request"
                            + " body; use a new key for a new order")));
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
        return assemble(List.of(row)).get(0);
    }

    @Transactional(readOnly = true)
    public PageRequest.Page<OrderView> list(OrderStatus status, PageRequest page) {
        return page.toPage(assemble(repository.page(status, page.offset(), page.size())), repository.count(status));
    }

    private List<OrderView> assemble(List<OrderRepository.OrderRow> rows) {
        List<UUID> ids = rows.stream().map(OrderRepository.OrderRow::id).toList();
        var lines = repository.lines(ids);
        var timelines = repository.timelines(ids);
        return rows.stream().map(row -> new OrderView(row.id(), row.externalReference(), row.status(),
                row.customer(), row.address(), row.currency(), row.paymentReference(), lines.get(row.id()),
                row.total(), row.courier(), row.trackingNumber(), row.pendingAction(),
                publicBaseUrl + "/track/" + row.id() + "?token=" + row.trackingToken(), row.cancellationReason(),
                null, row.createdAt().toInstant(), timelines.get(row.id()))).toList();
    }

    /** Moves the order to {@code status} and records the step on its timeline. */
    @Transactional
    public void advance(UUID orderId, OrderStatus status, String message) {
        if (!repository.advance(orderId, status, message, OffsetDateTime.now(clock))) {
            throw new IllegalArgumentException("no order " + orderId);
        }
    }

    /** Records a step on the timeline without changing the status. */
    @Transactional
    public void note(UUID orderId, String message) {
        OrderStatus current = repository.find(orderId)
                .orElseThrow(() -> new IllegalArgumentException("no order " + orderId)).status();
        repository.appendTimeline(orderId, current, message, OffsetDateTime.now(clock));
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
