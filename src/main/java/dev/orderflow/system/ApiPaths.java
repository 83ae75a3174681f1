package dev.orderflow.system;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Whether a request belongs to our API ({@code /api/**}), judged from its raw request URI as the client sent it,
 * also when that URI is one the firewall or the container refuses ({@code /api/orders//}, {@code /api/%2e},
 * {@code /api;x=1/orders}, {@code \api\orders}): the answer decides only the format of the error, which under
 * {@code /api} is always Problem Details.
 */
final class ApiPaths {

    private ApiPaths() {
    }

    static boolean isApi(String rawUri) {
        String path = normalized(rawUri);
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    /** Whether a request belongs to the customer's tracking page ({@code /track/**}), judged the same way. */
    static boolean isTrackingPage(String rawUri) {
        String path = normalized(rawUri);
        return path != null && (path.equals("/track") || path.startsWith("/track/"));
    }

    private static String normalized(String rawUri) {
        if (rawUri == null) {
            return null;
        }
        String path = rawUri;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        try {
            path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            // keep the raw form: "/api/orders/%zz" is still under /api
        }
        return path.replace('\\', '/').replaceAll(";[^/]*", "").replaceAll("/{2,}", "/").toLowerCase(Locale.ROOT);
    }
}
