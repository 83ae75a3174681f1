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

    private static PackagePlanner.Item item(Product product, int quantity) {
        return new PackagePlanner.Item(product, quantity);
    }

    private static Product product(String sku, int length, int width, int height, int grams) {
        return new Product(sku, sku, new BigDecimal("1.00"), grams, length, width, height, "A-01-01", 100);
    }
}
