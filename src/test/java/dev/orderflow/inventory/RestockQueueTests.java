package dev.orderflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.orderflow.inventory.RestockQueue.Waiting;
import org.junit.jupiter.api.Test;

/** Who stock that comes back serves first: the queue rule alone, against stock kept in a map. */
class RestockQueueTests {

    private static final OffsetDateTime MONDAY = OffsetDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.UTC);

    private final Map<String, Integer> available = new HashMap<>();
    private final Map<UUID, List<StockLine>> lines = new HashMap<>();
    private final List<UUID> tried = new ArrayList<>();

    @Test
    void theLongestWaitingOrderIsServedFirstWhateverOrderTheQueueIsListedIn() {
        // given: three orders wait for two mugs; only two can be served
        available.put("MUG", 2);
        UUID newest = waitsFor("MUG", 1);
        UUID oldest = waitsFor("MUG", 1);
        UUID middle = waitsFor("MUG", 1);

        // when
        List<UUID> served = RestockQueue.serve("MUG", List.of(new Waiting(newest, MONDAY.plusHours(2)),
                new Waiting(oldest, MONDAY), new Waiting(middle, MONDAY.plusHours(1))), this::reserve);

        // then
        assertThat(served).containsExactly(oldest, middle);
        assertThat(available).containsEntry("MUG", 0);
    }

    @Test
    void anOrderThisSkuCannotServeYetIsNotOvertakenByASmallerLaterOne() {
        // given: the oldest order needs three mugs, a later one one; two come back
        available.put("MUG", 2);
        UUID large = waitsFor("MUG", 3);
        UUID small = waitsFor("MUG", 1);

        // when
        List<UUID> served = RestockQueue.serve("MUG", List.of(new Waiting(large, MONDAY),
                new Waiting(small, MONDAY.plusMinutes(5))), this::reserve);

        // then: nobody is served; the two mugs wait for the order that came first
        assertThat(served).isEmpty();
        assertThat(tried).containsExactly(large);
        assertThat(available).containsEntry("MUG", 2);
    }

    @Test
    void anOrderShortOnlyOfAnotherSkuIsPassedOverAndKeepsNothing() {
        // given: the oldest order also needs a plate that is not there
        available.put("MUG", 2);
        available.put("PLATE", 0);
        UUID needsPlate = waitsFor("MUG", 1, "PLATE", 1);
        UUID mugOnly = waitsFor("MUG", 2);

        // when
        List<UUID> served = RestockQueue.serve("MUG", List.of(new Waiting(needsPlate, MONDAY),
                new Waiting(mugOnly, MONDAY.plusMinutes(5))), this::reserve);

        // then: all-or-nothing: the first order holds no mug, so the second gets both
        assertThat(served).containsExactly(mugOnly);
        assertThat(available).containsEntry("MUG", 0).containsEntry("PLATE", 0);
    }

    @Test
    void ordersWaitingSinceTheSameMomentKeepTheOrderTheyAreListedIn() {
        // given
        available.put("MUG", 1);
        UUID listedFirst = waitsFor("MUG", 1);
        UUID listedSecond = waitsFor("MUG", 1);

        // when
        List<UUID> served = RestockQueue.serve("MUG", List.of(new Waiting(listedFirst, MONDAY),
                new Waiting(listedSecond, MONDAY)), this::reserve);

        // then
        assertThat(served).containsExactly(listedFirst);
    }

    @Test
    void anEmptyQueueServesNobody() {
        assertThat(RestockQueue.serve("MUG", List.of(), this::reserve)).isEmpty();
    }

    private UUID waitsFor(Object... skuAndQuantity) {
        UUID orderId = UUID.randomUUID();
        List<StockLine> wanted = new ArrayList<>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            wanted.add(new StockLine((String) skuAndQuantity[i], (Integer) skuAndQuantity[i + 1]));
        }
        lines.put(orderId, wanted);
        return orderId;
    }

    /** All of the order's lines from the map, or none and the SKUs that were short, as the database does it. */
    private ReservationResult reserve(UUID orderId) {
        tried.add(orderId);
        List<String> missing = lines.get(orderId).stream()
                .filter(line -> available.getOrDefault(line.sku(), 0) < line.quantity()).map(StockLine::sku).toList();
        if (!missing.isEmpty()) {
            return ReservationResult.outOfStock(missing);
        }
        lines.get(orderId).forEach(line -> available.merge(line.sku(), -line.quantity(), Integer::sum));
        return ReservationResult.complete();
    }
}
