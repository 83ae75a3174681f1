package dev.orderflow.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * HTTP clients for the outside world (courier, payment provider): short timeouts, far below the engine's job
 * lock time, so a hanging partner fails the step and its retry instead of holding a job until it is taken away.
 */
public final class OutboundHttp {

    /**
     * The longest connect plus read timeout a partner may be given: half the engine's job lock time (60 s,
     * {@code camunda.bpm.job-execution.lock-time-in-millis}), so a step waiting for a partner always ends, and is
     * retried, long before another node may take its job over.
     */
    public static final Duration MAX_TOTAL_TIMEOUT = Duration.ofSeconds(30);

    private OutboundHttp() {
    }

    /** Whether {@code url} is an absolute {@code http} or {@code https} URL with a host. */
    public static boolean isAbsoluteHttpUrl(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException notAUrl) {
            return false;
        }
    }

    /**
     * What is wrong with a partner's timeouts, one sentence each naming the property below {@code prefix}
     * ({@code orderflow.couriers.parcelco}): each must be positive, together at most {@link #MAX_TOTAL_TIMEOUT}.
     * Empty when they are fine.
     */
    public static List<String> timeoutProblems(String prefix, Duration connectTimeout, Duration readTimeout) {
        List<String> problems = new ArrayList<>();
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            problems.add(prefix + ".connect-timeout must be positive");
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            problems.add(prefix + ".read-timeout must be positive");
        }
        if (problems.isEmpty() && connectTimeout.plus(readTimeout).compareTo(MAX_TOTAL_TIMEOUT) > 0) {
            problems.add(prefix + ".connect-timeout plus .read-timeout must be at most " + MAX_TOTAL_TIMEOUT.toSeconds()
                    + " s (half the job lock time, so a hanging partner fails the step before another node takes it"
                    + " over), is " + connectTimeout.plus(readTimeout).toSeconds() + " s");
        }
        return problems;
    }

    /**
     * A client for {@code baseUrl} over HTTP/1.1 that gives up connecting after {@code connectTimeout} and waiting
     * for an answer after {@code readTimeout}, and sends each body with its {@code Content-Length}.
     */
    public static RestClient client(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        // HTTP/1.1: partner APIs and their proxies speak it; the JDK client's HTTP/2 upgrade over plain HTTP trips some
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(readTimeout);
        // bodies are small: sent whole with a Content-Length, which every partner API takes, not chunked
        return RestClient.builder().baseUrl(baseUrl).requestFactory(new BufferingClientHttpRequestFactory(requests))
                .build();
    }
}
