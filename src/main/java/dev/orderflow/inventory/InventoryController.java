package dev.orderflow.inventory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.orderflow.system.ApiProblem;
import dev.orderflow.system.ApiRoles;
import dev.orderflow.system.IdempotencyKey;
import dev.orderflow.system.InvalidField;
import dev.orderflow.system.PageRequest;
import dev.orderflow.system.Text;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Inventory")
@RestController
@RequestMapping("/api/inventory")
class InventoryController {

    static final int MAX_RESTOCK = 100_000;
    static final int MAX_ADJUSTMENT = 100_000;
    static final int MAX_NOTE = 500;
    static final String NOT_ENOUGH_STOCK = "Not enough stock on hand";
    static final String KEY_REUSED = "Idempotency-Key reused";
    private static final String KEY_DESCRIPTION = "Optional, 1 to 255 visible ASCII characters, per API user. Send "
            + "it again with the same request after a timeout or a 503: the change is booked once, and a repeat "
            + "answers 200 with the SKU's current figures. The same key for another request (another SKU, "
            + "quantity, reason or note, or a restock after an adjustment) is 422.";

    private final InventoryService inventory;

    InventoryController(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Operation(summary = "Stock of every product, sorted by SKU")
    @ApiResponse(responseCode = "200", description = "The page")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @GetMapping
    PageRequest.Page<StockLevel> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return inventory.stockLevels(PageRequest.of(page, size));
    }

    record RestockRequest(@Schema(description = "Units delivered, 1 to 100000", requiredMode = RequiredMode.REQUIRED,
            minimum = "1", maximum = "100000", example = "25") Integer quantity) {
    }

    @Operation(summary = "Add delivered goods (role STAFF)",
            description = "Orders waiting for this SKU get it, the longest-waiting first, as far as it reaches.")
    @ApiResponse(responseCode = "200", description = "The new stock figures")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "422", description = KEY_REUSED + ": used before for another stock change",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping(path = "/{sku}/restock", consumes = MediaType.APPLICATION_JSON_VALUE)
    StockLevel restock(
            @Parameter(description = Sku.DESCRIPTION, schema = @Schema(type = "string", pattern = Sku.PATTERN,
                    maxLength = Sku.MAX_LENGTH)) @PathVariable String sku,
            @RequestBody(required = false) RestockRequest request,
            @Parameter(description = KEY_DESCRIPTION, schema = @Schema(type = "string",
                    pattern = IdempotencyKey.PATTERN, maxLength = IdempotencyKey.MAX_LENGTH))
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            Principal user) {
        String key = IdempotencyKey.checked(idempotencyKey);
        Integer quantity = request == null ? null : request.quantity();
        List<InvalidField> errors = new ArrayList<>();
        Sku.pathProblem(sku).ifPresent(errors::add);
        if (quantity == null || quantity < 1 || quantity > MAX_RESTOCK) {
            errors.add(new InvalidField("/quantity",
                    quantity == null ? "is required" : "must be between 1 and " + MAX_RESTOCK));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        // the service books the goods in a transaction of its own (retried on deadlocks), then wakes the orders
        return inventory.restock(sku, quantity, user.getName(), key)
                .orElseThrow(() -> ApiProblem.notFound("no product with SKU " + sku));
    }

    /** {@code reason} is text here so that a wrong value is one problem among the others, with its pointer. */
    record AdjustmentRequest(
            @Schema(description = "Added to on hand: a non-zero whole number from -100000 to 100000",
                    requiredMode = RequiredMode.REQUIRED, minimum = "-100000", maximum = "100000", example = "-3",
                    not = Zero.class) Integer quantity,
            @Schema(requiredMode = RequiredMode.REQUIRED,
                    allowableValues = {"COUNT_CORRECTION", "DAMAGED", "LOST", "FOUND"}) String reason,
            @Schema(description = "Optional, at most 500 characters", maxLength = MAX_NOTE, types = {"string", "null"},
                    example = "dropped") String note) {
    }

    /** The one value an adjustment's quantity may not take, for the OpenAPI document's {@code not}. */
    @Schema(name = "Zero", type = "integer", allowableValues = "0")
    private static final class Zero {
    }

    @Operation(summary = "Correct the stock on hand (role STAFF)",
            description = "A stock count correction: quantity (-100000 to 100000, not 0) is added to on hand; reason "
                    + "COUNT_CORRECTION, DAMAGED, LOST or FOUND; note optional, at most 500 characters. 409 when on "
                    + "hand would drop below what is reserved. A positive adjustment serves waiting orders like a "
                    + "restock. Written to the stock ledger as an ADJUSTMENT.")
    @ApiResponse(responseCode = "200", description = "The new stock figures")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "409", description = "Not enough stock on hand: on hand would drop below what is"
            + " reserved", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "422", description = KEY_REUSED + ": used before for another stock change",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping(path = "/{sku}/adjustments", consumes = MediaType.APPLICATION_JSON_VALUE)
    StockLevel adjust(
            @Parameter(description = Sku.DESCRIPTION, schema = @Schema(type = "string", pattern = Sku.PATTERN,
                    maxLength = Sku.MAX_LENGTH)) @PathVariable String sku,
            @RequestBody(required = false) AdjustmentRequest request,
            @Parameter(description = KEY_DESCRIPTION, schema = @Schema(type = "string",
                    pattern = IdempotencyKey.PATTERN, maxLength = IdempotencyKey.MAX_LENGTH))
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            Principal user) {
        String key = IdempotencyKey.checked(idempotencyKey);
        AdjustmentRequest body = request == null ? new AdjustmentRequest(null, null, null) : request;
        List<InvalidField> errors = new ArrayList<>();
        Sku.pathProblem(sku).ifPresent(errors::add);
        if (body.quantity() == null) {
            errors.add(new InvalidField("/quantity", "is required"));
        } else if (body.quantity() == 0 || Math.abs((long) body.quantity()) > MAX_ADJUSTMENT) {
            errors.add(new InvalidField("/quantity", "must be a non-zero whole number from -" + MAX_ADJUSTMENT
                    + " to " + MAX_ADJUSTMENT));
        }
        AdjustmentReason reason = null;
        if (body.reason() == null) {
            errors.add(new InvalidField("/reason",
                    "is required: one of " + Arrays.toString(AdjustmentReason.values())));
        } else {
            reason = Arrays.stream(AdjustmentReason.values()).filter(r -> r.name().equals(body.reason())).findFirst()
                    .orElse(null);
            if (reason == null) {
                errors.add(new InvalidField("/reason", "must be one of " + Arrays.toString(AdjustmentReason.values())));
            }
        }
        Text.problemOfParagraph(body.note(), false, MAX_NOTE)
                .ifPresent(problem -> errors.add(new InvalidField("/note", problem)));
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return inventory.adjust(sku, body.quantity(), reason, body.note(), user.getName(), key)
                .orElseThrow(() -> ApiProblem.notFound("no product with SKU " + sku));
    }

    @ExceptionHandler(StockRequestKeyReusedException.class)
    ResponseEntity<ProblemDetail> keyReused(StockRequestKeyReusedException e) {
        return ApiProblem.unprocessable(KEY_REUSED, e.getMessage()).toResponse();
    }

    @ExceptionHandler(StockBelowReservedException.class)
    ResponseEntity<ProblemDetail> belowReserved(StockBelowReservedException e) {
        return ApiProblem.conflict(NOT_ENOUGH_STOCK, e.getMessage()).toResponse();
    }

    @Operation(summary = "The stock ledger of one product, newest first",
            description = "Every change of the SKU's stock: RECEIPT (on hand + q), ADJUSTMENT (on hand + q), "
                    + "RESERVATION (reserved + q), RELEASE (reserved - q), SHIPMENT (on hand - q, reserved - q), with "
                    + "the figures right after it; replaying them from zero gives the current stock. `note` and `by` "
                    + "only for role STAFF (null for others).")
    @ApiResponse(responseCode = "200", description = "The page")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @GetMapping("/{sku}/movements")
    PageRequest.Page<StockMovement> movements(
            @Parameter(description = Sku.DESCRIPTION, schema = @Schema(type = "string", pattern = Sku.PATTERN,
                    maxLength = Sku.MAX_LENGTH)) @PathVariable String sku,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            Authentication caller) {
        Sku.checkPath(sku);
        PageRequest request = PageRequest.of(page, size);
        var movements = inventory.movements(sku, request)
                .orElseThrow(() -> ApiProblem.notFound("no product with SKU " + sku));
        // a clerk's note ("dropped by Jim") and user names are staff's; storefronts get the figures
        return ApiRoles.isStaff(caller) ? movements : movements.map(StockMovement::withoutStaffDetails);
    }

    @Operation(summary = "Stock of one product")
    @ApiResponse(responseCode = "200", description = "On hand, reserved, available")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @GetMapping("/{sku}")
    StockLevel get(@Parameter(description = Sku.DESCRIPTION, schema = @Schema(type = "string",
            pattern = Sku.PATTERN, maxLength = Sku.MAX_LENGTH)) @PathVariable String sku) {
        Sku.checkPath(sku);
        return inventory.stockLevel(sku).orElseThrow(() -> ApiProblem.notFound("no product with SKU " + sku));
    }
}
