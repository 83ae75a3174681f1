package dev.orderflow.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.orderflow.inventory.InventoryService;
import dev.orderflow.inventory.Product;
import dev.orderflow.system.Text;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The automatic accuracy checks of an accepted order: prices against the catalog, completeness of the
 * address, quantities against each product's per-order limit.
 */
@Service
public class OrderReviewService {

    /** Countries whose addresses have no postal code (ISO 3166-1 alpha-2). */
    static final Set<String> NO_POSTAL_CODE = Set.of("AE", "AG", "AO", "AW", "BF", "BI", "BJ", "BO", "BS", "BW",
            "BZ", "CD", "CF", "CG", "CI", "CK", "CM", "DJ", "DM", "ER", "FJ", "GA", "GD", "GH", "GM", "GQ", "GY",
            "HK", "KI", "KM", "KN", "KP", "LC", "ML", "MO", "MR", "MW", "NR", "NU", "QA", "RW", "SB", "SC", "SL",
            "SR", "ST", "SY", "TD", "TF", "TG", "TK", "TL", "TO", "TV", "UG", "VU", "YE", "ZW");

    private final OrderService orders;
    private final InventoryService inventory;

    OrderReviewService(OrderService orders, InventoryService inventory) {
        this.orders = orders;
        this.inventory = inventory;
    }

    @Transactional(readOnly = true)
    public ReviewFacts check(UUID orderId) {
        OrderView order = orders.view(orderId);
        Map<String, Product> catalog = inventory.products(
                order.lines().stream().map(PlaceOrderRequest.Line::sku).toList());
        List<String> findings = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        boolean priceMismatch = false;
        boolean quantityAboveLimit = false;
        for (PlaceOrderRequest.Line line : order.lines()) {
            Product product = catalog.get(line.sku());
            lines.add(line.quantity() + " x " + line.sku() + " (" + product.name() + "): ordered at "
                    + line.unitPrice() + ", catalog " + product.unitPrice() + ", at most "
                    + product.maxQuantityPerOrder() + " per order");
            if (line.unitPrice().compareTo(product.unitPrice()) != 0) {
                priceMismatch = true;
                findings.add(line.sku() + ": ordered at " + line.unitPrice() + ", catalog price "
                        + product.unitPrice());
            }
            if (line.quantity() > product.maxQuantityPerOrder()) {
                quantityAboveLimit = true;
                findings.add(line.sku() + ": " + line.quantity() + " ordered, at most "
                        + product.maxQuantityPerOrder() + " per order");
            }
        }
        var address = order.shippingAddress();
        // the same notion of "something there" as the request's required texts: invisible characters are nothing
        boolean noCity = !present(address.city());
        boolean noPostalCode = !present(address.postalCode()) && !NO_POSTAL_CODE.contains(address.country());
        if (noCity) {
            findings.add("shipping address has no city");
        }
        if (noPostalCode) {
            findings.add("shipping address has no postal code, which " + address.country() + " requires");
        }
        return new ReviewFacts(priceMismatch, noCity || noPostalCode, quantityAboveLimit, order.total(), findings,
                lines);
    }

    private static boolean present(String text) {
        return text != null && Text.hasVisibleCharacter(text);
    }
}
