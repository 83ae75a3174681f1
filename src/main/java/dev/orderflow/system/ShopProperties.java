package dev.orderflow.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shop as customers know it: {@code orderflow.shop.name} (greeting, sign-off and sender's name of the mails,
 * the tracking page; 1 to 100 characters; when not set, the name in {@code orderflow.notifications.from}, e.g.
 * "Orderflow" from {@code Orderflow <orders@orderflow.local>}) and {@code orderflow.shop.contact} (optional: an
 * e-mail address or an https URL where customers reach the shop). Checked when bound: anything else refuses the
 * start naming the property.
 *
 * @param name the shop's name as customers read it, never blank
 * @param contact an e-mail address or https URL, or null when not set
 * @param notificationsFrom {@code orderflow.notifications.from}, bound through
 *        {@code orderflow.shop.notifications-from} (application.yaml): only its sender's name is read, as the default
 *        name
 */
@ConfigurationProperties("orderflow.shop")
public record ShopProperties(String name, String contact, String notificationsFrom) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");
    private static final Pattern NAME_IN_FROM = Pattern.compile("\\s*\"?([^\"<]*?)\"?\\s*<[^>]*>\\s*");

    /** @throws RefusedToStart when the name or the contact is not usable */
    public ShopProperties {
        if (name == null || name.isBlank()) {
            name = notificationsFrom == null ? null : nameIn(notificationsFrom);
        }
        name = name == null ? null : name.strip();
        contact = contact == null || contact.isBlank() ? null : contact.strip();
        List<String> problems = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            problems.add("orderflow.shop.name is not set (and orderflow.notifications.from names no sender): "
                    + "customers would not know whose mails they read");
        } else if (name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            problems.add("orderflow.shop.name must be 1 to 100 characters on one line");
        }
        if (contact != null && !isEmail(contact) && !isHttpsUrl(contact)) {
            problems.add("orderflow.shop.contact must be an e-mail address or an https URL, is '" + contact + "'");
        }
        if (!problems.isEmpty()) {
            throw new RefusedToStart("Orderflow refuses to start: " + String.join("; ", problems) + ".",
                    "Correct these properties (docs/configuration.md, section Customers).");
        }
    }

    /** The shop's name with no contact: for tests. */
    public static ShopProperties named(String name) {
        return new ShopProperties(name, null, null);
    }

    /** The contact is an e-mail address (else, when set, an https URL). */
    public boolean contactIsEmail() {
        return contact != null && isEmail(contact);
    }

    /** Where the contact points: {@code mailto:…} for an address, the URL otherwise; null without a contact. */
    public String contactHref() {
        return contact == null ? null : contactIsEmail() ? "mailto:" + contact : contact;
    }

    private static String nameIn(String from) {
        var matcher = NAME_IN_FROM.matcher(from);
        return matcher.matches() && !matcher.group(1).isBlank() ? matcher.group(1) : null;
    }

    private static boolean isEmail(String contact) {
        return EMAIL.matcher(contact).matches() && contact.length() <= 254;
    }

    private static boolean isHttpsUrl(String contact) {
        try {
            URI uri = new URI(contact);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException notAUrl) {
            return false;
        }
    }
}
