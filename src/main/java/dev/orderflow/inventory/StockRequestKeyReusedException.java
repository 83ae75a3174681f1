package dev.orderflow.inventory;

/**
 * The API user's Idempotency-Key was used before for another restock or adjustment (another SKU, type, quantity,
 * reason or note). Nothing was changed; the message names the earlier change. The API answers 422, as for a key
 * of a placed order reused with another body.
 */
public class StockRequestKeyReusedException extends RuntimeException {

    StockRequestKeyReusedException(StockChangeRequest earlier) {
        super("this Idempotency-Key was used before for another stock change (" + earlier.describe()
                + "); use a new key for a new change");
    }
}
