package dev.orderflow.tracking;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.orderflow.inventory.InventoryService;
import dev.orderflow.inventory.StockLine;
import dev.orderflow.order.OrderLifecycle;
import dev.orderflow.order.OrderQueries;
import dev.orderflow.order.OrderStateConflictException;
import dev.orderflow.order.OrderStatus;
import dev.orderflow.order.OrderView;
import dev.orderflow.order.OutOfStockPolicy;
import dev.orderflow.order.StockDecision;
import dev.orderflow.shipping.CourierDirectory;
import dev.orderflow.shipping.ShippingService;
import dev.orderflow.system.CustomerFormat;
import dev.orderflow.system.ShopProperties;
import dev.orderflow.warehouse.WarehouseService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The customer's tracking page. The token in the link grants access to this one order; a wrong token gets
 * the same 404 page as an unknown order. While a stock decision is pending the page offers wait and refund.
 */
@Controller
@RequestMapping("/track/{orderId}")
class TrackingController {

    private final OrderQueries orders;
    private final OrderLifecycle lifecycle;
    private final CustomerFormat format;
    private final OutOfStockPolicy outOfStock;
    private final Duration restockTimeout;
    private final CourierDirectory couriers;
    private final WarehouseService warehouse;
    private final ShippingService shipping;
    private final InventoryService inventory;
    private final ShopProperties shop;

    TrackingController(OrderQueries orders, OrderLifecycle lifecycle, CustomerFormat format,
            OutOfStockPolicy outOfStock, @Value("${orderflow.timeouts.restock}") Duration restockTimeout,
            CourierDirectory couriers, WarehouseService warehouse, ShippingService shipping,
            InventoryService inventory, ShopProperties shop) {
        this.warehouse = warehouse;
        this.shipping = shipping;
        this.inventory = inventory;
        this.shop = shop;
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.format = format;
        this.outOfStock = outOfStock;
        this.restockTimeout = restockTimeout;
        this.couriers = couriers;
    }

    @GetMapping
    ModelAndView page(@PathVariable String orderId, @RequestParam(required = false) String token,
            @RequestParam(required = false) String choose) {
        return find(orderId, token)
                .map(order -> new ModelAndView("track/order")
                        .addObject("orderId", order.orderId())
                        .addObject("page", TrackingPage.of(order, format, outOfStock, restockTimeout, couriers,
                                situation(order)))
                        .addObject("token", token)
                        .addObject("decisionPending", order.status() == OrderStatus.AWAITING_STOCK_DECISION)
                        // the e-mail's links only preselect: a link never changes an order (mail scanners open them)
                        .addObject("chosen", StockDecision.of(choose).orElse(null))
                        .addObject("waitDecision", StockDecision.WAIT)
                        .addObject("refundDecision", StockDecision.REFUND))
                .orElseGet(TrackingController::notFound);
    }

    @PostMapping("/stock-decision")
    ModelAndView decide(@PathVariable String orderId, @RequestParam(required = false) String token,
            @RequestParam(required = false) String decision, RedirectAttributes flash) {
        var order = find(orderId, token);
        if (order.isEmpty()) {
            return notFound();
        }
        var chosen = StockDecision.of(decision);
        if (chosen.isEmpty()) {
            flash.addFlashAttribute("notice", "Please choose one of the two buttons.");
        } else {
            try {
                lifecycle.decideStock(order.get().orderId(), chosen.get());
                flash.addFlashAttribute("notice", switch (chosen.get()) {
                    case WAIT -> "Thank you. We will ship your order as soon as the goods are back in stock.";
                    case REFUND -> "Thank you. Your order is cancelled and your money is on its way back.";
                });
            } catch (OrderStateConflictException noLongerPending) {
                flash.addFlashAttribute("notice", "This order no longer waits for your decision.");
            }
        }
        String back = UriComponentsBuilder.fromPath("/track/{orderId}").queryParam("token", token)
                .buildAndExpand(order.get().orderId()).encode().toUriString();
        return new ModelAndView("redirect:" + back);
    }

    /** The news the order's row does not hold: read only in the state where it matters. */
    private TrackingPage.Situation situation(OrderView order) {
        // a shortage found since the order last went to picking waits for the warehouse's decision (a shortage
        // from before a restock was decided already)
        boolean shortagePending = order.status() == OrderStatus.PICKING
                && TrackingPage.enteredAt(order, OrderStatus.PICKING)
                        .map(since -> warehouse.shortageFoundSince(order.orderId(), since)).orElse(false);
        boolean deliveryFailed = order.status() == OrderStatus.SHIPPED
                && shipping.lastDeliveryAttemptFailed(order.orderId());
        boolean wholeOrderOutOfStock = order.status() == OrderStatus.AWAITING_STOCK_DECISION
                && inventory.noneAvailable(order.lines().stream()
                        .map(line -> new StockLine(line.sku(), line.quantity())).toList());
        return new TrackingPage.Situation(shortagePending, deliveryFailed, wholeOrderOutOfStock, shop);
    }

    private Optional<OrderView> find(String orderId, String token) {
        try {
            return orders.viewWithTrackingToken(UUID.fromString(orderId), token);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static ModelAndView notFound() {
        return message(HttpStatus.NOT_FOUND, "Order not found",
                "We could not find this order. Please use the full link from your confirmation e-mail.");
    }

    /** A page with nothing but a headline and a sentence: not found, or something went wrong. */
    static ModelAndView message(HttpStatus status, String headline, String explanation) {
        ModelAndView page = new ModelAndView("track/message");
        page.addObject("headline", headline);
        page.addObject("explanation", explanation);
        page.setStatus(status);
        return page;
    }
}
