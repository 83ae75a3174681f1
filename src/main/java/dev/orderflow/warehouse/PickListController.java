package dev.orderflow.warehouse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;

import dev.orderflow.system.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Warehouse")
@RestController
class PickListController {

    record PickList(UUID orderId, List<PickListItem> items) {
    }

    private final WarehouseService warehouse;

    PickListController(WarehouseService warehouse) {
        this.warehouse = warehouse;
    }

    @Operation(summary = "The order's pick list, sorted by bin location (role STAFF)")
    @ApiResponse(responseCode = "200", description = "The pick list")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @GetMapping("/api/orders/{orderId}/pick-list")
    PickList pickList(@PathVariable UUID orderId) {
        List<PickListItem> items = warehouse.pickList(orderId);
        if (items.isEmpty()) {
            throw ApiProblem.notFound("order " + orderId + " has no pick list: unknown, or not yet picking");
        }
        return new PickList(orderId, items);
    }
}
