package dev.orderflow.order;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.orderflow.system.ApiProblem;
import dev.orderflow.system.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
class OrderController {

    /** 1 to 255 visible ASCII characters. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> place(@RequestBody PlaceOrderRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Principal client) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ApiProblem.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        if (request == null) {
            throw ApiProblem.badRequest("the request body is empty");
        }
        OrderService.Placement placed = orders.place(client.getName(), idempotencyKey, request);
        return ResponseEntity.status(placed.status())
                .location(URI.create("/api/orders/" + placed.orderId()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(placed.body());
    }

    @GetMapping("/{orderId}")
    OrderView get(@PathVariable UUID orderId) {
        return orders.view(orderId);
    }

    record CancellationRequest(String reason) {
    }

    record StockDecisionRequest(String decision) {
    }

    @PostMapping("/{orderId}/cancellation")
    ResponseEntity<Void> cancel(@PathVariable UUID orderId,
            @RequestBody(required = false) CancellationRequest request) {
        String reason = request == null ? null : request.reason();
        if (reason != null && reason.length() > 500) {
            throw ApiProblem.invalid(List.of(new ApiProblem.InvalidField("/reason", "must be at most 500 characters")));
        }
        orders.requestCancellation(orderId, reason);
        return ResponseEntity.accepted().build();
    }

    @PostMapping(path = "/{orderId}/stock-decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> decideStock(@PathVariable UUID orderId,
            @RequestBody(required = false) StockDecisionRequest request) {
        String decision = request == null ? null : request.decision();
        if (!"WAIT".equals(decision) && !"REFUND".equals(decision)) {
            throw ApiProblem.invalid(List.of(new ApiProblem.InvalidField("/decision",
                    decision == null ? "is required: WAIT or REFUND" : "must be WAIT or REFUND")));
        }
        orders.decideStock(orderId, StockDecision.valueOf(decision));
        return ResponseEntity.accepted().build();
    }

    @GetMapping
    PageRequest.Page<OrderView> list(@RequestParam(required = false) OrderStatus status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return orders.list(status, PageRequest.of(page, size));
    }
}
