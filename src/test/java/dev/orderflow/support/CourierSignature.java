package dev.orderflow.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Signs a webhook call the way the courier does: HMAC-SHA256 with the shared secret over
 * {@code {timestamp}.{trackingNumber}.{raw body}}, hex, with the timestamp in Unix seconds.
 */
public final class CourierSignature {

    public static final String TIMESTAMP_HEADER = "X-Orderflow-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Orderflow-Signature";

    private CourierSignature() {
    }

    public static String sign(long timestamp, String trackingNumber, String body, String secret) {
        return sign(timestamp, trackingNumber, body.getBytes(StandardCharsets.UTF_8), secret);
    }

    /** The same over raw bytes, which need not be text. */
    public static String sign(long timestamp, String trackingNumber, byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + "." + trackingNumber + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON content type, the current time and its signature: a call the service accepts. */
    public static HttpHeaders headers(String trackingNumber, String body, String secret) {
        long now = Instant.now().getEpochSecond();
        return headers(now, sign(now, trackingNumber, body, secret));
    }

    public static HttpHeaders headers(long timestamp, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.set(SIGNATURE_HEADER, signature);
        return headers;
    }
}
