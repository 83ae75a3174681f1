package dev.orderflow.system;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * HTTP clients for the outside world (courier, payment provider): short timeouts, far below the engine's job
 * lock time, so a hanging partner fails the step and its retry instead of holding a job until it is taken away.
 */
public final class OutboundHttp {

    private OutboundHttp() {
    }

    /**
     * A client for {@code baseUrl} over HTTP/1.1 that gives up connecting after {@code connectTimeout} and waiting
     * for an answer after {@code readTimeout}.
     */
    public static RestClient client(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        // HTTP/1.1: partner APIs and their proxies speak it; the JDK client's HTTP/2 upgrade over plain HTTP trips some
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(readTimeout);
        return RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
    }
}
