package dev.orderflow.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.orderflow.inventory.Product;
import dev.orderflow.system.CustomerFormat;
import dev.orderflow.system.Text;
import org.springframework.stereotype.Service;

/**
 * The automatic accuracy checks of an accepted order: prices against the catalog, completeness of the
 * address, quantities against each product's per-order limit. Its texts are for staff (the review form and the
 * order's internal notes): lines and findings name the SKU and write money with its currency.
 */
@Service
public class OrderReviewService {

    /** Countries whose addresses have no postal code (ISO 3166-1 alpha-2). */
    static final Set<String> NO_POSTAL_CODE = Set.of("AE", "AG", "AO", "AW", "BF", "BI", "BJ", "BO", "BS", "BW",
            "BZ", "CD", "CF", "CG", "CI", "CK", "CM", "DJ", "DM", "ER", "FJ", "GA", "GD", "GH", "GM", "GQ", "GY",
            "HK", "KI", "KM", "KN", "KP", "LC", "ML", "MO", "MR", "MW", "NR", "NU", "QA", "RW", "SB", "SC", "SL",
            "SR", "ST", "SY", "TD", "TF", "TG", "TK", "TL", "TO", "TV", "UG", "VU", "YE", "ZW");

    private final CustomerFormat format;

    OrderReviewService(CustomerFormat format) {
        this.format = format;
    }

    /**
     * Checks {@code order} (its lines and address; the timeline is not needed) against {@code catalog}, the
     * catalog's products of the order's SKUs by SKU. Reads nothing: the caller passes both in.
     */
    public ReviewFacts check(OrderView order, Map<String, Product> catalog) {
        List<String> findings = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        boolean priceMismatch = false;
        boolean quantityAboveLimit = false;
        for (OrderView.Line line : order.lines()) {
            Product product = catalog.get(line.sku());
            String ordered = format.money(line.unitPrice(), order.currency());
            String catalogPrice = format.money(product.unitPrice(), order.currency());
            lines.add(line.quantity() + " × " + line.name() + " (" + line.sku() + "): ordered at " + ordered
                    + ", catalog " + catalogPrice + ", at most " + product.maxQuantityPerOrder() + " per order");
            if (priceDiffers(line, product)) {
                priceMismatch = true;
                findings.add(line.sku() + ": ordered at " + ordered + ", catalog price " + catalogPrice);
            }
            if (aboveLimit(line, product)) {
                quantityAboveLimit = true;
                findings.add(line.sku() + ": " + line.quantity() + " ordered, at most "
                        + product.maxQuantityPerOrder() + " per order");
            }
        }
        var address = order.shippingAddress();
        // the same notion of "something there" as the request's required texts: invisible characters are nothing
        boolean noCity = !present(address.city());
        boolean noPostalCode = !present(address.postalCode()) && needsPostalCode(address.country());
        if (noCity) {
            findings.add("shipping address has no city");
        }
        if (noPostalCode) {
            findings.add("shipping address has no postal code, which " + address.country() + " requires");
        }
        return new ReviewFacts(priceMismatch, noCity || noPostalCode, quantityAboveLimit, order.total(), findings,
                lines);
    }

    /** Whether the line's price differs from the catalog's (2.50 and 2.5 are the same price). */
    static boolean priceDiffers(OrderView.Line line, Product product) {
        return line.unitPrice().compareTo(product.unitPrice()) != 0;
    }

    /** Whether the line orders more than the product's limit per order. */
    static boolean aboveLimit(OrderView.Line line, Product product) {
        return line.quantity() > product.maxQuantityPerOrder();
    }

    /** Whether an address in {@code country} (ISO 3166-1 alpha-2) needs a postal code. */
    static boolean needsPostalCode(String country) {
        return !NO_POSTAL_CODE.contains(country);
    }

    private static boolean present(String text) {
        return text != null && Text.hasVisibleCharacter(text);
    }
}
