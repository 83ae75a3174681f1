package dev.orderflow.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import dev.orderflow.inventory.Product;
import dev.orderflow.system.InvalidField;
import dev.orderflow.system.Text;

/**
 * The rules of a product's fields (docs/api.md, Catalog), the same for a PUT and for every import row, and the
 * defaults of the optional ones. Each problem is reported with its JSON Pointer below a prefix ({@code ""} for a
 * PUT body, {@code "/7"} for the eighth import row).
 */
final class ProductRules {

    static final int MAX_NAME = 200;
    static final int MAX_BIN_LOCATION = 32;
    static final int MAX_MEASURE = 1_000_000;
    /**
     * One order line holds at most 1000 units (the order API's limit), so a larger per-order maximum could never
     * apply; 1000 is also the default.
     */
    static final int MAX_QUANTITY_PER_ORDER = 1000;
    static final int DEFAULT_MAX_QUANTITY_PER_ORDER = 1000;
    /** The same ceiling as an order line's price; the column holds 10 digits before the point. */
    static final BigDecimal PRICE_CEILING = new BigDecimal("1000000");


    private ProductRules() {
    }

    /**
     * Adds every problem of {@code product}'s fields other than its SKU to {@code errors}, skipping the fields
     * named in {@code alreadyReported} (a cell that could not even be read).
     */
    static void check(ProductRequest product, String prefix, java.util.Set<String> alreadyReported,
            List<InvalidField> errors) {
        Checker check = new Checker(prefix, alreadyReported, errors);
        check.text("name", product.name(), MAX_NAME);
        check.price("unitPrice", product.unitPrice());
        check.range("weightGrams", product.weightGrams(), true, MAX_MEASURE);
        check.range("lengthMm", product.lengthMm(), true, MAX_MEASURE);
        check.range("widthMm", product.widthMm(), true, MAX_MEASURE);
        check.range("heightMm", product.heightMm(), true, MAX_MEASURE);
        check.text("binLocation", product.binLocation(), MAX_BIN_LOCATION);
        check.range("maxQuantityPerOrder", product.maxQuantityPerOrder(), false, MAX_QUANTITY_PER_ORDER);
    }

    /** The product a valid request stands for, its omitted optional fields at their defaults. */
    static Product toProduct(String sku, ProductRequest request) {
        return new Product(sku, request.name(), request.unitPrice().setScale(2, RoundingMode.UNNECESSARY),
                request.weightGrams(), request.lengthMm(), request.widthMm(), request.heightMm(),
                request.binLocation(),
                request.maxQuantityPerOrder() == null ? DEFAULT_MAX_QUANTITY_PER_ORDER : request.maxQuantityPerOrder(),
                request.active() == null || request.active());
    }

    private record Checker(String prefix, java.util.Set<String> skip, List<InvalidField> errors) {

        void text(String field, String value, int max) {
            if (!skip.contains(field)) {
                Text.problemOfLine(value, true, max).ifPresent(detail -> add(field, detail));
            }
        }

        void price(String field, BigDecimal value) {
            // the string's form (digits, at most 2 decimals, no sign) was checked as it was read (Money)
            if (skip.contains(field)) {
                return;
            }
            if (value == null) {
                add(field, "is required");
            } else if (value.signum() <= 0) {
                add(field, "must be a positive amount");
            } else if (value.compareTo(PRICE_CEILING) >= 0) {
                add(field, "must be less than " + PRICE_CEILING);
            }
        }

        void range(String field, Integer value, boolean required, int max) {
            if (skip.contains(field)) {
                return;
            }
            if (value == null) {
                if (required) {
                    add(field, "is required");
                }
            } else if (value < 1 || value > max) {
                add(field, "must be a whole number from 1 to " + max);
            }
        }

        private void add(String field, String detail) {
            errors.add(new InvalidField(prefix + "/" + field, detail));
        }
    }
}
