package dev.orderflow.tracking;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.orderflow.order.OrderStatus;
import dev.orderflow.order.OrderView;
import dev.orderflow.order.OutOfStockPolicy;
import dev.orderflow.order.StockDecision;
import dev.orderflow.shipping.CourierDirectory;
import dev.orderflow.shipping.CourierDirectory.CustomerCourier;
import dev.orderflow.system.CustomerFormat;
import dev.orderflow.system.ShopProperties;

/**
 * What the tracking page shows of one order, already in the words and formats a customer reads: the shop's
 * reference (never the order's id), money with its currency, times to the minute, product names (never SKUs), the
 * customer's timeline only (never internal notes) and the deadlines that apply now.
 *
 * @param reference the shop's reference, or a short one made from the id (see {@link CustomerFormat#reference})
 * @param courier the courier's display name (see {@link CourierDirectory}), or null before it has the parcel
 * @param courierTrackingUrl the courier's own tracking page for this parcel, or null when it has none
 * @param decisionDeadline while a stock decision is pending: the earliest moment the default applies, or null
 * @param defaultDecision what applies when the customer does not choose in time
 * @param restockDeadline while the order waits for a restock: until when it waits at least, or null
 * @param cancellable before courier handoff and not cancelled: the shop can still cancel it
 * @param refund the amount paid back, as money, or null when none (yet)
 * @param shortagePending while PICKING: the warehouse found goods missing on the shelf and decides how it goes on
 * @param deliveryFailed while SHIPPED: the courier's latest news is a failed delivery attempt
 * @param wholeOrderOutOfStock while a stock decision is pending: every line is out of stock, not just a part
 * @param shopName the shop's name ({@code orderflow.shop.name})
 * @param shopContact the shop's e-mail address or web address, or null when not configured
 * @param shopContactHref the link to the contact (mailto: or https), or null
 */
record TrackingPage(String reference, OrderStatus status, StatusText statusText, List<Line> lines, String total,
        String customerName, List<String> address, String courier, String courierTrackingUrl, String trackingNumber,
        List<Entry> timeline,
        String decisionDeadline, StockDecision defaultDecision, String restockDeadline, boolean cancellable,
        String refund, String refundReference, boolean shortagePending, boolean deliveryFailed,
        boolean wholeOrderOutOfStock, String shopName, String shopContact, String shopContactHref) {

    /** What the page knows besides the order: the warehouse's, courier's and stock's news, and the shop. */
    record Situation(boolean shortagePending, boolean deliveryFailed, boolean wholeOrderOutOfStock,
            ShopProperties shop) {
    }

    /** One order line: product name, quantity, the line's amount and, for more than one, the price of each. */
    record Line(String name, int quantity, String amount, String each) {
    }

    /** One entry of the customer's timeline: ISO instant (for {@code <time datetime>}), readable time, text. */
    record Entry(String at, String time, String message) {
    }

    static TrackingPage of(OrderView order, CustomerFormat format, OutOfStockPolicy outOfStock,
            Duration restockTimeout, CourierDirectory couriers, Situation situation) {
        CustomerCourier courier = order.courier() == null ? new CustomerCourier(null, null)
                : couriers.forCustomers(order.courier(), order.trackingNumber());
        String currency = order.currency();
        List<Line> lines = order.lines().stream().map(line -> new Line(line.name(), line.quantity(),
                format.money(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())), currency),
                line.quantity() > 1 ? format.money(line.unitPrice(), currency) : null)).toList();
        List<Entry> timeline = order.timeline().stream()
                .map(entry -> new Entry(entry.at().toString(), format.time(entry.at()), entry.message())).toList();
        // the process's timer starts right after the status change is written, so these are never too early
        String decisionDeadline = order.status() == OrderStatus.AWAITING_STOCK_DECISION
                ? enteredAt(order, OrderStatus.AWAITING_STOCK_DECISION)
                        .map(at -> format.time(at.plus(outOfStock.decisionTimeout()))).orElse(null)
                : null;
        String restockDeadline = order.status() == OrderStatus.AWAITING_RESTOCK
                ? enteredAt(order, OrderStatus.AWAITING_RESTOCK).map(at -> format.time(at.plus(restockTimeout)))
                        .orElse(null)
                : null;
        return new TrackingPage(format.reference(order.externalReference(), order.orderId()), order.status(),
                StatusText.of(order.status(), situation.shortagePending(), situation.deliveryFailed(),
                        situation.wholeOrderOutOfStock()), lines, format.money(order.total(), currency), order.customer().name(),
                address(order.shippingAddress()), courier.displayName(), courier.trackingUrl(), order.trackingNumber(),
                timeline, decisionDeadline,
                outOfStock.defaultDecision(), restockDeadline, order.status().isOpen(),
                order.refund() == null ? null : format.money(order.refund().amount(), currency),
                order.refund() == null ? null : order.refund().reference(),
                situation.shortagePending() && order.status() == OrderStatus.PICKING,
                situation.deliveryFailed() && order.status() == OrderStatus.SHIPPED,
                situation.wholeOrderOutOfStock() && order.status() == OrderStatus.AWAITING_STOCK_DECISION,
                situation.shop().name(), situation.shop().contact(), situation.shop().contactHref());
    }

    /**
     * The words of the link to the courier's tracking page, e.g. "DHL's tracking page"; null without a link.
     * Public: the template calls it.
     */
    public String courierTrackingPage() {
        return courierTrackingUrl == null ? null : new CustomerCourier(courier, courierTrackingUrl).trackingPageName();
    }

    /** When the order last came into {@code status}: the first entry of the newest run of entries in it. */
    static Optional<Instant> enteredAt(OrderView order, OrderStatus status) {
        List<OrderView.TimelineEntry> entries = order.timeline();
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).status() == status && (i == 0 || entries.get(i - 1).status() != status)) {
                return Optional.of(entries.get(i).at());
            }
        }
        return Optional.empty();
    }

    private static List<String> address(dev.orderflow.order.PlaceOrderRequest.Address address) {
        List<String> lines = new ArrayList<>();
        lines.add(address.line1());
        if (address.line2() != null && !address.line2().isBlank()) {
            lines.add(address.line2());
        }
        lines.add(address.postalCode() + " " + address.city());
        String country = new Locale("", address.country()).getDisplayCountry(Locale.UK);
        lines.add(country.isBlank() ? address.country() : country);
        return lines;
    }
}
