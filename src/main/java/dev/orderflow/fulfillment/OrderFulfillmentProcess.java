package dev.orderflow.fulfillment;

/**
 * The one place that names what is in {@code bpmn/order-fulfillment.bpmn}: process key, element ids,
 * message names and variable names. Nothing else spells them out; a model contract test checks that each
 * of them exists in the diagram.
 */
public final class OrderFulfillmentProcess {

    public static final String PROCESS_KEY = "OrderFulfillmentProcess";
    public static final String RESOURCE = "order-fulfillment.bpmn";

    public static final class Elements {
        public static final String START_ORDER_RECEIVED = "StartEvent_OrderReceived";
        public static final String TASK_SEND_CONFIRMATION = "Task_SendConfirmation";
        public static final String TASK_REVIEW_ORDER = "Task_ReviewOrder";
        public static final String TASK_CHECK_INVENTORY = "Task_CheckInventory";
        public static final String TASK_PICK_ITEMS = "Task_PickItems";
        public static final String TASK_PACK_PARCEL = "Task_PackParcel";
        public static final String TASK_HAND_OVER_TO_COURIER = "Task_HandOverToCourier";
        public static final String TASK_NOTIFY_SHIPPED = "Task_NotifyShipped";
        public static final String CATCH_ORDER_DELIVERED = "CatchEvent_OrderDelivered";
        public static final String TASK_NOTIFY_DELIVERED = "Task_NotifyDelivered";
        public static final String END_ORDER_DELIVERED = "EndEvent_OrderDelivered";

        private Elements() {
        }
    }

    /** Spring bean names of the delegates, as the diagram's {@code delegateExpression}s name them. */
    public static final class Delegates {
        public static final String SEND_NOTIFICATION = "sendNotificationDelegate";
        public static final String REVIEW_ORDER = "reviewOrderDelegate";
        public static final String CHECK_INVENTORY = "checkInventoryDelegate";
        public static final String PICK_ITEMS = "pickItemsDelegate";
        public static final String PACK_PARCEL = "packParcelDelegate";
        public static final String HAND_OVER_TO_COURIER = "handOverToCourierDelegate";

        private Delegates() {
        }
    }

    public static final class Messages {
        public static final String ORDER_DELIVERED = "OrderDelivered";

        private Messages() {
        }
    }

    public static final class Variables {
        /** The order's id, also the process instance's business key. */
        public static final String ORDER_ID = "orderId";
        /** Input of every notification task: a {@code NotificationType} name. */
        public static final String NOTIFICATION_TYPE = "notificationType";
        public static final String PRICE_MISMATCH = "priceMismatch";
        public static final String ADDRESS_INCOMPLETE = "addressIncomplete";
        public static final String QUANTITY_ABOVE_LIMIT = "quantityAboveLimit";
        public static final String ORDER_TOTAL = "orderTotal";
        public static final String STOCK_RESERVED = "stockReserved";
        public static final String TRACKING_NUMBER = "trackingNumber";

        private Variables() {
        }
    }

    private OrderFulfillmentProcess() {
    }
}
