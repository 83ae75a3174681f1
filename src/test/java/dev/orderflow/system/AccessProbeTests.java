package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import dev.orderflow.support.LocalRunTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Every family of paths that reads or changes data, without credentials and with the wrong ones: 401 or 403,
 * never an answer with data.
 */
class AccessProbeTests extends LocalRunTest {

    private static final String ORDER = "/api/orders/00000000-0000-0000-0000-000000000000";

    static Stream<Arguments> guardedPaths() {
        return Stream.of(
                Arguments.of(HttpMethod.POST, "/api/orders", "{}"),
                Arguments.of(HttpMethod.GET, "/api/orders", null),
                Arguments.of(HttpMethod.GET, ORDER, null),
                Arguments.of(HttpMethod.POST, ORDER + "/cancellation", null),
                Arguments.of(HttpMethod.POST, ORDER + "/stock-decision", "{\"decision\":\"WAIT\"}"),
                Arguments.of(HttpMethod.GET, ORDER + "/notifications", null),
                Arguments.of(HttpMethod.GET, ORDER + "/pick-list", null),
                Arguments.of(HttpMethod.GET, "/api/inventory", null),
                Arguments.of(HttpMethod.GET, "/api/inventory/MUG-ECO-01", null),
                Arguments.of(HttpMethod.POST, "/api/inventory/MUG-ECO-01/restock", "{\"quantity\":1}"),
                Arguments.of(HttpMethod.POST, "/api/inventory/MUG-ECO-01/adjustments",
                        "{\"quantity\":1,\"reason\":\"FOUND\"}"),
                Arguments.of(HttpMethod.GET, "/api/inventory/MUG-ECO-01/movements", null),
                Arguments.of(HttpMethod.GET, "/api/process/versions", null),
                Arguments.of(HttpMethod.GET, "/engine-rest/process-instance", null),
                Arguments.of(HttpMethod.GET, "/engine-rest/task", null),
                Arguments.of(HttpMethod.GET, "/engine-rest/user", null),
                Arguments.of(HttpMethod.GET, "/engine-rest/history/process-instance", null),
                Arguments.of(HttpMethod.POST, "/engine-rest/message", "{\"messageName\":\"OrderDelivered\"}"),
                Arguments.of(HttpMethod.GET, "/camunda/api/engine/engine/default/process-definition", null),
                Arguments.of(HttpMethod.GET, "/camunda/api/cockpit/plugin/base/default/process-definition/x/called-process-definitions", null),
                Arguments.of(HttpMethod.GET, "/camunda/api/engine/engine/default/task", null),
                Arguments.of(HttpMethod.GET, "/camunda/api/admin/plugin/adminPlugins/default/users", null));
    }

    @ParameterizedTest(name = "{0} {1} without credentials")
    @MethodSource("guardedPaths")
    void anonymousCallersGetNoData(HttpMethod method, String path, String body) {
        int status = call(null, method, path, body);

        assertThat(status).isIn(401, 403);
    }

    @ParameterizedTest(name = "{0} {1} with a wrong password")
    @MethodSource("guardedPaths")
    void wrongPasswordsGetNoData(HttpMethod method, String path, String body) {
        int status = call("storefront:wrong", method, path, body);

        assertThat(status).isIn(401, 403);
    }

    static Stream<Arguments> staffOnly() {
        return Stream.of(
                Arguments.of(HttpMethod.POST, "/api/inventory/MUG-ECO-01/restock", "{\"quantity\":1}"),
                Arguments.of(HttpMethod.POST, "/api/inventory/MUG-ECO-01/adjustments",
                        "{\"quantity\":1,\"reason\":\"FOUND\"}"),
                Arguments.of(HttpMethod.GET, ORDER + "/pick-list", null),
                Arguments.of(HttpMethod.GET, "/api/process/versions", null));
    }

    @ParameterizedTest(name = "{0} {1} as storefront")
    @MethodSource("staffOnly")
    void storefrontsCannotDoStaffWork(HttpMethod method, String path, String body) {
        assertThat(call("storefront:storefront", method, path, body)).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0} {1} as an API user on the engine")
    @MethodSource("guardedPaths")
    void apiUsersAreNotEngineUsers(HttpMethod method, String path, String body) {
        if (path.startsWith("/api/")) {
            return;
        }
        assertThat(call("staff:staff", method, path, body)).isIn(401, 403);
    }

    private int call(String credentials, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (credentials != null) {
            String[] parts = credentials.split(":");
            headers.setBasicAuth(parts[0], parts[1]);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class).getStatusCode().value();
    }
}
