package dev.orderflow.inventory;

import dev.orderflow.system.ApiProblem;
import dev.orderflow.system.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/inventory")
class InventoryController {

    private final InventoryService inventory;

    InventoryController(InventoryService inventory) {
        this.inventory = inventory;
    }

    @GetMapping
    PageRequest.Page<StockLevel> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return inventory.stockLevels(PageRequest.of(page, size));
    }

    @GetMapping("/{sku}")
    StockLevel get(@PathVariable String sku) {
        return inventory.stockLevel(sku).orElseThrow(() -> ApiProblem.notFound("no product with SKU " + sku));
    }
}
