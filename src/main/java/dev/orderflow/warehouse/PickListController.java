package dev.orderflow.warehouse;

import java.util.List;
import java.util.UUID;

import dev.orderflow.system.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PickListController {

    record PickList(UUID orderId, List<PickListItem> items) {
    }

    private final WarehouseService warehouse;

    PickListController(WarehouseService warehouse) {
        this.warehouse = warehouse;
    }

    @GetMapping("/api/orders/{orderId}/pick-list")
    PickList pickList(@PathVariable UUID orderId) {
        List<PickListItem> items = warehouse.pickList(orderId);
        if (items.isEmpty()) {
            throw ApiProblem.notFound("order " + orderId + " has no pick list: unknown, or not yet picking");
        }
        return new PickList(orderId, items);
    }
}
