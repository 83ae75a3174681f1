package dev.orderflow.order;

import java.util.UUID;

/** The customer asked to cancel; published in the API's transaction for the process to act on. */
public record CancellationRequested(UUID orderId, String reason) {
}
