package dev.orderflow.notification;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.orderflow.inventory.InventoryService;
import dev.orderflow.inventory.StockLine;
import dev.orderflow.order.OrderStatus;
import dev.orderflow.order.OrderView;
import dev.orderflow.order.OutOfStockPolicy;
import dev.orderflow.order.StockDecision;
import dev.orderflow.shipping.CourierDirectory;
import dev.orderflow.shipping.CourierDirectory.CustomerCourier;
import dev.orderflow.system.CustomerFormat;
import dev.orderflow.system.ShopProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders each notification as HTML with a plain-text alternative ({@code templates/mail/notification.*}), in the
 * customer's words: the shop's reference, product names (never SKUs) with quantities, money with its currency and
 * times through {@link CustomerFormat}. Where the milestone has an entry on the customer's timeline when it is mailed
 * (waiting for stock, delivery failed, delivered, cancelled), the mail quotes that entry, so that mail and timeline tell the
 * customer the same thing in the same words; internal notes are never read. Everything the customer typed is
 * escaped by Thymeleaf in the HTML part.
 */
@Component
class MailTemplates {

    /** A rendered mail. */
    record Mail(String subject, String html, String text) {
    }

    /**
     * What the mail says for one milestone: a headline, a first sentence, and the timeline entry it quotes (the
     * readable time and the entry's text), or null.
     */
    record Message(String headline, String text, Update update) {
    }

    /** A timeline entry as the mail quotes it: when (to the minute) and what. */
    record Update(String time, String message) {
    }

    /** One order line: "2 × Steel water bottle 750 ml", the line's amount and, for more than one, each's price. */
    record Line(String item, String amount, String each) {
    }

    private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt");
    private final OutOfStockPolicy outOfStock;
    private final CustomerFormat format;
    private final CourierDirectory couriers;
    private final ShopProperties shop;
    private final InventoryService inventory;
    private final Duration restockTimeout;

    MailTemplates(OutOfStockPolicy outOfStock, CustomerFormat format, CourierDirectory couriers, ShopProperties shop,
            InventoryService inventory, @Value("${orderflow.timeouts.restock}") Duration restockTimeout) {
        this.shop = shop;
        this.inventory = inventory;
        this.restockTimeout = restockTimeout;
        this.outOfStock = outOfStock;
        this.format = format;
        this.couriers = couriers;
    }

    /**
     * The mail of {@code type} about {@code order}: the order as {@code OrderQueries.view} reads it, with its
     * customer timeline (its internal notes, if any, are not used).
     */
    Mail render(NotificationType type, OrderView order) {
        String reference = format.reference(order.externalReference(), order.orderId());
        String currency = order.currency();
        Context context = new Context();
        // "your order" rather than "part of your order" when no line can be served
        boolean wholeOrderOutOfStock = type == NotificationType.OUT_OF_STOCK && inventory.noneAvailable(
                order.lines().stream().map(line -> new StockLine(line.sku(), line.quantity())).toList());
        String subject = wholeOrderOutOfStock ? "Your order is out of stock: wait or refund? (" + reference + ")"
                : type.subject(reference);
        context.setVariable("shopName", shop.name());
        context.setVariable("shopContact", shop.contact());
        context.setVariable("shopContactHref", shop.contactHref());
        // the template shows the choice (its links and the default) only when this flag says so
        context.setVariable("asksForStockDecision", type == NotificationType.OUT_OF_STOCK);
        context.setVariable("shipped", type == NotificationType.SHIPPED || type == NotificationType.DELIVERY_FAILED);
        context.setVariable("customerName", order.customer().name());
        CustomerCourier courier = order.courier() == null ? new CustomerCourier(null, null)
                : couriers.forCustomers(order.courier(), order.trackingNumber());
        context.setVariable("courier", courier.displayName());
        // the courier's own tracking page; "trackingUrl" is ours
        context.setVariable("courierTrackingUrl", courier.trackingUrl());
        context.setVariable("courierTrackingPage", courier.trackingUrl() == null ? null : courier.trackingPageName());
        context.setVariable("trackingNumber", order.trackingNumber());
        context.setVariable("trackingUrl", order.trackingUrl());
        context.setVariable("reference", reference);
        context.setVariable("lines", order.lines().stream().map(line -> new Line(
                line.quantity() + " × " + line.name(),
                format.money(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())), currency),
                line.quantity() > 1 ? format.money(line.unitPrice(), currency) + " each" : null)).toList());
        context.setVariable("total", format.money(order.total(), currency));
        context.setVariable("message", message(type, order, wholeOrderOutOfStock));
        context.setVariable("refund", type != NotificationType.CANCELLED ? null : order.refund() == null
                ? "If you paid for this order, we pay you back in full."
                : "We have paid you back " + format.money(order.refund().amount(), currency) + " (refund reference "
                        + order.refund().reference() + ").");
        context.setVariable("subject", subject);
        context.setVariable("waitUrl", order.trackingUrl() + "&choose=" + StockDecision.WAIT);
        context.setVariable("refundUrl", order.trackingUrl() + "&choose=" + StockDecision.REFUND);
        context.setVariable("defaultNote", defaultNote(order));
        return new Mail(subject, html.process("notification", context),
                text.process("notification", context));
    }

    private Message message(NotificationType type, OrderView order, boolean wholeOrderOutOfStock) {
        return switch (type) {
            case ORDER_CONFIRMED -> new Message("Thank you for your order",
                    "We have received your order and will e-mail you when it is on its way. You can follow it at any "
                            + "time with the link below.", null);
            // mailed just before the review task opens (and writes its timeline entry): the same words, not a quote
            case REVIEW_STARTED -> new Message("We are checking your order",
                    "We are checking a detail of your order before it goes to our warehouse. We will get in touch "
                            + "if we need anything from you.", null);
            case OUT_OF_STOCK -> wholeOrderOutOfStock
                    ? new Message("Your order is out of stock", "What you ordered is not in stock just now. Would "
                            + "you like to wait until it is back, or have your money back?", null)
                    : new Message("Part of your order is out of stock",
                    "Some of what you ordered is not in stock just now. Would you like to wait until it is back, or "
                            + "have your money back?", null);
            case WAITING_FOR_STOCK -> new Message("We are waiting for new stock", waitingText(order),
                    quote(order, entered(order, OrderStatus.AWAITING_RESTOCK)));
            case BACK_IN_STOCK -> new Message("Back in stock",
                    "Good news: what you ordered is in stock again, and your order is on its way through our "
                            + "warehouse.", null);
            // the courier and tracking number follow below once: no quote of the timeline entry that names them too
            case SHIPPED -> new Message("Your order is on its way",
                    "Your parcel is with the courier. You can follow it with the tracking number below.", null);
            case DELIVERY_FAILED -> new Message("Delivery attempt failed",
                    "The courier could not deliver your parcel this time. The courier tries again or leaves you a "
                            + "notice that says where to collect your parcel. Please follow your parcel with the "
                            + "courier below; if it does not arrive, contact " + shop.name()
                            + " and give your order reference.",
                    quote(order, newest(order).filter(entry -> entry.status() == OrderStatus.SHIPPED)));
            case DELIVERED -> new Message("Delivered", "Your parcel has arrived. Enjoy!",
                    quote(order, entered(order, OrderStatus.DELIVERED)));
            case CANCELLED -> new Message("Your order is cancelled", "Your order has been cancelled.",
                    quote(order, entered(order, OrderStatus.CANCELLED)));
        };
    }

    /** Until when the order waits (from when it started waiting) and what happens then. */
    private String waitingText(OrderView order) {
        String until = entered(order, OrderStatus.AWAITING_RESTOCK)
                .map(entry -> "until " + format.time(entry.at().plus(restockTimeout)))
                .orElse("for up to " + humane(restockTimeout));
        return "Some of what you ordered is not on our shelf just now, so we keep your order waiting for new stock "
                + until + ". As soon as the goods arrive, we send your order on and e-mail you. If they are not "
                + "back by then, we cancel your order and pay you back in full. You can still cancel before: please "
                + "contact " + shop.name() + ".";
    }

    private String defaultNote(OrderView order) {
        String then = switch (outOfStock.defaultDecision()) {
            case WAIT -> "we keep your order waiting for the goods.";
            case REFUND -> "we cancel your order and pay you back in full.";
        };
        // the process's timer starts right after this entry is written: the time shown is never too early
        return entered(order, OrderStatus.AWAITING_STOCK_DECISION)
                .map(entry -> "Please choose by " + format.time(entry.at().plus(outOfStock.decisionTimeout()))
                        + ". If we do not hear from you by then, " + then)
                .orElse("If we do not hear from you within " + humane(outOfStock.decisionTimeout()) + ", " + then);
    }

    private Update quote(OrderView order, Optional<OrderView.TimelineEntry> entry) {
        return entry.map(found -> new Update(format.time(found.at()), found.message())).orElse(null);
    }

    /** The entry that last brought the order into {@code status}: the first of the newest run of entries in it. */
    private static Optional<OrderView.TimelineEntry> entered(OrderView order, OrderStatus status) {
        List<OrderView.TimelineEntry> entries = timeline(order);
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).status() == status && (i == 0 || entries.get(i - 1).status() != status)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    private static Optional<OrderView.TimelineEntry> newest(OrderView order) {
        List<OrderView.TimelineEntry> entries = timeline(order);
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    private static List<OrderView.TimelineEntry> timeline(OrderView order) {
        return order.timeline() == null ? List.of() : order.timeline();
    }

    private static String humane(Duration duration) {
        if (duration.toDays() >= 1 && duration.toHoursPart() == 0) {
            return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
        }
        if (duration.toHours() >= 1 && duration.toMinutesPart() == 0) {
            return duration.toHours() + (duration.toHours() == 1 ? " hour" : " hours");
        }
        return Math.max(1, duration.toMinutes()) + " minutes";
    }

    private static SpringTemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
