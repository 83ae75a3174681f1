package dev.orderflow.warehouse;

import java.util.Arrays;

/** A box the warehouse packs in, with its inner dimensions. */
record PackageType(String code, int lengthMm, int widthMm, int heightMm, int maxWeightGrams, int tareWeightGrams,
        boolean recyclable) {

    long volume() {
        return (long) lengthMm * widthMm * heightMm;
    }

    int[] sortedDimensions() {
        int[] dims = {lengthMm, widthMm, heightMm};
        Arrays.sort(dims);
        return dims;
    }
}
