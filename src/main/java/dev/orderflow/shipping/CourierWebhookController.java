package dev.orderflow.shipping;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderflow.system.ApiProblem;
import dev.orderflow.system.ApiProblem.InvalidField;
import dev.orderflow.system.SecurityProperties;
import dev.orderflow.system.Text;
import dev.orderflow.system.Utf8;
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
 * The courier's webhook. Not behind Basic auth: the courier signs the raw body with HMAC-SHA256 and the
 * shared secret, hex in {@code X-Orderflow-Signature}. The signature is checked before anything is parsed.
 */
@Tag(name = "Courier")
@RestController
class CourierWebhookController {

    static final String SIGNATURE_HEADER = "X-Orderflow-Signature";

    record CourierEventRequest(String eventId, CourierEventType type, Instant at) {
    }

    private final ShippingService shipping;
    private final ObjectMapper json;
    private final byte[] secret;

    CourierWebhookController(ShippingService shipping, ObjectMapper json, SecurityProperties security) {
        this.shipping = shipping;
        this.json = json;
        this.secret = security.webhookSecret().getBytes(StandardCharsets.UTF_8);
    }

    @Operation(summary = "The courier reports on a parcel", description = "No Basic auth: the raw body is signed "
            + "with HMAC-SHA256 and the courier's shared secret, hex in X-Orderflow-Signature. An event id already "
            + "received is accepted again without a second effect.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = CourierEventRequest.class))))
    @io.swagger.v3.oas.annotations.security.SecurityRequirements
    @ApiResponse(responseCode = "202", description = "Accepted (or a repeat of an accepted event)")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @PostMapping(path = "/api/shipments/{trackingNumber}/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> receive(@PathVariable String trackingNumber,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestBody(required = false) byte[] body) throws java.io.IOException {
        byte[] raw = body == null ? new byte[0] : body;
        if (!validSignature(raw, signature)) {
            throw ApiProblem.unauthorized("missing or wrong " + SIGNATURE_HEADER
                    + ": HMAC-SHA256 of the raw body with the courier's shared secret, hex encoded");
        }
        if (!Utf8.isWellFormed(raw)) {
            throw ApiProblem.badRequest("the request body is not well-formed UTF-8");
        }
        CourierEventRequest event = parse(raw);
        try {
            shipping.recordCourierEvent(trackingNumber, event.eventId(), event.type(), event.at())
                    .orElseThrow(() -> ApiProblem.notFound("no shipment with tracking number " + trackingNumber));
        } catch (DuplicateKeyException sameEventAtOnce) {
            // the same event id arrived twice at the same moment and the other request recorded it
        }
        return ResponseEntity.accepted().build();
    }

    private CourierEventRequest parse(byte[] raw) throws java.io.IOException {
        CourierEventRequest event;
        try {
            event = json.readValue(raw, CourierEventRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpMessageNotReadableException(e.getOriginalMessage(), e, null);
        }
        var errors = new java.util.ArrayList<InvalidField>();
        if (event == null) {
            throw ApiProblem.badRequest("the request body is empty");
        }
        Text.problemOfLine(event.eventId(), true, 100)
                .ifPresent(problem -> errors.add(new InvalidField("/eventId", problem)));
        if (event.type() == null) {
            errors.add(new InvalidField("/type", "is required: one of " + List.of(CourierEventType.values())));
        }
        if (event.at() == null) {
            errors.add(new InvalidField("/at", "is required: an ISO-8601 UTC time"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return event;
    }

    private boolean validSignature(byte[] body, String signature) {
        if (signature == null || !signature.matches("^[0-9a-fA-F]{64}$")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return MessageDigest.isEqual(mac.doFinal(body), HexFormat.of().parseHex(signature));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
