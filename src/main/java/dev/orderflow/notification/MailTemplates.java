package dev.orderflow.notification;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import dev.orderflow.inventory.Product;
import dev.orderflow.order.OrderView;
import dev.orderflow.order.OutOfStockPolicy;
import dev.orderflow.order.StockDecision;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders each notification as HTML with a plain-text alternative ({@code templates/mail/notification.*}).
 * Everything the customer typed is escaped by Thymeleaf in the HTML part.
 */
@Component
class MailTemplates {

    /** A rendered mail. */
    record Mail(String subject, String html, String text) {
    }

    /** What the mail says for one milestone. */
    record Message(String headline, String text) {
    }

    private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt");
    private final OutOfStockPolicy outOfStock;

    MailTemplates(OutOfStockPolicy outOfStock) {
        this.outOfStock = outOfStock;
    }

    /** The mail of {@code type} about {@code order}; {@code products} (by SKU) give its lines' names. */
    Mail render(NotificationType type, OrderView order, Map<String, Product> products) {
        String reference = reference(order);
        Map<String, String> names = products.values().stream()
                .collect(Collectors.toMap(Product::sku, Product::name));
        Context context = new Context();
        // the template shows the choice (its links and the default) only when this flag says so
        context.setVariable("asksForStockDecision", type == NotificationType.OUT_OF_STOCK);
        context.setVariable("order", order);
        context.setVariable("reference", reference);
        context.setVariable("names", names);
        context.setVariable("message", message(type, order));
        context.setVariable("subject", type.subject(reference));
        context.setVariable("waitUrl", order.trackingUrl() + "&choose=" + StockDecision.WAIT);
        context.setVariable("refundUrl", order.trackingUrl() + "&choose=" + StockDecision.REFUND);
        context.setVariable("defaultNote", "If we do not hear from you within "
                + humane(outOfStock.decisionTimeout()) + ", we "
                + switch (outOfStock.defaultDecision()) {
                    case WAIT -> "keep your order waiting for the goods.";
                    case REFUND -> "cancel the order and refund you.";
                });
        return new Mail(type.subject(reference), html.process("notification", context),
                text.process("notification", context));
    }

    static String reference(OrderView order) {
        return order.externalReference() != null ? order.externalReference()
                : "order " + order.orderId().toString().substring(0, 8);
    }

    private static Message message(NotificationType type, OrderView order) {
        return switch (type) {
            case ORDER_CONFIRMED -> new Message("Thank you for your order",
                    "We have received your order and will tell you when it ships. You can follow it at any time.");
            case REVIEW_STARTED -> new Message("We are checking your order",
                    "Something in your order needs a second look by our team, for example a price that has changed. "
                            + "We will be in touch if we need anything from you.");
            case OUT_OF_STOCK -> new Message("Part of your order is out of stock",
                    "Would you like to wait until everything is back in stock, or have your money back?");
            case BACK_IN_STOCK -> new Message("Back in stock",
                    "Good news: everything you ordered is in stock again, and your order is on its way through our "
                            + "warehouse.");
            case SHIPPED -> new Message("Your order is on its way",
                    "Your parcel is with " + order.courier() + ", tracking number " + order.trackingNumber() + ".");
            case DELIVERY_FAILED -> new Message("Delivery attempt failed",
                    "The courier could not deliver your parcel (tracking number " + order.trackingNumber()
                            + "). They will try again.");
            case DELIVERED -> new Message("Delivered", "Your parcel has been delivered. Enjoy!");
            case CANCELLED -> new Message("Your order is cancelled", order.refund() == null
                    ? "Your order has been cancelled. Your refund is on its way."
                    : "Your order has been cancelled. We have refunded " + order.refund().amount() + " "
                            + order.currency() + " (reference " + order.refund().reference() + ").");
        };
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
