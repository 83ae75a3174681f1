package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

/** {@code orderflow.shop.*} as the service binds it: the shop's name and contact, or a start refusal naming them. */
class ShopPropertiesTests {

    @Test
    void aNameAndAnEmailOrHttpsContactAreTakenAsGiven() {
        ShopProperties mail = bind(Map.of("orderflow.shop.name", " Candle Corner ",
                "orderflow.shop.contact", "help@candles.example"));
        ShopProperties web = bind(Map.of("orderflow.shop.name", "Candle Corner",
                "orderflow.shop.contact", "https://candles.example/contact"));

        assertThat(mail.name()).isEqualTo("Candle Corner");
        assertThat(mail.contactHref()).isEqualTo("mailto:help@candles.example");
        assertThat(web.contactHref()).isEqualTo("https://candles.example/contact");
        assertThat(bind(Map.of("orderflow.shop.name", "Candle Corner")).contactHref()).isNull();
    }

    @Test
    void withoutANameTheSendersNameOfTheNotificationsIsTheShopsName() {
        ShopProperties shop = bind(Map.of("orderflow.shop.notifications-from", "Candle Corner <orders@candles.example>"));

        assertThat(shop.name()).isEqualTo("Candle Corner");
    }

    @Test
    void noNameAnywhereRefusesTheStartNamingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("orderflow.shop.notifications-from", "orders@candles.example")))
                .rootCause().isInstanceOf(RefusedToStart.class).hasMessageContaining("orderflow.shop.name is not set");
    }

    @Test
    void aContactThatIsNeitherAnAddressNorAnHttpsUrlRefusesTheStartNamingTheProperty() {
        for (String contact : new String[] {"http://candles.example/contact", "call us", "javascript:alert(1)"}) {
            assertThatThrownBy(() -> bind(Map.of("orderflow.shop.name", "Candle Corner",
                    "orderflow.shop.contact", contact))).as(contact).rootCause()
                    .isInstanceOf(RefusedToStart.class)
                    .hasMessageContaining("orderflow.shop.contact must be an e-mail address or an https URL");
        }
    }

    private static ShopProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("orderflow.shop", ShopProperties.class);
    }
}
