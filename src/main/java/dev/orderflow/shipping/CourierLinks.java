package dev.orderflow.shipping;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.orderflow.system.OutboundHttp;

/**
 * The rules for what customers read of a courier ({@code display-name}) and the link to its own tracking page
 * ({@code tracking-url}), shared by the HTTP couriers' properties and any other {@link CourierPort} bean.
 */
final class CourierLinks {

    /** Where the tracking number goes in a {@code tracking-url}. */
    static final String PLACEHOLDER = "{trackingNumber}";

    static final int MAX_DISPLAY_NAME = 100;

    private CourierLinks() {
    }

    /**
     * What is wrong with a display name and a tracking URL template, one sentence each naming the property below
     * {@code prefix} ({@code orderflow.couriers.parcelco}); empty when both are fine. Null means not set (allowed).
     */
    static List<String> problems(String prefix, String displayName, String trackingUrl) {
        List<String> problems = new ArrayList<>();
        if (displayName != null && (displayName.isBlank() || displayName.strip().length() > MAX_DISPLAY_NAME)) {
            problems.add(prefix + ".display-name must be 1 to " + MAX_DISPLAY_NAME + " characters, is "
                    + (displayName.isBlank() ? "empty" : displayName.strip().length() + " characters long"));
        }
        if (trackingUrl != null) {
            if (!trackingUrl.contains(PLACEHOLDER)) {
                problems.add(prefix + ".tracking-url must contain " + PLACEHOLDER + " where the tracking number goes,"
                        + " is '" + trackingUrl + "'");
            } else if (!OutboundHttp.isAbsoluteHttpUrl(expand(trackingUrl, "TRACKING-1"))) {
                problems.add(prefix + ".tracking-url must be an absolute https or http URL, is '" + trackingUrl + "'");
            }
        }
        return problems;
    }

    /** The template with the tracking number URL-encoded into each placeholder. */
    static String expand(String trackingUrl, String trackingNumber) {
        // form encoding writes a space as '+', which means a space only in a query: %20 is right everywhere
        String encoded = URLEncoder.encode(trackingNumber, StandardCharsets.UTF_8).replace("+", "%20");
        return trackingUrl.replace(PLACEHOLDER, encoded);
    }
}
