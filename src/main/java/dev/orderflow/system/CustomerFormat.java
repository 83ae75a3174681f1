package dev.orderflow.system;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How texts for customers (timeline, tracking page, mails) and for staff's forms write money and times: in the
 * shop's locale ({@code orderflow.locale}, a BCP 47 tag, default {@code en-GB}) and time zone
 * ({@code orderflow.time-zone}, an IANA zone id, default {@code UTC}). The API itself keeps ISO 8601 instants and
 * decimal strings; this is only for people.
 */
@Component
public class CustomerFormat {

    private final Locale locale;
    private final ZoneId zone;
    private final DateTimeFormatter time;
    private final DateTimeFormatter date;

    CustomerFormat(@Value("${orderflow.locale:en-GB}") String locale,
            @Value("${orderflow.time-zone:UTC}") String zone) {
        this.locale = Locale.forLanguageTag(locale);
        this.zone = ZoneId.of(zone);
        this.time = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(this.locale).withZone(this.zone);
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(this.locale).withZone(this.zone);
    }

    /** Formats with the defaults ({@code en-GB}, {@code UTC}): for tests and tools without a Spring context. */
    public static CustomerFormat defaults() {
        return new CustomerFormat("en-GB", "UTC");
    }

    /**
     * An amount with its currency as people read it: {@code "€25.00"} for 25 EUR in {@code en-GB},
     * {@code "25,00 €"} in {@code de-DE}. {@code currency} is an ISO 4217 code.
     *
     * @throws IllegalArgumentException for a code that is not ISO 4217
     */
    public String money(BigDecimal amount, String currency) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency unit = Currency.getInstance(currency);
        format.setCurrency(unit);
        format.setMinimumFractionDigits(unit.getDefaultFractionDigits());
        format.setMaximumFractionDigits(unit.getDefaultFractionDigits());
        return format.format(amount);
    }

    /** A moment to the minute with the zone's name: {@code "30 Nov 2026, 13:24 UTC"} in {@code en-GB}. */
    public String time(Instant at) {
        return time.format(at) + " " + zoneName(at);
    }

    /** A day: {@code "30 November 2026"} in {@code en-GB}. */
    public String date(Instant at) {
        return date.format(at);
    }

    /**
     * How an order is named to people: the shop's own reference ({@code externalReference}) when the storefront
     * gave one, otherwise the first 8 characters of the order's id in capitals ({@code "0B6F8A3E"}): short enough
     * to read out on the phone, and never the whole id.
     */
    public String reference(String externalReference, UUID orderId) {
        return externalReference != null && !externalReference.isBlank() ? externalReference
                : orderId.toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    private String zoneName(Instant at) {
        return DateTimeFormatter.ofPattern("zzz", locale).withZone(zone).format(at);
    }
}
