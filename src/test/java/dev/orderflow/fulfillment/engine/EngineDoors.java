package dev.orderflow.fulfillment.engine;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The ways in to the engine a test knocks on: {@code /engine-rest} with HTTP Basic and any content type or raw
 * body, and the webapps' own API with a logged-in session and its CSRF token, as the webapps' pages send it.
 */
final class EngineDoors {

    private final TestRestTemplate http;

    EngineDoors(TestRestTemplate http) {
        this.http = http;
    }

    /** {@code /engine-rest} as {@code user} (password = user name, the local run's demo users). */
    ResponseEntity<String> rest(String user, HttpMethod method, String path, String contentType, byte[] body) {
        return rest(user, user, method, path, contentType, body, Map.of());
    }

    ResponseEntity<String> rest(String user, HttpMethod method, String path, String json) {
        return rest(user, method, path, json == null ? null : MediaType.APPLICATION_JSON_VALUE,
                json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    ResponseEntity<String> rest(String user, String password, HttpMethod method, String path, String contentType,
            byte[] body, Map<String, String> extraHeaders) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        if (contentType != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        }
        extraHeaders.forEach(headers::set);
        return http.exchange(URI.create(http.getRootUri() + "/engine-rest" + path), method,
                new HttpEntity<>(body, headers), String.class);
    }

    /** Logs in to Tasklist as a webapp user would, CSRF token included. */
    WebappSession logIn(String user, String password) {
        ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
        Map<String, String> cookies = new LinkedHashMap<>();
        remember(cookies, page);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.set("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
        headers.set(HttpHeaders.COOKIE, cookieHeader(cookies));
        ResponseEntity<String> login = http.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
                new HttpEntity<>("username=" + user + "&password=" + password, headers), String.class);
        remember(cookies, login);
        // the session changed at login; like the webapps' pages, take the new CSRF token from the next page load
        HttpHeaders loggedIn = new HttpHeaders();
        loggedIn.set(HttpHeaders.COOKIE, cookieHeader(cookies));
        remember(cookies, http.exchange("/camunda/app/tasklist/default/", HttpMethod.GET, new HttpEntity<>(loggedIn),
                String.class));
        return new WebappSession(login.getStatusCode().value(), cookies);
    }

    /** A webapp session: its cookies and the CSRF token the pages send back. */
    final class WebappSession {
        final int loginStatus;
        private final Map<String, String> cookies;

        private WebappSession(int loginStatus, Map<String, String> cookies) {
            this.loginStatus = loginStatus;
            this.cookies = cookies;
        }

        /** The engine's REST API as the webapps serve it, {@code /camunda/api/engine/engine/default/...}. */
        ResponseEntity<String> engine(HttpMethod method, String path, String contentType, String body) {
            HttpHeaders headers = new HttpHeaders();
            headers.set("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
            headers.set(HttpHeaders.COOKIE, cookieHeader(cookies));
            if (contentType != null) {
                headers.set(HttpHeaders.CONTENT_TYPE, contentType);
            }
            ResponseEntity<String> answer = http.exchange(
                    URI.create(http.getRootUri() + "/camunda/api/engine/engine/default" + path), method,
                    new HttpEntity<>(body, headers), String.class);
            remember(cookies, answer);
            return answer;
        }
    }

    private static void remember(Map<String, String> cookies, ResponseEntity<?> answer) {
        List<String> set = answer.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, new ArrayList<>());
        for (String cookie : set) {
            String pair = cookie.split(";")[0];
            int equals = pair.indexOf('=');
            cookies.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
    }

    private static String cookieHeader(Map<String, String> cookies) {
        List<String> pairs = new ArrayList<>();
        cookies.forEach((name, value) -> pairs.add(name + "=" + value));
        return String.join("; ", pairs);
    }
}
