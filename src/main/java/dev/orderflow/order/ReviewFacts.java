package dev.orderflow.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the automatic accuracy checks found about an order. Whether that needs a person is decided
 * elsewhere (by the review rules of the process); {@code findings} says it in words for staff and timeline,
 * {@code lines} shows each line with its ordered and catalog price for the reviewer.
 */
public record ReviewFacts(boolean priceMismatch, boolean addressIncomplete, boolean quantityAboveLimit,
        BigDecimal total, List<String> findings, List<String> lines) {
}
