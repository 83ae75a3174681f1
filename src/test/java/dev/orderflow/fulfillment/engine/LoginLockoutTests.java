package dev.orderflow.fulfillment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import dev.orderflow.support.LocalRunTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * Wrong passwords slow a user's next login down (Camunda's growing delay: 3 s, doubling, at most 60 s) but never
 * lock the account for good: nobody outside can lock out admin or any staff user. The engine's clock is moved
 * on past each delay instead of waiting for it.
 */
class LoginLockoutTests extends LocalRunTest {

    private static final Duration LONGEST_DELAY = Duration.ofSeconds(60);

    @Autowired
    IdentityService identity;

    @AfterEach
    void backToRealTime() {
        ClockUtil.reset();
        identity.unlockUser("admin");
        identity.unlockUser("cs");
    }

    @Test
    void twentyWrongPasswordsDelayTheNextLoginButNeverLockAdminOrStaffOut() {
        EngineDoors doors = new EngineDoors(http);
        Instant now = Instant.now();

        // when: twenty wrong passwords for admin (REST and webapp login in turn) and for cs, each after the last delay
        for (int attempt = 1; attempt <= 20; attempt++) {
            ClockUtil.setCurrentTime(Date.from(now));
            if (attempt % 2 == 0) {
                assertThat(restAs(doors, "admin", "wrong-" + attempt)).isEqualTo(401);
            } else {
                assertThat(doors.logIn("admin", "wrong-" + attempt).loginStatus).isEqualTo(401);
            }
            assertThat(doors.logIn("cs", "wrong-" + attempt).loginStatus).isEqualTo(401);
            now = now.plus(LONGEST_DELAY).plusSeconds(1);
        }
        Instant lastAttempt = now.minus(LONGEST_DELAY).minusSeconds(1);

        // then: within the delay even the right password waits
        ClockUtil.setCurrentTime(Date.from(lastAttempt.plusSeconds(30)));
        assertThat(restAs(doors, "admin", "admin")).isEqualTo(401);

        // and after it, both get in, through either door
        ClockUtil.setCurrentTime(Date.from(lastAttempt.plus(LONGEST_DELAY).plusSeconds(1)));
        assertThat(restAs(doors, "admin", "admin")).isEqualTo(200);
        assertThat(doors.logIn("admin", "admin").loginStatus).isEqualTo(200);
        assertThat(doors.logIn("cs", "cs").loginStatus).isEqualTo(200);
    }

    private static int restAs(EngineDoors doors, String user, String password) {
        return doors.rest(user, password, HttpMethod.GET, "/task/count", null, null, Map.of()).getStatusCode().value();
    }
}
