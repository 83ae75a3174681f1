package dev.orderflow.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.orderflow.shipping.CourierDirectory.CustomerCourier;
import dev.orderflow.system.RefusedToStart;
import org.junit.jupiter.api.Test;

/** What customers read of the courier that has their parcel, and where its link takes them. */
class CourierDirectoryTests {

    private static final String DHL_TRACKING =
            "https://www.dhl.de/en/privatkunden/dhl-sendungsverfolgung.html?piececode={trackingNumber}";

    @Test
    void configuredCourierShowsItsDisplayNameAndLinksToItsTrackingWithTheNumberEncoded() {
        CourierDirectory directory = directory(Map.of("dhl", courier("DHL", DHL_TRACKING)), List.of());

        CustomerCourier dhl = directory.forCustomers("dhl", "00340434 161/094&x=1");

        assertThat(dhl.displayName()).isEqualTo("DHL");
        assertThat(dhl.trackingUrl()).isEqualTo(
                "https://www.dhl.de/en/privatkunden/dhl-sendungsverfolgung.html?piececode=00340434%20161%2F094%26x%3D1");
        assertThat(dhl.trackingPageName()).isEqualTo("DHL's tracking page");
    }

    @Test
    void courierWithoutDisplayNameOrTrackingUrlShowsItsNameAndNoLink() {
        CourierDirectory directory = directory(Map.of("worldpost", courier(null, null)), List.of());

        assertThat(directory.forCustomers("worldpost", "WP-1")).isEqualTo(new CustomerCourier("worldpost", null));
    }

    @Test
    void parcelWithoutTrackingNumberGetsNoLink() {
        CourierDirectory directory = directory(Map.of("dhl", courier("DHL", DHL_TRACKING)), List.of());

        assertThat(directory.forCustomers("dhl", null)).isEqualTo(new CustomerCourier("DHL", null));
    }

    @Test
    void courierNoLongerConfiguredShowsTheStoredNameAndNoLink() {
        CourierDirectory directory = directory(Map.of("dhl", courier("DHL", DHL_TRACKING)), List.of());

        assertThat(directory.forCustomers("parcelco", "PC-1")).isEqualTo(new CustomerCourier("parcelco", null));
    }

    @Test
    void simulatedCourierReadsSimulatedCourierAndHasNoLink() {
        CourierDirectory directory = directory(Map.of(), List.of(new SimulatedCourier(0)));

        assertThat(directory.forCustomers("simulated", "SIM-ABC")).isEqualTo(
                new CustomerCourier("Simulated courier", null));
    }

    @Test
    void courierBeanOfAnotherShapeOffersItsOwnNameAndLinkOrTheDefaults() {
        CourierDirectory directory = directory(Map.of(), List.of(
                new OtherCourier("hermes", "Hermes", "https://www.myhermes.de/empfangen/sendungsverfolgung/?id={trackingNumber}"),
                new OtherCourier("plain", null, null)));

        CustomerCourier hermes = directory.forCustomers("hermes", "H1");
        assertThat(hermes.trackingUrl()).isEqualTo("https://www.myhermes.de/empfangen/sendungsverfolgung/?id=H1");
        assertThat(hermes.trackingPageName()).isEqualTo("Hermes' tracking page");
        assertThat(directory.forCustomers("plain", "P1")).isEqualTo(new CustomerCourier("plain", null));
    }

    @Test
    void courierBeanWithATrackingUrlWithoutPlaceholderRefusesTheStart() {
        assertThatThrownBy(() -> directory(Map.of(), List.of(new OtherCourier("hermes", "Hermes",
                "https://www.myhermes.de/"))))
                .isInstanceOf(RefusedToStart.class)
                .hasMessageContaining("courier 'hermes' (OtherCourier).tracking-url must contain {trackingNumber}");
    }

    private static CourierDirectory directory(Map<String, HttpCourierProperties> http, List<CourierPort> beans) {
        return new CourierDirectory(new Couriers(new CourierProperties(http), beans));
    }

    private static HttpCourierProperties courier(String displayName, String trackingUrl) {
        return new HttpCourierProperties("http://127.0.0.1:9", null, null, null, null, displayName, trackingUrl);
    }

    /** A courier with an API of another shape, as a developer adds one (docs/extending.md). */
    private record OtherCourier(String name, String displayName, String trackingUrl) implements CourierPort {

        @Override
        public String displayName() {
            return displayName == null ? CourierPort.super.displayName() : displayName;
        }

        @Override
        public Set<String> serviceLevels() {
            return Set.of("STANDARD");
        }

        @Override
        public Label createLabel(LabelRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PickupBooking bookPickup(UUID orderId, String trackingNumber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PickupBooking requestRedelivery(UUID orderId, String trackingNumber) {
            throw new UnsupportedOperationException();
        }
    }
}
