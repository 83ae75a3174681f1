package dev.orderflow.fulfillment.versions;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Process versions")
@RestController
class ProcessVersionsController {

    record Versions(List<ProcessVersions.Version> items) {
    }

    private final ProcessVersions versions;

    ProcessVersionsController(ProcessVersions versions) {
        this.versions = versions;
    }

    @Operation(summary = "The versions of the order process with orders in flight, newest first",
            description = "Each version's tag, deployment time, orders in flight, and the wait states whose orders"
                    + " cannot move to the newest version (with the element's name and the reason). Orders move to"
                    + " the newest version by themselves within a minute of a deployment where they can.")
    @ApiResponse(responseCode = "200", description = "The versions")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @GetMapping("/api/process/versions")
    Versions list() {
        return new Versions(versions.list());
    }
}
