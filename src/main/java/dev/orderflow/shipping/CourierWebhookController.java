package dev.orderflow.shipping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.orderflow.system.ApiProblem;
import dev.orderflow.system.InvalidField;
import dev.orderflow.system.SecurityProperties;
import dev.orderflow.system.Text;
import dev.orderflow.system.Utf8;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The courier's webhook. Not behind Basic auth: the courier signs each call with the shared secret,
 * HMAC-SHA256 over {@code {timestamp}.{trackingNumber}.{raw body}}, hex in {@code X-Orderflow-Signature}, the
 * timestamp (Unix seconds) in {@code X-Orderflow-Timestamp}. A signature is therefore good for one parcel and,
 * with the 300-second window, for five minutes. Both are checked, in constant time, before the body is parsed.
 * Fields of the event the service does not know are ignored (couriers add fields); the rest of the API is strict.
 */
@Tag(name = "Courier")
@RestController
class CourierWebhookController {

    static final String TIMESTAMP_HEADER = "X-Orderflow-Timestamp";
    static final String SIGNATURE_HEADER = "X-Orderflow-Signature";
    /** how far the courier's timestamp may be from the service's clock, either way */
    static final long WINDOW_SECONDS = 300;

    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String HMAC = "HmacSHA256";

    @Schema(name = "CourierEvent", description = "Fields not listed here are ignored.")
    record CourierEventRequest(
            @Schema(description = "unique per tracking number, 1 to 100 characters", example = "evt-1",
                    requiredMode = Schema.RequiredMode.REQUIRED) String eventId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) CourierEventType type,
            @Schema(description = "when it happened, ISO-8601 UTC", example = "2026-11-26T10:00:00Z",
                    requiredMode = Schema.RequiredMode.REQUIRED) Instant at) {
    }

    /** What is read from the body: text first, so that every problem is reported with its pointer at once. */
    record IncomingEvent(String eventId, String type, String at) {
    }

    private final ShippingService shipping;
    private final ObjectReader events;
    private final SecretKeySpec key;
    private final Clock clock;

    CourierWebhookController(ShippingService shipping, ObjectMapper json, SecurityProperties security, Clock clock) {
        this.shipping = shipping;
        this.events = json.readerFor(IncomingEvent.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.key = new SecretKeySpec(security.webhookSecret().getBytes(StandardCharsets.UTF_8), HMAC);
        this.clock = clock;
    }

    @Operation(summary = "The courier reports on a parcel", description = "No Basic auth: the courier signs the call. "
            + "X-Orderflow-Timestamp is the Unix time in seconds when it was sent; X-Orderflow-Signature is the hex "
            + "HMAC-SHA256, with the courier's shared secret, over the bytes `{timestamp}.{trackingNumber}.{raw body}`. "
            + "A missing or wrong signature, or a timestamp more than 300 seconds from the service's clock, is 401. "
            + "eventId is unique per tracking number: the same one again is accepted without a second effect. "
            + "An event that arrives before the order waits for it takes effect when the order gets there; one older "
            + "than what the order knows changes nothing.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = CourierEventRequest.class))))
    @SecurityRequirements
    @ApiResponse(responseCode = "202", description = "Accepted (or a repeat of an accepted event)")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @PostMapping(path = "/api/shipments/{trackingNumber}/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> receive(@PathVariable String trackingNumber,
            @Parameter(in = ParameterIn.HEADER, name = TIMESTAMP_HEADER, required = true,
                    description = "Unix time in seconds when the courier sent the call; at most 300 s from the "
                            + "service's clock", schema = @Schema(type = "string", pattern = "^[0-9]{1,12}$",
                            example = "1795683600"))
            @RequestHeader(name = TIMESTAMP_HEADER, required = false) String timestamp,
            @Parameter(in = ParameterIn.HEADER, name = SIGNATURE_HEADER, required = true,
                    description = "hex HMAC-SHA256 with the courier's shared secret over "
                            + "`{timestamp}.{trackingNumber}.{raw body}`",
                    schema = @Schema(type = "string", pattern = "^[0-9a-fA-F]{64}$"))
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
            @Parameter(hidden = true) @RequestBody(required = false) byte[] body) throws IOException {
        byte[] raw = body == null ? new byte[0] : body;
        verify(trackingNumber, timestamp, signature, raw);
        CourierEventRequest event = parse(raw);
        try {
            shipping.recordCourierEvent(trackingNumber, event.eventId(), event.type(), event.at())
                    .orElseThrow(() -> ApiProblem.notFound("no shipment with tracking number " + trackingNumber));
        } catch (DuplicateKeyException sameEventAtOnce) {
            // the same event arrived twice at the same moment and the other request recorded it
        }
        return ResponseEntity.accepted().build();
    }

    private void verify(String trackingNumber, String timestamp, String signature, byte[] body) {
        if (timestamp == null || !TIMESTAMP.matcher(timestamp).matches()) {
            throw ApiProblem.unauthorized("missing or malformed " + TIMESTAMP_HEADER
                    + ": the Unix time in seconds when the call was sent");
        }
        if (signature == null || !HEX_SHA256.matcher(signature).matches()) {
            throw ApiProblem.unauthorized("missing or malformed " + SIGNATURE_HEADER + ": the hex HMAC-SHA256 over"
                    + " {timestamp}.{trackingNumber}.{raw body} with the courier's shared secret");
        }
        if (!MessageDigest.isEqual(sign(timestamp, trackingNumber, body), HexFormat.of().parseHex(signature))) {
            throw ApiProblem.unauthorized("wrong " + SIGNATURE_HEADER + ": expected the hex HMAC-SHA256 over"
                    + " {timestamp}.{trackingNumber}.{raw body} with the courier's shared secret");
        }
        // checked after the signature, so that only the courier learns how far off its clock is
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > WINDOW_SECONDS) {
            throw ApiProblem.unauthorized(TIMESTAMP_HEADER + " is " + skew + " seconds away from the service's clock"
                    + " (" + clock.instant().getEpochSecond() + "); at most " + WINDOW_SECONDS + " are accepted");
        }
    }

    private byte[] sign(String timestamp, String trackingNumber, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update((timestamp + "." + trackingNumber + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private CourierEventRequest parse(byte[] raw) throws IOException {
        if (!Utf8.isWellFormed(raw)) {
            throw ApiProblem.badRequest("the request body is not well-formed UTF-8");
        }
        IncomingEvent event;
        try {
            event = events.readValue(raw);
        } catch (JsonProcessingException e) {
            throw new HttpMessageNotReadableException(e.getOriginalMessage(), e, null);
        }
        if (event == null) {
            throw ApiProblem.badRequest("the request body is empty");
        }
        List<InvalidField> errors = new ArrayList<>();
        Text.problemOfLine(event.eventId(), true, 100)
                .ifPresent(problem -> errors.add(new InvalidField("/eventId", problem)));
        CourierEventType type = Arrays.stream(CourierEventType.values())
                .filter(known -> known.name().equals(event.type())).findFirst().orElse(null);
        if (type == null) {
            errors.add(new InvalidField("/type", "is required: one of " + List.of(CourierEventType.values())));
        }
        Instant at = null;
        try {
            at = event.at() == null ? null : Instant.parse(event.at());
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (at == null) {
            errors.add(new InvalidField("/at", "is required: an ISO-8601 UTC time such as 2026-11-26T10:00:00Z"));
        } else if (at.isAfter(clock.instant().plusSeconds(WINDOW_SECONDS))) {
            // an event from the future would make every real event after it look older, and so not news
            errors.add(new InvalidField("/at", "lies in the future: the time the event happened, at most "
                    + WINDOW_SECONDS + " seconds ahead of the service's clock"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return new CourierEventRequest(event.eventId(), type, at);
    }
}
