package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderflow.inventory.Product;
import dev.orderflow.system.CustomerFormat;
import org.junit.jupiter.api.Test;

/** The automatic review rules of {@link OrderReviewService}, on orders and products built in memory. */
class OrderReviewRulesTests {

    private static final Product MUG = new Product("MUG", "Eco mug", new BigDecimal("14.90"), 350, 100, 100, 100,
            "A-01", 5);

    private final OrderReviewService review = new OrderReviewService(CustomerFormat.defaults());

    @Test
    void anOrderAtCatalogPriceWithinLimitsAndWithAFullAddressPasses() {
        ReviewFacts facts = review.check(order("Berlin", "10115", "DE", line(5, "14.90")), catalog());

        assertThat(facts.priceMismatch()).isFalse();
        assertThat(facts.quantityAboveLimit()).isFalse();
        assertThat(facts.addressIncomplete()).isFalse();
        assertThat(facts.findings()).isEmpty();
        assertThat(facts.lines()).containsExactly("5 × Eco mug (MUG): ordered at €14.90, catalog €14.90, at most 5 per order");
    }

    @Test
    void anotherPriceThanTheCatalogsIsAMismatchButTrailingZerosAreNot() {
        assertThat(review.check(order("Berlin", "10115", "DE", line(1, "12.00")), catalog()).priceMismatch()).isTrue();
        assertThat(review.check(order("Berlin", "10115", "DE", line(1, "12.00")), catalog()).findings())
                .containsExactly("MUG: ordered at €12.00, catalog price €14.90");
        assertThat(review.check(order("Berlin", "10115", "DE", line(1, "14.9")), catalog()).priceMismatch()).isFalse();
    }

    @Test
    void moreThanTheProductsLimitPerOrderIsFlagged() {
        ReviewFacts facts = review.check(order("Berlin", "10115", "DE", line(6, "14.90")), catalog());

        assertThat(facts.quantityAboveLimit()).isTrue();
        assertThat(facts.findings()).containsExactly("MUG: 6 ordered, at most 5 per order");
    }

    @Test
    void aMissingPostalCodeIsIncompleteWhereTheCountryUsesThem() {
        ReviewFacts germany = review.check(order("Berlin", null, "DE", line(1, "14.90")), catalog());
        ReviewFacts invisible = review.check(order("Berlin", "\u200B", "FR", line(1, "14.90")), catalog());

        assertThat(germany.addressIncomplete()).isTrue();
        assertThat(germany.findings()).containsExactly("shipping address has no postal code, which DE requires");
        assertThat(invisible.addressIncomplete()).as("an invisible character is no postal code").isTrue();
    }

    @Test
    void countriesWithoutPostalCodesNeedNone() {
        for (String country : List.of("HK", "AE", "QA")) {
            assertThat(review.check(order("City", null, country, line(1, "14.90")), catalog()).addressIncomplete())
                    .as(country).isFalse();
        }
        assertThat(OrderReviewService.needsPostalCode("HK")).isFalse();
        assertThat(OrderReviewService.needsPostalCode("DE")).isTrue();
    }

    @Test
    void aMissingCityIsIncompleteEverywhere() {
        ReviewFacts facts = review.check(order(" ", null, "HK", line(1, "14.90")), catalog());

        assertThat(facts.addressIncomplete()).isTrue();
        assertThat(facts.findings()).containsExactly("shipping address has no city");
    }

    @Test
    void theTotalIsTheOrdersAsPlaced() {
        assertThat(review.check(order("Berlin", "10115", "DE", line(2, "14.90")), catalog()).total())
                .isEqualByComparingTo("29.80");
    }

    private static Map<String, Product> catalog() {
        return Map.of(MUG.sku(), MUG);
    }

    private static OrderView.Line line(int quantity, String price) {
        return new OrderView.Line("MUG", "Eco mug", quantity, new BigDecimal(price));
    }

    private static OrderView order(String city, String postalCode, String country, OrderView.Line line) {
        BigDecimal total = line.unitPrice().multiply(BigDecimal.valueOf(line.quantity()));
        return new OrderView(UUID.randomUUID(), null, OrderStatus.RECEIVED,
                new PlaceOrderRequest.Customer("Ada Lovelace", "ada@example.com"),
                new PlaceOrderRequest.Address("1 Main Street", null, city, postalCode, country), "EUR", "pay-1",
                List.of(line), total, null, null, null, "http://localhost/track", null, null, Instant.now(), List.of(),
                List.of());
    }
}
