package dev.orderflow.tracking;

import dev.orderflow.order.OrderStatus;

/** What each status means to a customer: the page's headline and one sentence under it. */
record StatusText(String headline, String explanation) {

    static StatusText of(OrderStatus status) {
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
