package dev.orderflow.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Durations recorded from many threads; percentiles by the nearest-rank method over every sample. */
final class Latencies {

    private final long[] nanos;
    private final AtomicInteger count = new AtomicInteger();

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    static Latencies of(long[] nanos) {
        Latencies latencies = new Latencies(nanos.length);
        for (long value : nanos) {
            latencies.record(value);
        }
        return latencies;
    }

    /** Every sample of {@code parts} in one: the latencies of several load generators seen as one. */
    static Latencies merge(java.util.List<Latencies> parts) {
        Latencies all = new Latencies(parts.stream().mapToInt(Latencies::count).sum());
        for (Latencies part : parts) {
            for (int i = 0; i < part.count(); i++) {
                all.record(part.nanos[i]);
            }
        }
        return all;
    }

    void record(long durationNanos) {
        int index = count.getAndIncrement();
        if (index < nanos.length) {
            nanos[index] = durationNanos;
        }
    }

    int count() {
        return Math.min(count.get(), nanos.length);
    }

    /** The {@code percent} percentile in milliseconds; NaN when nothing was recorded. */
    double percentileMillis(double percent) {
        long[] sorted = Arrays.copyOf(nanos, count());
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
