package dev.orderflow.tracking;

import dev.orderflow.order.OrderStatus;

/** What each status means to a customer: the page's headline and one sentence under it. */
record StatusText(String headline, String explanation) {

    static StatusText of(OrderStatus status) {
        return of(status, false, false, false);
    }

    /**
     * The headline for {@code status} in the order's situation: a pick shortage the warehouse still decides on
     * (while PICKING), a failed delivery attempt as the courier's latest news (while SHIPPED), every line out of
     * stock (while AWAITING_STOCK_DECISION).
     */
    static StatusText of(OrderStatus status, boolean shortagePending, boolean deliveryFailed,
            boolean wholeOrderOutOfStock) {
        if (status == OrderStatus.PICKING && shortagePending) {
            return new StatusText("We found fewer items on our shelf than expected",
                    "Our warehouse is deciding how your order goes on. We will e-mail you shortly.");
        }
        if (status == OrderStatus.SHIPPED && deliveryFailed) {
            return new StatusText("Delivery attempt failed",
                    "The courier could not deliver your parcel this time. It tries again or leaves you a notice.");
        }
        if (status == OrderStatus.AWAITING_STOCK_DECISION && wholeOrderOutOfStock) {
            return new StatusText("Your order is out of stock",
                    "Would you like to wait until it is back, or have your money back?");
        }
        return switch (status) {
            case RECEIVED -> new StatusText("Order received", "We have your order and are getting it ready.");
            case UNDER_REVIEW -> new StatusText("We are checking your order",
                    "We are checking a detail of your order before it goes to our warehouse. "
                            + "We will get in touch if we need anything from you.");
            case AWAITING_STOCK_DECISION -> new StatusText("Part of your order is out of stock",
                    "Would you like to wait until it is back, or have your money back?");
            case AWAITING_RESTOCK -> new StatusText("Waiting for stock",
                    "Your order ships as soon as the goods arrive.");
            case PICKING -> new StatusText("Being picked", "Our warehouse is collecting your items.");
            case PACKED -> new StatusText("Packed", "Your parcel is packed and waits for the courier.");
            case SHIPPED -> new StatusText("On its way", "The courier has your parcel.");
            case DELIVERED -> new StatusText("Delivered", "Your parcel has arrived. Enjoy!");
            case CANCELLED -> new StatusText("Cancelled", "This order is cancelled.");
        };
    }
}
