package dev.orderflow.order;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

import dev.orderflow.system.ApiProblem;
import dev.orderflow.system.ApiRoles;
import dev.orderflow.system.IdempotencyKey;
import dev.orderflow.system.InvalidField;
import dev.orderflow.system.PageRequest;
import dev.orderflow.system.Text;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order endpoints of the API ({@code /api/orders}): place (201, replayed as 201 for the same Idempotency-Key
 * and body), read, cancel (202) and the customer's stock decision (202). Domain exceptions become problems in
 * {@link OrderApiProblems}.
 */
@Tag(name = "Orders")
@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final OrderIntake intake;
    private final OrderQueries queries;
    private final OrderLifecycle lifecycle;

    OrderController(OrderIntake intake, OrderQueries queries, OrderLifecycle lifecycle) {
        this.intake = intake;
        this.queries = queries;
        this.lifecycle = lifecycle;
    }

    @Operation(summary = "Place an order", description = "Accepted is not approved: the order then runs through "
            + "review, stock, picking and shipping. Header Idempotency-Key (1-255 visible ASCII characters): the same "
            + "key and body again answers as the first time; the same key with another body is 422.")
    @ApiResponse(responseCode = "201", description = "Accepted, status RECEIVED; Location names the order",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = OrderView.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "422", ref = "#/components/responses/Unprocessable")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> place(@RequestBody PlaceOrderRequest request,
            @io.swagger.v3.oas.annotations.Parameter(description = "Optional, 1 to 255 visible ASCII characters, per"
                    + " API user: the same key and body again answers as the first time (201, the same body), with no"
                    + " second order; the same key with another body is 422.",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string",
                            pattern = IdempotencyKey.PATTERN, maxLength = IdempotencyKey.MAX_LENGTH))
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey, Principal client) {
        IdempotencyKey.checked(idempotencyKey);
        if (request == null) {
            throw ApiProblem.badRequest("the request body is empty");
        }
        OrderIntake.Placement placed = intake.place(client.getName(), idempotencyKey, request);
        // 201 also for a replay: the same key and body answer exactly as the first time did
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/orders/" + placed.orderId()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(placed.body());
    }

    @Operation(summary = "An order with its status, timeline, tracking link and pending action")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @GetMapping("/{orderId}")
    OrderView get(@PathVariable UUID orderId, Authentication caller) {
        return forReader(queries.view(orderId), caller);
    }

    /** Staff get an order's internal notes; every other reader (storefronts) gets the order without them. */
    private static OrderView forReader(OrderView order, Authentication caller) {
        return ApiRoles.isStaff(caller) ? order : order.withoutInternalNotes();
    }

    record CancellationRequest(String reason) {
    }

    record StockDecisionRequest(String decision) {
    }

    @Operation(summary = "Cancel an order", description = "Until courier handoff. Releases the stock, refunds the "
            + "customer and tells them. Body optional: {\"reason\": \"...\"}")
    @ApiResponse(responseCode = "202", description = "The cancellation is under way or done")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @PostMapping("/{orderId}/cancellation")
    ResponseEntity<Void> cancel(@PathVariable UUID orderId,
            @RequestBody(required = false) CancellationRequest request) {
        String reason = request == null ? null : request.reason();
        Text.problemOfParagraph(reason, false, 500).ifPresent(problem -> {
            throw ApiProblem.invalid(List.of(new InvalidField("/reason", problem)));
        });
        lifecycle.requestCancellation(orderId, reason);
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "Decide on an out-of-stock order: WAIT for restock or REFUND",
            description = "Only while pendingAction is STOCK_DECISION.")
    @ApiResponse(responseCode = "202", description = "The decision is taken")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @PostMapping(path = "/{orderId}/stock-decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> decideStock(@PathVariable UUID orderId,
            @RequestBody(required = false) StockDecisionRequest request) {
        String text = request == null ? null : request.decision();
        StockDecision decision = StockDecision.of(text).orElseThrow(() -> ApiProblem.invalid(List.of(
                new InvalidField("/decision", text == null ? "is required: " + StockDecision.allowed()
                        : "must be " + StockDecision.allowed()))));
        lifecycle.decideStock(orderId, decision);
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "A page of orders, newest first, optionally of one status")
    @ApiResponse(responseCode = "200", description = "The page")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @GetMapping
    PageRequest.Page<OrderView> list(@RequestParam(required = false) OrderStatus status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            Authentication caller) {
        var orders = queries.list(status, PageRequest.of(page, size));
        return ApiRoles.isStaff(caller) ? orders : orders.map(OrderView::withoutInternalNotes);
    }
}
