package dev.orderflow.order;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
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
import dev.orderflow.system.InvalidField;
import dev.orderflow.system.InvalidRequestException;
import dev.orderflow.system.RetryingTransactions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Order intake: checks a new order, stores it (status {@code RECEIVED}, its first timeline line) with its
 * idempotency record, and (through {@link OrderPlaced}) starts its process, all in one transaction.
 */
@Service
public class OrderIntake {

    /**
     * What placing an order gives, first time or replayed: the order's id and its view as JSON (the view at the
     * moment it was first placed, so a replay answers with the same body).
     */
    public record Placement(UUID orderId, String body) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RECEIVED_ENTRY = "Order received";

    private final OrderRepository repository;
    private final OrderQueries queries;
    private final InventoryService inventory;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final RetryingTransactions retrying;
    private final OrderMetrics metrics;
    private final Clock clock;
    private final String shopCurrency;

    OrderIntake(OrderRepository repository, OrderQueries queries, InventoryService inventory,
            ApplicationEventPublisher events, ObjectMapper json, RetryingTransactions retrying, OrderMetrics metrics,
            Clock clock, @Value("${orderflow.currency}") String shopCurrency) {
        this.repository = repository;
        this.queries = queries;
        this.inventory = inventory;
        this.events = events;
        this.json = json;
        this.retrying = retrying;
        this.metrics = metrics;
        this.clock = clock;
        this.shopCurrency = shopCurrency;
    }

    /**
     * Accepts an order. With an idempotency key, a repeated request gets the first answer again; two requests
     * racing with one key create one order, because the loser's insert of the idempotency record fails on its
     * primary key and its whole transaction rolls back.
     *
     * @throws InvalidRequestException for a request that breaks the field rules (each problem with its pointer)
     * @throws OrderRejectedException for an order that does not fit the catalog, or a key reused for another body
     */
    public Placement place(String clientId, String idempotencyKey, PlaceOrderRequest request) {
        List<InvalidField> invalid = OrderRequestValidator.validate(request);
        if (!invalid.isEmpty()) {
            throw new InvalidRequestException(invalid);
        }
        String requestHash = idempotencyKey == null ? null : hash(request);
        if (idempotencyKey != null) {
            var earlier = repository.storedResponse(clientId, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestHash);
            }
        }
        Map<String, String> productNames = checkAgainstCatalog(request);
        try {
            return retrying.execute(() -> store(clientId, idempotencyKey, requestHash, request, productNames));
        } catch (DuplicateKeyException raced) {
            return repository.storedResponse(clientId, idempotencyKey)
                    .map(earlier -> replay(earlier, requestHash))
                    .orElseThrow(() -> raced);
        }
    }

    private Placement store(String clientId, String idempotencyKey, String requestHash, PlaceOrderRequest request,
            Map<String, String> productNames) {
        UUID orderId = UUID.randomUUID();
        // to the microsecond, as the database keeps it: the answer, built from what is written, then equals a read
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        BigDecimal total = request.lines().stream()
                .map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        String trackingToken = newTrackingToken();
        // a new order starts RECEIVED; every later change of its status goes through OrderLifecycle
        repository.insert(orderId, request, productNames, total, trackingToken, now);
        repository.appendTimeline(orderId, OrderStatus.RECEIVED, RECEIVED_ENTRY, now);
        var row = new OrderRepository.OrderRow(orderId, request.externalReference(), OrderStatus.RECEIVED,
                request.customer(), request.shippingAddress(), request.currency(), request.paymentReference(), total,
                trackingToken, null, null, null, null, null, now);
        var lines = request.lines().stream().map(line -> new OrderView.Line(line.sku(), productNames.get(line.sku()),
                line.quantity(), line.unitPrice())).toList();
        String body = toJson(queries.justPlaced(row, lines, RECEIVED_ENTRY).withoutInternalNotes());
        if (idempotencyKey != null) {
            repository.storeResponse(clientId, idempotencyKey,
                    new OrderRepository.StoredResponse(requestHash, orderId, body), now);
        }
        events.publishEvent(new OrderPlaced(orderId));
        metrics.placed();
        return new Placement(orderId, body);
    }

    private Placement replay(OrderRepository.StoredResponse earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw OrderRejectedException.idempotencyKeyReused();
        }
        return new Placement(earlier.orderId(), earlier.body());
    }

    /** The catalog's name of each SKU of the order, or the refusal of an order that does not fit the catalog. */
    private Map<String, String> checkAgainstCatalog(PlaceOrderRequest request) {
        List<InvalidField> problems = new ArrayList<>();
        if (!shopCurrency.equals(request.currency())) {
            problems.add(new InvalidField("/currency", "this shop sells in " + shopCurrency));
        }
        Set<String> skus = request.lines().stream().map(PlaceOrderRequest.Line::sku).collect(Collectors.toSet());
        Map<String, Product> known = inventory.products(skus);
        for (int i = 0; i < request.lines().size(); i++) {
            String sku = request.lines().get(i).sku();
            Product product = known.get(sku);
            if (product == null) {
                problems.add(new InvalidField("/lines/" + i + "/sku", "no product with SKU " + sku + " in the catalog"));
            } else if (!product.active()) {
                // taken out of sale: new orders refuse it, orders already placed go on
                problems.add(new InvalidField("/lines/" + i + "/sku", "product " + sku + " is not for sale"));
            }
        }
        if (!problems.isEmpty()) {
            throw OrderRejectedException.notInCatalog(problems);
        }
        return known.values().stream().collect(Collectors.toMap(Product::sku, Product::name));
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
