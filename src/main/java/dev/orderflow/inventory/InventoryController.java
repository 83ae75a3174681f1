package dev.orderflow.inventory;

import java.util.List;

import dev.orderflow.system.ApiProblem;
import dev.orderflow.system.PageRequest;
import dev.orderflow.system.RetryingTransactions;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/inventory")
class InventoryController {

    static final int MAX_RESTOCK = 100_000;

    private final InventoryService inventory;
    private final RetryingTransactions retrying;

    InventoryController(InventoryService inventory, RetryingTransactions retrying) {
        this.inventory = inventory;
        this.retrying = retrying;
    }

    @GetMapping
    PageRequest.Page<StockLevel> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return inventory.stockLevels(PageRequest.of(page, size));
    }

    record RestockRequest(Integer quantity) {
    }

    @PostMapping(path = "/{sku}/restock", consumes = MediaType.APPLICATION_JSON_VALUE)
    StockLevel restock(@PathVariable String sku, @RequestBody(required = false) RestockRequest request) {
        Integer quantity = request == null ? null : request.quantity();
        if (quantity == null || quantity < 1 || quantity > MAX_RESTOCK) {
            throw ApiProblem.invalid(List.of(new ApiProblem.InvalidField("/quantity",
                    quantity == null ? "is required" : "must be between 1 and " + MAX_RESTOCK)));
        }
        return retrying.execute(() -> inventory.restock(sku, quantity)).orElseThrow(() -> ApiProblem.notFound("no product with SKU " + sku));
    }

    @GetMapping("/{sku}")
    StockLevel get(@PathVariable String sku) {
        return inventory.stockLevel(sku).orElseThrow(() -> ApiProblem.notFound("no product with SKU " + sku));
    }
}
