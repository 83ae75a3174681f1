package dev.orderflow.inventory;

import java.math.BigDecimal;

/**
 * A catalog entry: what the shop sells, at what price, how big and heavy (grams, millimetres), where it lies,
 * how many one order may hold before it goes to review, and whether it is for sale ({@code active}: new orders
 * refuse an inactive product; orders already placed go on).
 */
public record Product(String sku, String name, BigDecimal unitPrice, int weightGrams, int lengthMm, int widthMm,
        int heightMm, String binLocation, int maxQuantityPerOrder, boolean active) {

    /** An active product. */
    public Product(String sku, String name, BigDecimal unitPrice, int weightGrams, int lengthMm, int widthMm,
            int heightMm, String binLocation, int maxQuantityPerOrder) {
        this(sku, name, unitPrice, weightGrams, lengthMm, widthMm, heightMm, binLocation, maxQuantityPerOrder, true);
    }
}
