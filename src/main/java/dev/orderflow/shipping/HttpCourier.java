package dev.orderflow.shipping;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.orderflow.system.OutboundHttp;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * A courier reached over HTTP. Every call carries {@code Idempotency-Key: <orderId>} (the courier answers a
 * repeated call with its first result), the API key as bearer token, and short timeouts. An unreachable,
 * slow or failing (5xx) courier is a {@link CourierUnavailableException}: the step is retried, and an incident
 * with this message appears when the retries run out.
 */
class HttpCourier implements CourierPort {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final String name;
    private final HttpCourierProperties properties;
    private final Set<String> serviceLevels;
    private final RestClient http;

    HttpCourier(String name, HttpCourierProperties properties, RestClient http) {
        this.name = name;
        this.properties = properties;
        this.serviceLevels = Set.copyOf(properties.serviceLevels());
        this.http = http;
    }

    /** The courier {@code name} as {@code properties} describe it, with their timeouts. */
    static HttpCourier of(String name, HttpCourierProperties properties) {
        return new HttpCourier(name, properties,
                OutboundHttp.client(properties.baseUrl(), properties.connectTimeout(), properties.readTimeout()));
    }

    record LabelResponse(String trackingNumber, String labelUrl) {
    }

    record PickupResponse(String pickupReference) {
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String displayName() {
        return properties.displayName() == null ? name : properties.displayName();
    }

    @Override
    public String trackingUrl() {
        return properties.trackingUrl();
    }

    @Override
    public Set<String> serviceLevels() {
        return serviceLevels;
    }

    @Override
    public Label createLabel(LabelRequest request) {
        LabelResponse label = post("/labels", request.orderId(), request, LabelResponse.class);
        if (label == null || label.trackingNumber() == null || label.trackingNumber().isBlank()) {
            throw new CourierUnavailableException(name() + " answered the label request without a tracking number");
        }
        return new Label(label.trackingNumber(), label.labelUrl());
    }

    @Override
    public PickupBooking bookPickup(UUID orderId, String trackingNumber) {
        PickupResponse pickup = post("/pickups", orderId, Map.of("trackingNumber", trackingNumber),
                PickupResponse.class);
        return new PickupBooking(pickup == null ? null : pickup.pickupReference());
    }

    @Override
    public PickupBooking requestRedelivery(UUID orderId, String trackingNumber) {
        PickupResponse redelivery = post("/redeliveries", orderId, Map.of("trackingNumber", trackingNumber),
                PickupResponse.class);
        return new PickupBooking(redelivery == null ? null : redelivery.pickupReference());
    }

    private <T> T post(String path, UUID orderId, Object body, Class<T> answer) {
        try {
            return http.post().uri(path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(IDEMPOTENCY_KEY, orderId.toString())
                    .headers(headers -> {
                        if (properties.apiKey() != null) {
                            headers.setBearerAuth(properties.apiKey());
                        }
                    })
                    .body(body)
                    .retrieve()
                    .body(answer);
        } catch (RestClientResponseException refused) {
            HttpStatusCode status = refused.getStatusCode();
            String message = name() + " answered " + status.value() + " to POST " + path + " for order " + orderId
                    + ": " + abbreviate(refused.getResponseBodyAsString());
            if (status.is5xxServerError() || status.value() == 429) {
                throw new CourierUnavailableException(message, refused);
            }
            throw new IllegalStateException(message + " (fix the request or the courier configuration, then retry)",
                    refused);
        } catch (ResourceAccessException unreachable) {
            throw new CourierUnavailableException(name() + " did not answer POST " + path + " for order " + orderId
                    + " in time: " + unreachable.getMostSpecificCause().getMessage(), unreachable);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
