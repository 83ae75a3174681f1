package dev.orderflow.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.orderflow.system.PageRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading orders: as the API shows them (with timeline), as process steps and mails need them (with lines, no
 * timeline), by page, and by tracking token for the customer's page. Changes nothing.
 */
@Service
public class OrderQueries {

    private static final Set<OrderStatus> OPEN = OrderStatus.open();

    private final OrderRepository repository;
    private final String publicBaseUrl;

    OrderQueries(OrderRepository repository, @Value("${orderflow.public-base-url}") String publicBaseUrl) {
        this.repository = repository;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /**
     * The order with its lines and timeline, as {@code GET /api/orders/{id}} shows it.
     *
     * @throws OrderNotFoundException for an unknown order
     */
    @Transactional(readOnly = true)
    public OrderView view(UUID orderId) {
        var row = repository.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        return assemble(List.of(row), true).get(0);
    }

    /**
     * The order as process steps and mails need it: with its lines, without its timeline (an empty list). Every
     * step of every order reads it (once: the step passes it on), so it costs two queries, not three.
     *
     * @throws OrderNotFoundException for an unknown order
     */
    @Transactional(readOnly = true)
    public OrderView forFulfillment(UUID orderId) {
        var row = repository.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        return forFulfillment(row);
    }

    OrderView forFulfillment(OrderRepository.OrderRow row) {
        return assemble(List.of(row), false).get(0);
    }

    /** The order's status, one small query; empty for an unknown order. */
    @Transactional(readOnly = true)
    public Optional<OrderStatus> status(UUID orderId) {
        return repository.status(orderId);
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

    /** A page of orders, newest first, of one status or (null) of all. */
    @Transactional(readOnly = true)
    public PageRequest.Page<OrderView> list(OrderStatus status, PageRequest page) {
        return page.toPage(assemble(repository.page(status, page.offset(), page.size()), true),
                repository.count(status));
    }

    /**
     * Orders not yet handed to the courier nor ended ({@code RECEIVED} to {@code PACKED}), by id, at most
     * {@code limit} after {@code after} (null: from the start): for the reconciliation of orders with their process.
     */
    @Transactional(readOnly = true)
    public List<UUID> openOrders(UUID after, int limit) {
        return repository.idsWithStatus(OPEN, after, limit);
    }

    /**
     * The view of an order {@link OrderIntake} has just written, built from what it wrote rather than read back
     * (three queries fewer in every placement): the same as {@link #view} would read in that transaction, given
     * that {@code row.createdAt()} is the timeline entry's time too and has the database's precision
     * (microseconds), and that amounts are stored with 2 decimals.
     */
    OrderView justPlaced(OrderRepository.OrderRow row, List<OrderView.Line> lines, String firstEntry) {
        List<OrderView.Line> stored = lines.stream().map(line -> new OrderView.Line(line.sku(), line.name(),
                line.quantity(), line.unitPrice().setScale(2))).toList();
        var history = new OrderRepository.History(
                List.of(new OrderView.TimelineEntry(row.createdAt().toInstant(), row.status(), firstEntry)), List.of());
        return view(row, stored, history);
    }

    private List<OrderView> assemble(List<OrderRepository.OrderRow> rows, boolean withTimeline) {
        List<UUID> ids = rows.stream().map(OrderRepository.OrderRow::id).toList();
        var lines = repository.lines(ids);
        Map<UUID, OrderRepository.History> histories = withTimeline ? repository.histories(ids) : Map.of();
        var none = new OrderRepository.History(List.of(), List.of());
        return rows.stream().map(row -> view(row, lines.get(row.id()), histories.getOrDefault(row.id(), none)))
                .toList();
    }

    private OrderView view(OrderRepository.OrderRow row, List<OrderView.Line> lines, OrderRepository.History history) {
        return new OrderView(row.id(), row.externalReference(), row.status(),
                row.customer(), row.address(), row.currency(), row.paymentReference(), lines,
                row.total(), row.courier(), row.trackingNumber(),
                row.status() == OrderStatus.AWAITING_STOCK_DECISION ? PendingAction.STOCK_DECISION : null,
                trackingUrl(row.id(), row.trackingToken()), row.cancellationReason(),
                row.refundAmount() == null ? null : new OrderView.Refund(row.refundAmount(), row.refundReference()),
                row.createdAt().toInstant(), history.timeline(), history.internalNotes());
    }

    private String trackingUrl(UUID orderId, String token) {
        return publicBaseUrl + "/track/" + orderId + "?token=" + token;
    }
}
