package dev.orderflow.inventory;

/**
 * An adjustment would leave less on hand than orders have reserved. Nothing was changed; the message gives the
 * figures. The API answers 409.
 */
public class StockBelowReservedException extends RuntimeException {

    private final String sku;

    StockBelowReservedException(String sku, int quantity, int onHand, int reserved) {
        super("adjusting " + sku + " by " + quantity + " would leave " + (onHand + quantity) + " on hand, below the "
                + reserved + " reserved (on hand now " + onHand + ")");
        this.sku = sku;
    }

    /** The SKU that was to be adjusted. */
    public String sku() {
        return sku;
    }
}
