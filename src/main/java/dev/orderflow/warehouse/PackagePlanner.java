package dev.orderflow.warehouse;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.orderflow.inventory.Product;

/**
 * Chooses the smallest box that fits: recyclable boxes first, each candidate by inner volume. A box fits
 * when every item fits in it by its own dimensions (turned as needed), the items together fill at most
 * {@link #FILL_FACTOR} of its volume (room for padding and imperfect stacking), and it carries their weight.
 */
final class PackagePlanner {

    static final double FILL_FACTOR = 0.8;

    /** One unit of a product to pack. */
    record Item(Product product, int quantity) {
    }

    private PackagePlanner() {
    }

    static Optional<PackageType> choose(List<PackageType> boxes, List<Item> items) {
        long itemVolume = items.stream()
                .mapToLong(i -> (long) i.product().lengthMm() * i.product().widthMm() * i.product().heightMm()
                        * i.quantity())
                .sum();
        long itemWeight = items.stream().mapToLong(i -> (long) i.product().weightGrams() * i.quantity()).sum();
        return boxes.stream()
                .sorted(Comparator.comparing((PackageType box) -> !box.recyclable())
                        .thenComparingLong(PackageType::volume))
                .filter(box -> itemWeight + box.tareWeightGrams() <= box.maxWeightGrams())
                .filter(box -> itemVolume <= box.volume() * FILL_FACTOR)
                .filter(box -> items.stream().allMatch(item -> fits(item.product(), box)))
                .findFirst();
    }

    static int weightGrams(PackageType box, List<Item> items) {
        return box.tareWeightGrams() + items.stream().mapToInt(i -> i.product().weightGrams() * i.quantity()).sum();
    }

    private static boolean fits(Product product, PackageType box) {
        int[] item = {product.lengthMm(), product.widthMm(), product.heightMm()};
        Arrays.sort(item);
        int[] inner = box.sortedDimensions();
        return item[0] <= inner[0] && item[1] <= inner[1] && item[2] <= inner[2];
    }
}
