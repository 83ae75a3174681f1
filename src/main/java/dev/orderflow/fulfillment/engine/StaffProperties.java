package dev.orderflow.fulfillment.engine;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Staff users created at start-up ({@code orderflow.staff.users}). The local run lists its demo users here;
 * other profiles list none and manage staff in Camunda Admin (or an identity provider) instead.
 */
@ConfigurationProperties("orderflow.staff")
record StaffProperties(List<StaffUser> users) {

    StaffProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    record StaffUser(String id, String password, String firstName, String lastName, String email, List<String> groups) {

        StaffUser {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }
}
