package dev.orderflow.system;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall}, and one more refusal: a path with characters RFC 3986 does not
 * allow unencoded ({@code {}, {@code |}, {@code <}, {@code "}, a backtick, ...). Tomcat lets them through on
 * purpose ({@code WebServerConfiguration}) so that they end here, at the door that answers in the right format
 * ({@link SecurityConfiguration#firewallRejections}), rather than deeper in, where such a path breaks whatever
 * builds a URI from it.
 */
class UriCharactersFirewall extends StrictHttpFirewall {

    /** @throws RequestRejectedException when the raw request path is not a valid URI path */
    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path != null && !isUriPath(path)) {
            throw new RequestRejectedException("The request was rejected because the URL contains characters a URI"
                    + " may not hold unencoded");
        }
        return super.getFirewalledRequest(request);
    }

    private static boolean isUriPath(String path) {
        try {
            URI.create(path);
            return true;
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }
}
