package dev.orderflow.inventory;

import java.math.BigDecimal;

/** A catalog entry: what the shop sells, at what price, how big and heavy, and where it lies. */
public record Product(String sku, String name, BigDecimal unitPrice, int weightGrams, int lengthMm, int widthMm,
        int heightMm, String binLocation, int maxQuantityPerOrder) {
}
