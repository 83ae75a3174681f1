package dev.orderflow.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import dev.orderflow.inventory.Product;
import org.junit.jupiter.api.Test;

class PackagePlannerTests {

    private static final PackageType ENVELOPE = new PackageType("ENV", 250, 180, 30, 1000, 40, true);
    private static final PackageType SMALL_BOX = new PackageType("BOX-S", 300, 200, 150, 5000, 180, true);
    private static final PackageType LARGE_BOX = new PackageType("BOX-L", 600, 400, 300, 20000, 550, true);
    private static final PackageType CRATE = new PackageType("CRATE", 1200, 800, 800, 60000, 9000, false);
    private static final List<PackageType> BOXES = List.of(LARGE_BOX, CRATE, SMALL_BOX, ENVELOPE);

    @Test
    void flatItemGoesInTheEnvelope() {
        var shirt = item(product("SHIRT", 250, 180, 20, 180), 1);

        assertThat(PackagePlanner.choose(BOXES, List.of(shirt))).contains(ENVELOPE);
    }

    @Test
    void itemIsTurnedToFitWhateverWayItIsListed() {
        var pen = item(product("PEN", 12, 145, 12, 20), 1);

        assertThat(PackagePlanner.choose(BOXES, List.of(pen))).contains(ENVELOPE);
    }

    @Test
    void tooMuchVolumeForTheSmallBoxTakesTheNextSize() {
        var mugs = item(product("MUG", 120, 90, 100, 320), 8);

        assertThat(PackagePlanner.choose(BOXES, List.of(mugs))).contains(LARGE_BOX);
    }

    @Test
    void weightAboveWhatABoxCarriesTakesTheNextSize() {
        var weights = item(product("DUMBBELL", 100, 100, 100, 2500), 2);

        assertThat(PackagePlanner.choose(BOXES, List.of(weights))).contains(LARGE_BOX);
    }

    @Test
    void nonRecyclableCrateOnlyWhenNothingRecyclableFits() {
        var chair = item(product("CHAIR", 800, 450, 120, 5200), 1);

        assertThat(PackagePlanner.choose(BOXES, List.of(chair))).contains(CRATE);
    }

    @Test
    void nothingFitsAnItemLongerThanEveryBox() {
        var pole = item(product("POLE", 2000, 50, 50, 900), 1);

        assertThat(PackagePlanner.choose(BOXES, List.of(pole))).isEmpty();
    }

    @Test
    void parcelWeighsItsItemsAndTheBox() {
        var mugs = item(product("MUG", 120, 90, 100, 320), 2);

        assertThat(PackagePlanner.weightGrams(SMALL_BOX, List.of(mugs))).isEqualTo(2 * 320 + 180);
    }

    @Test
    void theBoxsOwnWeightCountsAgainstWhatItCarries() {
        // the small box carries 5000 g, of which it weighs 180 g itself
        var justFits = item(product("KETTLEBELL", 100, 100, 100, 5000 - 180), 1);
        var gramTooMuch = item(product("KETTLEBELL", 100, 100, 100, 5000 - 180 + 1), 1);

        assertThat(PackagePlanner.choose(BOXES, List.of(justFits))).contains(SMALL_BOX);
        assertThat(PackagePlanner.choose(BOXES, List.of(gramTooMuch))).contains(LARGE_BOX);
    }

    @Test
    void itemsMayFillAtMostFourFifthsOfABox() {
        // the small box holds 300 x 200 x 150 mm = 9,000,000 mm3, so 7,200,000 mm3 of goods
        var fourFifths = item(product("TIN", 100, 100, 90, 10), 8);
        var aLittleMore = item(product("TIN", 100, 100, 91, 10), 8);

        assertThat(PackagePlanner.FILL_FACTOR).isEqualTo(0.8);
        assertThat(PackagePlanner.choose(BOXES, List.of(fourFifths))).contains(SMALL_BOX);
        assertThat(PackagePlanner.choose(BOXES, List.of(aLittleMore))).contains(LARGE_BOX);
    }

    @Test
    void everyLineMustFitSoOneBulkyItemDecidesForTheWholeOrder() {
        var shirt = item(product("SHIRT", 250, 180, 20, 180), 1);
        var mug = item(product("MUG", 120, 90, 100, 320), 1);

        assertThat(PackagePlanner.choose(BOXES, List.of(shirt, mug))).contains(SMALL_BOX);
    }

    @Test
    void aRecyclableBoxIsChosenOverASmallerOneThatIsNot() {
        var pouch = new PackageType("POUCH", 260, 190, 40, 1000, 20, false);
        var book = item(product("BOOK", 240, 170, 35, 600), 1);

        assertThat(PackagePlanner.choose(List.of(pouch, LARGE_BOX, SMALL_BOX, ENVELOPE), List.of(book)))
                .contains(SMALL_BOX);
        assertThat(PackagePlanner.choose(List.of(pouch), List.of(book))).contains(pouch);
    }

    @Test
    void withoutBoxesNothingIsChosen() {
        var shirt = item(product("SHIRT", 250, 180, 20, 180), 1);

        assertThat(PackagePlanner.choose(List.of(), List.of(shirt))).isEmpty();
    }

    @Test
    void parcelWeighsEveryLineTimesItsQuantityAndTheBox() {
        var mugs = item(product("MUG", 120, 90, 100, 320), 2);
        var shirt = item(product("SHIRT", 250, 180, 20, 180), 1);

        assertThat(PackagePlanner.weightGrams(SMALL_BOX, List.of(mugs, shirt))).isEqualTo(2 * 320 + 180 + 180);
    }

    private static PackagePlanner.Item item(Product product, int quantity) {
        return new PackagePlanner.Item(product, quantity);
    }

    private static Product product(String sku, int length, int width, int height, int grams) {
        return new Product(sku, sku, new BigDecimal("1.00"), grams, length, width, height, "A-01-01", 100);
    }
}
