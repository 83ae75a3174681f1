package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.orderflow.order.PlaceOrderRequest.Address;
import dev.orderflow.order.PlaceOrderRequest.Customer;
import dev.orderflow.order.PlaceOrderRequest.Line;
import dev.orderflow.system.InvalidField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The field rules of {@code POST /api/orders}, without Spring: each rule with a member it accepts and one it refuses. */
class OrderRequestValidatorTests {

    private static final String EMOJI = "\uD83D\uDE00"; // one character, two UTF-16 units

    private static final PlaceOrderRequest VALID = new PlaceOrderRequest("SHOP-10023",
            new Customer("Ada Lovelace", "ada@example.com"),
            new Address("12 Analytical St", null, "London", "NW1 6XE", "GB"), "EUR", "pay_8f3a21",
            List.of(new Line("MUG-ECO-01", 2, new BigDecimal("12.50"))));

    @Test
    void theExampleOrderHasNoProblems() {
        assertThat(OrderRequestValidator.validate(VALID)).isEmpty();
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        // given
        PlaceOrderRequest broken = new PlaceOrderRequest(null, null, null, "EURO", null, null);

        // when
        List<InvalidField> problems = OrderRequestValidator.validate(broken);

        // then
        assertThat(problems).extracting(InvalidField::pointer)
                .containsExactly("/customer", "/shippingAddress", "/currency", "/lines");
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("customer is required", "/customer", r -> customer(r, new Customer("Ada", "a@example.com")),
                        r -> customer(r, null)),
                rule("name is required", "/customer/name", r -> customer(r, new Customer("A", "a@example.com")),
                        r -> customer(r, new Customer(" ", "a@example.com"))),
                rule("name: at most 200 characters, counted as a person sees them", "/customer/name",
                        r -> customer(r, new Customer(EMOJI.repeat(200), "a@example.com")),
                        r -> customer(r, new Customer(EMOJI.repeat(201), "a@example.com"))),
                rule("e-mail must be an address", "/customer/email",
                        r -> customer(r, new Customer("Ada", "ada.l+shop@mail.example.co.uk")),
                        r -> customer(r, new Customer("Ada", "ada@localhost"))),
                rule("e-mail is required", "/customer/email", r -> customer(r, new Customer("Ada", "a@example.com")),
                        r -> customer(r, new Customer("Ada", null))),
                rule("shipping address is required", "/shippingAddress", r -> address(r, "1 A St", null, "GB"),
                        r -> new PlaceOrderRequest(r.externalReference(), r.customer(), null, r.currency(),
                                r.paymentReference(), r.lines())),
                rule("address line 1 is required", "/shippingAddress/line1", r -> address(r, "1 A St", null, "GB"),
                        r -> address(r, "", null, "GB")),
                rule("address line 2: at most 200 characters", "/shippingAddress/line2",
                        r -> address(r, "1 A St", EMOJI.repeat(200), "GB"),
                        r -> address(r, "1 A St", EMOJI.repeat(201), "GB")),
                rule("country is an ISO 3166-1 alpha-2 code", "/shippingAddress/country",
                        r -> address(r, "1 A St", null, "DE"), r -> address(r, "1 A St", null, "XX")),
                rule("country has two letters", "/shippingAddress/country", r -> address(r, "1 A St", null, "FR"),
                        r -> address(r, "1 A St", null, "FRA")),
                rule("external reference: optional, at most 100 characters", "/externalReference",
                        r -> external(r, null), r -> external(r, "x".repeat(101))),
                rule("external reference: one line", "/externalReference", r -> external(r, "x".repeat(100)),
                        r -> external(r, "SHOP\n1")),
                rule("currency is an ISO 4217 code", "/currency", r -> currency(r, "GBP"), r -> currency(r, "ABC")),
                rule("currency is required", "/currency", r -> currency(r, "EUR"), r -> currency(r, null)),
                rule("lines are required", "/lines", r -> lines(r, List.of(line("A-1", 1, "1.00"))),
                        r -> lines(r, null)),
                rule("at least one line", "/lines", r -> lines(r, List.of(line("A-1", 1, "1.00"))),
                        r -> lines(r, List.of())),
                rule("at most 100 lines", "/lines", r -> lines(r, distinctLines(OrderRequestValidator.MAX_LINES)),
                        r -> lines(r, distinctLines(OrderRequestValidator.MAX_LINES + 1))),
                rule("a line is an object", "/lines/0", r -> lines(r, List.of(line("A-1", 1, "1.00"))),
                        r -> lines(r, Collections.singletonList(null))),
                rule("SKU: letters, digits, '.', '_' or '-'", "/lines/0/sku",
                        r -> lines(r, List.of(line("Mug_eco.01-b", 1, "1.00"))),
                        r -> lines(r, List.of(line("MUG ECO", 1, "1.00")))),
                rule("SKU: may start with '_' (any of the contract's characters), as in the catalog", "/lines/0/sku",
                        r -> lines(r, List.of(line("_MUG", 1, "1.00"))),
                        r -> lines(r, List.of(line("_MUG!", 1, "1.00")))),
                rule("SKU: may start with '-', as in the catalog", "/lines/0/sku",
                        r -> lines(r, List.of(line("-MUG", 1, "1.00"))),
                        r -> lines(r, List.of(line("-MUG X", 1, "1.00")))),
                rule("SKU: not '..', which no URL can name, as in the catalog", "/lines/0/sku",
                        r -> lines(r, List.of(line("...", 1, "1.00"))),
                        r -> lines(r, List.of(line("..", 1, "1.00")))),
                rule("SKU: at most 64 characters", "/lines/0/sku", r -> lines(r, List.of(line("A".repeat(64), 1, "1.00"))),
                        r -> lines(r, List.of(line("A".repeat(65), 1, "1.00")))),
                rule("SKU: once per order", "/lines/1/sku",
                        r -> lines(r, List.of(line("A-1", 1, "1.00"), line("A-2", 1, "1.00"))),
                        r -> lines(r, List.of(line("A-1", 1, "1.00"), line("A-1", 1, "1.00")))),
                rule("quantity is required", "/lines/0/quantity", r -> lines(r, List.of(line("A-1", 1, "1.00"))),
                        r -> lines(r, List.of(line("A-1", null, "1.00")))),
                rule("quantity at least 1", "/lines/0/quantity", r -> lines(r, List.of(line("A-1", 1, "1.00"))),
                        r -> lines(r, List.of(line("A-1", 0, "1.00")))),
                rule("quantity at most 1000", "/lines/0/quantity", r -> lines(r, List.of(line("A-1", 1000, "1.00"))),
                        r -> lines(r, List.of(line("A-1", 1001, "1.00")))),
                rule("unit price is required", "/lines/0/unitPrice", r -> lines(r, List.of(line("A-1", 1, "0.01"))),
                        r -> lines(r, List.of(line("A-1", 1, null)))),
                rule("unit price is positive", "/lines/0/unitPrice", r -> lines(r, List.of(line("A-1", 1, "0.01"))),
                        r -> lines(r, List.of(line("A-1", 1, "0.00")))),
                rule("unit price has at most 2 decimals", "/lines/0/unitPrice",
                        r -> lines(r, List.of(line("A-1", 1, "1.500"))), r -> lines(r, List.of(line("A-1", 1, "1.005")))),
                rule("unit price below 1000000", "/lines/0/unitPrice",
                        r -> lines(r, List.of(line("A-1", 1, "999999.99"))),
                        r -> lines(r, List.of(line("A-1", 1, "1000000")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleAcceptsAValidMemberAndRefusesAnInvalidOneAtItsPointer(String rule, String pointer,
            PlaceOrderRequest valid, PlaceOrderRequest invalid) {
        assertThat(OrderRequestValidator.validate(valid)).as("valid: " + rule).isEmpty();
        assertThat(OrderRequestValidator.validate(invalid)).as("invalid: " + rule)
                .extracting(InvalidField::pointer).containsExactly(pointer);
    }

    private static Arguments rule(String rule, String pointer, UnaryOperator<PlaceOrderRequest> valid,
            UnaryOperator<PlaceOrderRequest> invalid) {
        return Arguments.of(rule, pointer, valid.apply(VALID), invalid.apply(VALID));
    }

    private static PlaceOrderRequest customer(PlaceOrderRequest r, Customer customer) {
        return new PlaceOrderRequest(r.externalReference(), customer, r.shippingAddress(), r.currency(),
                r.paymentReference(), r.lines());
    }

    private static PlaceOrderRequest address(PlaceOrderRequest r, String line1, String line2, String country) {
        return new PlaceOrderRequest(r.externalReference(), r.customer(),
                new Address(line1, line2, "London", "NW1 6XE", country), r.currency(), r.paymentReference(), r.lines());
    }

    private static PlaceOrderRequest external(PlaceOrderRequest r, String reference) {
        return new PlaceOrderRequest(reference, r.customer(), r.shippingAddress(), r.currency(),
                r.paymentReference(), r.lines());
    }

    private static PlaceOrderRequest currency(PlaceOrderRequest r, String currency) {
        return new PlaceOrderRequest(r.externalReference(), r.customer(), r.shippingAddress(), currency,
                r.paymentReference(), r.lines());
    }

    private static PlaceOrderRequest lines(PlaceOrderRequest r, List<Line> lines) {
        return new PlaceOrderRequest(r.externalReference(), r.customer(), r.shippingAddress(), r.currency(),
                r.paymentReference(), lines);
    }

    private static Line line(String sku, Integer quantity, String unitPrice) {
        return new Line(sku, quantity, unitPrice == null ? null : new BigDecimal(unitPrice));
    }

    private static List<Line> distinctLines(int count) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(line("SKU-" + i, 1, "1.00"));
        }
        return lines;
    }
}
