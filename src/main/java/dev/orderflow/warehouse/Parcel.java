package dev.orderflow.warehouse;

import java.util.UUID;

/** A packed order: the box it went into and what the parcel weighs with the box. */
public record Parcel(UUID orderId, String packageCode, int weightGrams) {
}
