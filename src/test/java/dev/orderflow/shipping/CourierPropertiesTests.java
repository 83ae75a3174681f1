package dev.orderflow.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.orderflow.system.RefusedToStart;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code orderflow.couriers.<name>.*} as an operator writes it: several couriers, checked when bound. */
class CourierPropertiesTests {

    @Test
    void eachEntryIsACourierOfThatNameWithDefaultsForWhatIsLeftOut() {
        CourierProperties properties = bind(Map.of(
                "orderflow.couriers.parcelco.base-url", "https://api.parcelco.example/v2",
                "orderflow.couriers.parcelco.api-key", "pk-1",
                "orderflow.couriers.parcelco.service-levels", "STANDARD,EXPRESS_INSURED",
                "orderflow.couriers.parcelco.read-timeout", "PT5S",
                "orderflow.couriers.worldpost.base-url", "http://worldpost.internal:8080"));

        assertThat(properties.couriers()).containsOnlyKeys("parcelco", "worldpost");
        HttpCourierProperties parcelco = properties.couriers().get("parcelco");
        assertThat(parcelco.apiKey()).isEqualTo("pk-1");
        assertThat(parcelco.serviceLevels()).containsExactly("STANDARD", "EXPRESS_INSURED");
        assertThat(parcelco.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(parcelco.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.couriers().get("worldpost").serviceLevels())
                .containsExactly("STANDARD", "EXPRESS_INSURED", "INTERNATIONAL");
    }

    @Test
    void environmentVariablesNameACourierInLowerCase() {
        // given: ORDERFLOW_COURIERS_<NAME>_BASEURL, as docs/configuration.md writes it
        var environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "ORDERFLOW_COURIERS_PARCELCO_BASEURL", "https://api.parcelco.example",
                        "ORDERFLOW_COURIERS_PARCELCO_APIKEY", "pk-1",
                        "ORDERFLOW_COURIERS_PARCELCO_SERVICELEVELS", "STANDARD,INTERNATIONAL",
                        "ORDERFLOW_COURIERS_PARCELCO_DISPLAYNAME", "ParcelCo",
                        "ORDERFLOW_COURIERS_PARCELCO_TRACKINGURL", "https://track.parcelco.example/?id={trackingNumber}")));

        CourierProperties properties = Binder.get(environment).bind("orderflow", CourierProperties.class).get();

        HttpCourierProperties parcelco = properties.couriers().get("parcelco");
        assertThat(parcelco.baseUrl()).isEqualTo("https://api.parcelco.example");
        assertThat(parcelco.apiKey()).isEqualTo("pk-1");
        assertThat(parcelco.serviceLevels()).containsExactly("STANDARD", "INTERNATIONAL");
        assertThat(parcelco.displayName()).isEqualTo("ParcelCo");
        assertThat(parcelco.trackingUrl()).isEqualTo("https://track.parcelco.example/?id={trackingNumber}");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            orderflow.couriers.parcelco.base-url        | api.parcelco.example     | orderflow.couriers.parcelco.base-url must be an absolute http or https URL, is 'api.parcelco.example'
            orderflow.couriers.parcelco.base-url        | ftp://files.example      | orderflow.couriers.parcelco.base-url must be an absolute http or https URL, is 'ftp://files.example'
            orderflow.couriers.parcelco.api-key         | pk-1                     | orderflow.couriers.parcelco.base-url must be an absolute http or https URL, is not set
            orderflow.couriers.parcelco.service-levels  | ''                       | orderflow.couriers.parcelco.service-levels must name at least one service level
            orderflow.couriers.parcelco.read-timeout    | PT0S                     | orderflow.couriers.parcelco.read-timeout must be positive
            orderflow.couriers.parcelco.read-timeout    | PT29S                    | orderflow.couriers.parcelco.connect-timeout plus .read-timeout must be at most 30 s
            orderflow.couriers.Parcel_Co.base-url       | https://api.example      | orderflow.couriers.Parcel_Co: the courier's name 'Parcel_Co' must be 1 to 50 lower-case letters
            orderflow.couriers.simulated.base-url       | https://api.example      | orderflow.couriers.simulated: the name 'simulated' belongs to the simulated courier
            orderflow.couriers.parcelco.tracking-url    | track.parcelco.example/?id={trackingNumber} | orderflow.couriers.parcelco.tracking-url must be an absolute https or http URL, is 'track.parcelco.example/?id={trackingNumber}'
            orderflow.couriers.parcelco.tracking-url    | javascript:alert({trackingNumber})         | orderflow.couriers.parcelco.tracking-url must be an absolute https or http URL
            orderflow.couriers.parcelco.tracking-url    | https://track.parcelco.example/?id=        | orderflow.couriers.parcelco.tracking-url must contain {trackingNumber} where the tracking number goes, is 'https://track.parcelco.example/?id='
            orderflow.couriers.parcelco.display-name    | '  '                                       | orderflow.couriers.parcelco.display-name must be 1 to 100 characters, is empty
            """)
    void anInvalidEntryIsRefusedNamingTheProperty(String property, String value, String message) {
        // given: the entry with a valid base URL, except where the base URL (or its absence) is the point
        Map<String, String> configuration = new HashMap<>();
        if (!property.endsWith("base-url") && !property.endsWith("api-key")) {
            configuration.put("orderflow.couriers.parcelco.base-url", "https://api.parcelco.example");
        }
        configuration.put(property, value);

        assertThatThrownBy(() -> bind(configuration))
                .rootCause().isInstanceOf(RefusedToStart.class)
                .hasMessageStartingWith("Orderflow refuses to start: ")
                .hasMessageContaining(message);
    }

    @Test
    void displayNameAndTrackingUrlAreBoundAndOptional() {
        CourierProperties properties = bind(Map.of(
                "orderflow.couriers.dhl.base-url", "https://api.dhl.example",
                "orderflow.couriers.dhl.display-name", "DHL",
                "orderflow.couriers.dhl.tracking-url",
                "https://www.dhl.de/en/privatkunden/dhl-sendungsverfolgung.html?piececode={trackingNumber}",
                "orderflow.couriers.worldpost.base-url", "https://api.worldpost.example"));

        assertThat(properties.couriers().get("dhl").displayName()).isEqualTo("DHL");
        assertThat(properties.couriers().get("dhl").trackingUrl())
                .isEqualTo("https://www.dhl.de/en/privatkunden/dhl-sendungsverfolgung.html?piececode={trackingNumber}");
        assertThat(properties.couriers().get("worldpost").displayName()).isNull();
        assertThat(properties.couriers().get("worldpost").trackingUrl()).isNull();
    }

    @Test
    void aDisplayNameOfMoreThan100CharactersIsRefusedNamingTheProperty() {
        // given: 100 characters are fine, 101 are not
        bind(Map.of("orderflow.couriers.parcelco.base-url", "https://api.parcelco.example",
                "orderflow.couriers.parcelco.display-name", "P".repeat(100)));

        assertThatThrownBy(() -> bind(Map.of("orderflow.couriers.parcelco.base-url", "https://api.parcelco.example",
                "orderflow.couriers.parcelco.display-name", "P".repeat(101))))
                .rootCause().isInstanceOf(RefusedToStart.class)
                .hasMessageContaining("orderflow.couriers.parcelco.display-name must be 1 to 100 characters, is 101"
                        + " characters long");
    }

    @Test
    void noEntryIsNoCourier() {
        assertThat(bind(Map.of("orderflow.currency", "EUR")).couriers()).isEmpty();
    }

    private static CourierProperties bind(Map<String, String> configuration) {
        return new Binder(new MapConfigurationPropertySource(configuration))
                .bindOrCreate("orderflow", CourierProperties.class);
    }
}
