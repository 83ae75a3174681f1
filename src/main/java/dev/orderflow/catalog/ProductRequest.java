package dev.orderflow.catalog;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A product as a client sends it: the body of {@code PUT /api/products/{sku}} and one row of an import. Every
 * field may be absent here; {@link ProductRules} says which are required and what they may hold. Sizes in
 * millimetres, weight in grams, {@code unitPrice} money as a string ({@code "12.50"}).
 */
@Schema(name = "ProductRequest")
public record ProductRequest(
        @Schema(description = "Optional in a PUT (the path names it); when given it must equal the path's SKU."
                + " Required in an import row.", example = "MUG-ECO-01") String sku,
        @Schema(description = "1 to 200 characters", example = "Eco mug, bamboo fibre") String name,
        @Schema(description = "Positive, at most 2 decimals, below 1000000") BigDecimal unitPrice,
        @Schema(description = "1 to 1000000", example = "320") Integer weightGrams,
        @Schema(description = "1 to 1000000", example = "120") Integer lengthMm,
        @Schema(description = "1 to 1000000", example = "90") Integer widthMm,
        @Schema(description = "1 to 1000000", example = "100") Integer heightMm,
        @Schema(description = "1 to 32 characters", example = "A-01-03") String binLocation,
        @Schema(description = "1 to 1000, default 1000: more in one order sends the order to review",
                example = "20") Integer maxQuantityPerOrder,
        @Schema(description = "Default true; false takes the product out of sale") Boolean active) {
}
