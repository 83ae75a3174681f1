package dev.orderflow.inventory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

import dev.orderflow.system.ApiProblem;
import dev.orderflow.system.InvalidField;
import dev.orderflow.system.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Inventory")
@RestController
@RequestMapping("/api/inventory")
class InventoryController {

    static final int MAX_RESTOCK = 100_000;

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

    record RestockRequest(Integer quantity) {
    }

    @Operation(summary = "Add delivered goods (role STAFF)",
            description = "Orders waiting for this SKU get it, the longest-waiting first, as far as it reaches.")
    @ApiResponse(responseCode = "200", description = "The new stock figures")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @PostMapping(path = "/{sku}/restock", consumes = MediaType.APPLICATION_JSON_VALUE)
    StockLevel restock(@PathVariable String sku, @RequestBody(required = false) RestockRequest request) {
        Integer quantity = request == null ? null : request.quantity();
        if (quantity == null || quantity < 1 || quantity > MAX_RESTOCK) {
            throw ApiProblem.invalid(List.of(new InvalidField("/quantity",
                    quantity == null ? "is required" : "must be between 1 and " + MAX_RESTOCK)));
        }
        // the service books the goods in a transaction of its own (retried on deadlocks), then wakes the orders
        return inventory.restock(sku, quantity).orElseThrow(() -> ApiProblem.notFound("no product with SKU " + sku));
    }

    @Operation(summary = "Stock of one product")
    @ApiResponse(responseCode = "200", description = "On hand, reserved, available")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @GetMapping("/{sku}")
    StockLevel get(@PathVariable String sku) {
        return inventory.stockLevel(sku).orElseThrow(() -> ApiProblem.notFound("no product with SKU " + sku));
    }
}
