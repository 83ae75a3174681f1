package dev.orderflow.system;

import java.util.List;

/**
 * Paging parameters of list endpoints ({@code ?page=0&size=50}), checked once for every endpoint.
 */
public record PageRequest(int page, int size) {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 200;

    /**
     * The page asked for: {@code page} from 0 (default 0), {@code size} 1 to {@link #MAX_SIZE} (default 50).
     *
     * @throws InvalidRequestException naming {@code /page} or {@code /size} when out of range
     */
    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        var errors = new java.util.ArrayList<InvalidField>();
        if (p < 0) {
            errors.add(new InvalidField("/page", "must be 0 or more"));
        }
        if (s < 1 || s > MAX_SIZE) {
            errors.add(new InvalidField("/size", "must be between 1 and " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new PageRequest(p, s);
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) page * size;
    }

    /** A page of results as every list endpoint returns it. */
    public record Page<T>(List<T> items, int page, int size, long total) {

        /** The same page with each item changed by {@code change}. */
        public <R> Page<R> map(java.util.function.Function<T, R> change) {
            return new Page<>(items.stream().map(change).toList(), page, size, total);
        }
    }

    /** This page's {@code items} with the number of items on all pages. */
    public <T> Page<T> toPage(List<T> items, long total) {
        return new Page<>(items, page, size, total);
    }
}
