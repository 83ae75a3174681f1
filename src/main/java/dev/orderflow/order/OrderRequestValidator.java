package dev.orderflow.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.orderflow.inventory.Sku;
import dev.orderflow.system.InvalidField;
import dev.orderflow.system.Text;

/**
 * The request checks of {@code POST /api/orders} that need no database: every problem found is reported,
 * each with a JSON Pointer into the body. Completeness of the address (postal code, city) is not checked
 * here: such an order is accepted and goes to discrepancy review.
 */
final class OrderRequestValidator {

    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 1000;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private final List<InvalidField> errors = new ArrayList<>();

    private OrderRequestValidator() {
    }

    static List<InvalidField> validate(PlaceOrderRequest request) {
        OrderRequestValidator validator = new OrderRequestValidator();
        validator.check(request);
        return validator.errors;
    }

    private void check(PlaceOrderRequest order) {
        optionalText("/externalReference", order.externalReference(), 100);
        optionalText("/paymentReference", order.paymentReference(), 100);
        if (order.customer() == null) {
            missing("/customer");
        } else {
            requiredText("/customer/name", order.customer().name(), 200);
            if (requiredText("/customer/email", order.customer().email(), 320)
                    && !EMAIL.matcher(order.customer().email()).matches()) {
                add("/customer/email", "must be a valid e-mail address");
            }
        }
        if (order.shippingAddress() == null) {
            missing("/shippingAddress");
        } else {
            PlaceOrderRequest.Address address = order.shippingAddress();
            requiredText("/shippingAddress/line1", address.line1(), 200);
            optionalText("/shippingAddress/line2", address.line2(), 200);
            optionalText("/shippingAddress/city", address.city(), 100);
            optionalText("/shippingAddress/postalCode", address.postalCode(), 20);
            if (requiredText("/shippingAddress/country", address.country(), 2)
                    && !COUNTRIES.contains(address.country())) {
                add("/shippingAddress/country", "must be an ISO 3166-1 alpha-2 country code such as \"GB\"");
            }
        }
        if (requiredText("/currency", order.currency(), 3) && !isIsoCurrency(order.currency())) {
            add("/currency", "must be an ISO 4217 currency code such as \"EUR\"");
        }
        checkLines(order.lines());
    }

    private void checkLines(List<PlaceOrderRequest.Line> lines) {
        if (lines == null) {
            missing("/lines");
            return;
        }
        if (lines.isEmpty()) {
            add("/lines", "must have at least 1 line");
            return;
        }
        if (lines.size() > MAX_LINES) {
            add("/lines", "must have at most " + MAX_LINES + " lines");
            return;
        }
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String at = "/lines/" + i;
            PlaceOrderRequest.Line line = lines.get(i);
            if (line == null) {
                add(at, "must be an object");
                continue;
            }
            if (requiredText(at + "/sku", line.sku(), 64)) {
                Optional<String> skuProblem = Sku.problem(line.sku());
                if (skuProblem.isPresent()) {
                    add(at + "/sku", skuProblem.get());
                } else if (!skus.add(line.sku())) {
                    add(at + "/sku", "appears on an earlier line; put the whole quantity on one line");
                }
            }
            if (line.quantity() == null) {
                missing(at + "/quantity");
            } else if (line.quantity() < 1) {
                add(at + "/quantity", "must be at least 1");
            } else if (line.quantity() > MAX_QUANTITY) {
                add(at + "/quantity", "must be at most " + MAX_QUANTITY);
            }
            checkPrice(at + "/unitPrice", line.unitPrice());
        }
    }

    private void checkPrice(String pointer, BigDecimal price) {
        // the form of the string (digits, at most 2 decimals, no sign) is checked as it is read (Money)
        if (price == null) {
            missing(pointer);
        } else if (price.signum() <= 0) {
            add(pointer, "must be a positive amount");
        } else if (price.stripTrailingZeros().scale() > 2) {
            add(pointer, "must have at most 2 decimals");
        } else if (price.compareTo(new BigDecimal("1000000")) >= 0) {
            add(pointer, "must be less than 1000000");
        }
    }

    private static boolean isIsoCurrency(String code) {
        return Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(code));
    }

    /** Single-line text by the API's rules ({@link Text}): limits in characters a person sees, something visible. */
    private boolean requiredText(String pointer, String value, int maxCharacters) {
        return text(pointer, value, true, maxCharacters);
    }

    private boolean optionalText(String pointer, String value, int maxCharacters) {
        return text(pointer, value, false, maxCharacters);
    }

    private boolean text(String pointer, String value, boolean required, int maxCharacters) {
        Optional<String> problem = Text.problemOfLine(value, required, maxCharacters);
        problem.ifPresent(detail -> add(pointer, detail));
        return problem.isEmpty() && value != null;
    }

    private void missing(String pointer) {
        add(pointer, "is required");
    }

    private void add(String pointer, String detail) {
        errors.add(new InvalidField(pointer, detail));
    }
}
