package dev.orderflow.system;

import org.springframework.security.core.Authentication;

/**
 * The roles of API users ({@code orderflow.security.api-users}): {@value #ORDER_API} for storefronts,
 * {@value #STAFF} for the shop's own staff and tools.
 */
public final class ApiRoles {

    /** Storefronts: place and follow orders, read the catalog and stock. */
    public static final String ORDER_API = "ORDER_API";
    /** The shop's staff: everything storefronts may, plus catalog, stock, pick lists and internal notes. */
    public static final String STAFF = "STAFF";

    private ApiRoles() {
    }

    /** Whether the caller of this request is an API user with role {@value #STAFF}; false for none. */
    public static boolean isStaff(Authentication caller) {
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + STAFF).equals(authority.getAuthority()));
    }
}
