package dev.orderflow.catalog;

import java.math.BigDecimal;

import dev.orderflow.inventory.Sku;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * A product as a client sends it: the body of {@code PUT /api/products/{sku}} and one row of an import. Every
 * field may be absent here; {@link ProductRules} says which are required and what they may hold. Sizes in
 * millimetres, weight in grams, {@code unitPrice} money as a string ({@code "12.50"}). The {@code @Schema} limits
 * are the OpenAPI document's, and name the range when a number is not a whole number of the field's range.
 */
@Schema(name = "ProductRequest")
public record ProductRequest(
        @Schema(description = "Optional in a PUT (the path names it); when given it must equal the path's SKU."
                + " Required in an import row.", example = "MUG-ECO-01", pattern = Sku.PATTERN,
                maxLength = Sku.MAX_LENGTH) String sku,
        @Schema(description = "1 to 200 characters", example = "Eco mug, bamboo fibre",
                requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = ProductRules.MAX_NAME) String name,
        @Schema(description = "Positive, at most 2 decimals, below 1000000", requiredMode = RequiredMode.REQUIRED)
        BigDecimal unitPrice,
        @Schema(description = "1 to 1000000", example = "320", requiredMode = RequiredMode.REQUIRED, minimum = "1",
                maximum = "1000000") Integer weightGrams,
        @Schema(description = "1 to 1000000", example = "120", requiredMode = RequiredMode.REQUIRED, minimum = "1",
                maximum = "1000000") Integer lengthMm,
        @Schema(description = "1 to 1000000", example = "90", requiredMode = RequiredMode.REQUIRED, minimum = "1",
                maximum = "1000000") Integer widthMm,
        @Schema(description = "1 to 1000000", example = "100", requiredMode = RequiredMode.REQUIRED, minimum = "1",
                maximum = "1000000") Integer heightMm,
        @Schema(description = "1 to 32 characters", example = "A-01-03", requiredMode = RequiredMode.REQUIRED,
                minLength = 1, maxLength = ProductRules.MAX_BIN_LOCATION) String binLocation,
        @Schema(description = "1 to 1000, default 1000: more in one order sends the order to review",
                example = "20", minimum = "1", maximum = "1000", defaultValue = "1000") Integer maxQuantityPerOrder,
        @Schema(description = "Default true; false takes the product out of sale", defaultValue = "true")
        Boolean active) {
}
