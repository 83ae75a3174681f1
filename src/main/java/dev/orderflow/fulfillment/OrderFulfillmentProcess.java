package dev.orderflow.fulfillment;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place that names what is in {@code bpmn/}: process key, element ids, message names, error codes,
 * decision keys, delegate bean names and variable names. Nothing else spells them out; the model contract
 * test checks that each of them exists in the models.
 */
public final class OrderFulfillmentProcess {

    public static final String PROCESS_KEY = "OrderFulfillmentProcess";
    public static final String RESOURCE = "order-fulfillment.bpmn";

    /** Ids of the diagram's tasks, events and gateways. */
    public static final class Elements {
        public static final String START_ORDER_RECEIVED = "StartEvent_OrderReceived";
        public static final String TASK_SEND_CONFIRMATION = "Task_SendConfirmation";
        public static final String TASK_REVIEW_ORDER = "Task_ReviewOrder";
        public static final String TASK_DECIDE_REVIEW = "Task_DecideReview";
        public static final String TASK_NOTIFY_REVIEW_STARTED = "Task_NotifyReviewStarted";
        public static final String USER_TASK_REVIEW_DISCREPANCY = "UserTask_ReviewDiscrepancy";
        public static final String BOUNDARY_REVIEW_ESCALATION = "BoundaryEvent_ReviewEscalation";
        public static final String TASK_ESCALATE_REVIEW = "Task_EscalateReview";
        public static final String END_REVIEW_ESCALATED = "EndEvent_ReviewEscalated";
        public static final String TASK_CANCEL_REVIEW_REJECTED = "Task_CancelReviewRejected";
        public static final String TASK_CHECK_INVENTORY = "Task_CheckInventory";
        public static final String TASK_NOTIFY_OUT_OF_STOCK = "Task_NotifyOutOfStock";
        public static final String GATEWAY_AWAIT_STOCK_DECISION = "Gateway_AwaitStockDecision";
        public static final String CATCH_STOCK_DECISION_RECEIVED = "CatchEvent_StockDecisionReceived";
        public static final String TIMER_STOCK_DECISION_TIMEOUT = "TimerEvent_StockDecisionTimeout";
        public static final String TASK_START_WAITING_FOR_RESTOCK = "Task_StartWaitingForRestock";
        public static final String GATEWAY_AWAIT_RESTOCK = "Gateway_AwaitRestock";
        public static final String CATCH_STOCK_REPLENISHED = "CatchEvent_StockReplenished";
        public static final String TIMER_RESTOCK_DEADLINE = "TimerEvent_RestockDeadline";
        public static final String TASK_NOTIFY_BACK_IN_STOCK = "Task_NotifyBackInStock";
        public static final String TASK_CANCEL_OUT_OF_STOCK = "Task_CancelOutOfStock";
        public static final String TASK_CANCEL_RESTOCK_TIMEOUT = "Task_CancelRestockTimeout";
        public static final String TASK_PICK_ITEMS = "Task_PickItems";
        public static final String BOUNDARY_PICK_SHORTAGE = "BoundaryEvent_PickShortage";
        public static final String USER_TASK_RESOLVE_PICK_SHORTAGE = "UserTask_ResolvePickShortage";
        public static final String TASK_PACK_PARCEL = "Task_PackParcel";
        public static final String TASK_SELECT_COURIER = "Task_SelectCourier";
        public static final String TASK_CREATE_LABEL = "Task_CreateLabel";
        public static final String TASK_HAND_OVER_TO_COURIER = "Task_HandOverToCourier";
        public static final String TASK_NOTIFY_SHIPPED = "Task_NotifyShipped";
        public static final String TASK_APPLY_COURIER_EVENTS = "Task_ApplyCourierEvents";
        public static final String GATEWAY_AWAIT_DELIVERY = "Gateway_AwaitDelivery";
        public static final String CATCH_ORDER_DELIVERED = "CatchEvent_OrderDelivered";
        public static final String CATCH_DELIVERY_FAILED = "CatchEvent_DeliveryFailed";
        public static final String TASK_NOTIFY_DELIVERY_FAILED = "Task_NotifyDeliveryFailed";
        public static final String TIMER_DELIVERY_OVERDUE = "TimerEvent_DeliveryOverdue";
        public static final String USER_TASK_INVESTIGATE_DELIVERY = "UserTask_InvestigateDelivery";
        public static final String BOUNDARY_DELIVERED_MEANWHILE = "BoundaryEvent_DeliveredMeanwhile";
        public static final String TASK_ARRANGE_REDELIVERY = "Task_ArrangeRedelivery";
        public static final String TASK_CANCEL_PARCEL_LOST = "Task_CancelParcelLost";
        public static final String TASK_RECORD_DELIVERY = "Task_RecordDelivery";
        public static final String TASK_NOTIFY_DELIVERED = "Task_NotifyDelivered";
        public static final String END_ORDER_DELIVERED = "EndEvent_OrderDelivered";
        public static final String TASK_REFUND_PAYMENT = "Task_RefundPayment";
        public static final String TASK_NOTIFY_CANCELLED = "Task_NotifyCancelled";
        public static final String END_ORDER_CANCELLED = "EndEvent_OrderCancelled";
        public static final String START_CANCELLATION_REQUESTED = "StartEvent_CancellationRequested";
        public static final String TASK_CANCEL_ON_REQUEST = "Task_CancelOnRequest";
        public static final String TASK_REFUND_ON_REQUEST = "Task_RefundOnRequest";
        public static final String TASK_NOTIFY_CANCELLED_ON_REQUEST = "Task_NotifyCancelledOnRequest";
        public static final String END_CANCELLED_ON_REQUEST = "EndEvent_CancelledOnRequest";

        /**
         * The staff tasks, by id: the service records each one's decision, its customer's timeline entry and its
         * Tasklist card by the task's id ({@code UserTaskListener}, {@code TaskCard}). A version of the diagram with
         * a staff task of another id is refused at deployment: nobody could complete it.
         */
        public static final Set<String> STAFF_TASKS = Set.of(USER_TASK_REVIEW_DISCREPANCY,
                USER_TASK_RESOLVE_PICK_SHORTAGE, USER_TASK_INVESTIGATE_DELIVERY);

        /**
         * The elements the running service acts on by their id, with the BPMN element type each must keep (the staff
         * tasks, and the refund a cancelled order without a process restarts at, {@code OrphanedOrders}). A version
         * of the diagram without one of them is refused at deployment. The model contract test checks every id
         * above at build time; these are the ones a diagram deployed from the Modeler must keep too.
         */
        public static final Map<String, String> ACTED_ON_AT_RUN_TIME = Map.of(
                USER_TASK_REVIEW_DISCREPANCY, "userTask",
                USER_TASK_RESOLVE_PICK_SHORTAGE, "userTask",
                USER_TASK_INVESTIGATE_DELIVERY, "userTask",
                TASK_REFUND_PAYMENT, "serviceTask");

        private Elements() {
        }
    }

    /** Spring bean names the diagram's expressions use. */
    public static final class Beans {
        public static final String SEND_NOTIFICATION = "sendNotificationDelegate";
        public static final String REVIEW_ORDER = "reviewOrderDelegate";
        public static final String ESCALATE_REVIEW = "escalateReviewDelegate";
        public static final String CHECK_INVENTORY = "checkInventoryDelegate";
        public static final String AWAIT_RESTOCK = "awaitRestockDelegate";
        public static final String PICK_ITEMS = "pickItemsDelegate";
        public static final String PACK_PARCEL = "packParcelDelegate";
        public static final String CREATE_LABEL = "createLabelDelegate";
        public static final String HAND_OVER_TO_COURIER = "handOverToCourierDelegate";
        public static final String ARRANGE_REDELIVERY = "arrangeRedeliveryDelegate";
        public static final String APPLY_COURIER_EVENTS = "applyCourierEventsDelegate";
        public static final String RECORD_DELIVERY = "recordDeliveryDelegate";
        public static final String CANCEL_ORDER = "cancelOrderDelegate";
        public static final String REFUND_PAYMENT = "refundPaymentDelegate";
        public static final String USER_TASK_LISTENER = "userTaskListener";
        /** timer durations and defaults from configuration: {@code ${orderflow.timeouts.delivery}} */
        public static final String SETTINGS = "orderflow";
        /** turns the review decision's matched rules into one line: {@code ${reviewText.reasons(...)}} */
        public static final String REVIEW_TEXT = "reviewText";

        private Beans() {
        }
    }

    /** Names of the messages the process waits for. */
    public static final class Messages {
        public static final String ORDER_DELIVERED = "OrderDelivered";
        public static final String DELIVERY_FAILED = "DeliveryFailed";
        public static final String STOCK_DECISION_RECEIVED = "StockDecisionReceived";
        public static final String STOCK_REPLENISHED = "StockReplenished";
        public static final String CANCELLATION_REQUESTED = "CancellationRequested";

        private Messages() {
        }
    }

    /** Codes of the BPMN errors steps throw and the diagram catches. */
    public static final class Errors {
        public static final String PICK_SHORTAGE = "PICK_SHORTAGE";

        private Errors() {
        }
    }

    /** Keys, resources and output names of the DMN decisions the process calls. */
    public static final class Decisions {
        public static final String ORDER_REVIEW = "OrderReview";
        public static final String COURIER_SELECTION = "CourierSelection";
        public static final String ORDER_REVIEW_RESOURCE = "order-review.dmn";
        public static final String COURIER_SELECTION_RESOURCE = "courier-selection.dmn";
        /** The output column of {@link #ORDER_REVIEW} that gives a matched rule's reason, in the reviewer's words. */
        public static final String ORDER_REVIEW_REASON_OUTPUT = "reviewReason";

        private Decisions() {
        }
    }

    /** Keys of the staff tasks' Camunda Forms. */
    public static final class Forms {
        public static final String REVIEW_DISCREPANCY = "ReviewDiscrepancyForm";
        public static final String RESOLVE_PICK_SHORTAGE = "ResolvePickShortageForm";
        public static final String INVESTIGATE_DELIVERY = "InvestigateDeliveryForm";

        private Forms() {
        }
    }

    /** Camunda groups that staff tasks are offered to. */
    public static final class Groups {
        public static final String CUSTOMER_SERVICE = "customer-service";
        public static final String CUSTOMER_SERVICE_LEADS = "customer-service-leads";
        public static final String WAREHOUSE = "warehouse";

        private Groups() {
        }
    }

    /** Names of the process variables steps, forms and the diagram share. */
    public static final class Variables {
        /** The order's id, also the process instance's business key. */
        public static final String ORDER_ID = "orderId";
        /** Input of every notification task: a {@code NotificationType} name. */
        public static final String NOTIFICATION_TYPE = "notificationType";
        /** Input of every cancel task: a {@code CancellationReason} name. */
        public static final String CANCELLATION_REASON = "cancellationReason";
        /** What the customer wrote when cancelling, if anything. */
        public static final String CANCELLATION_NOTE = "cancellationNote";
        public static final String CUSTOMER_NAME = "customerName";
        public static final String CUSTOMER_EMAIL = "customerEmail";
        public static final String DESTINATION_COUNTRY = "destinationCountry";
        public static final String PRICE_MISMATCH = "priceMismatch";
        public static final String ADDRESS_INCOMPLETE = "addressIncomplete";
        public static final String QUANTITY_ABOVE_LIMIT = "quantityAboveLimit";
        public static final String ORDER_TOTAL = "orderTotal";
        /*
         * A staff task's card: task-local variables written when the task opens. Its candidate groups read them
         * through their task's READ (Tasklist's filter list, the form), and nothing else of the order's process.
         */
        /** The shop's reference of the order (its {@code externalReference}). */
        public static final String CARD_SHOP_REFERENCE = "shopReference";
        /** The customer's name. */
        public static final String CARD_CUSTOMER = "customer";
        /** The order's total with its currency, as people read it ("€25.00"). */
        public static final String CARD_TOTAL = "total";
        /** Why the task exists, one line: the review's reasons, what was short, which parcel is overdue. */
        public static final String CARD_TASK_REASON = "taskReason";
        /** The order's history for staff when the task opened: timeline and internal notes, one per line. */
        public static final String CARD_ORDER_HISTORY = "orderHistory";
        public static final String REVIEW_LINES = "reviewLines";
        /** What the automatic checks found, one line (empty when nothing): the review's internal note shows it. */
        public static final String REVIEW_FINDINGS = "reviewFindings";
        public static final String REVIEW_REQUIRED = "reviewRequired";
        public static final String REVIEW_REASONS = "reviewReasons";
        /**
         * The variables staff set when completing a task, each with the values the service handles (empty: free
         * text); a form's editable fields may set only these.
         */
        public static final Map<String, Set<String>> STAFF_DECISIONS = Map.of(
                Variables.REVIEW_DECISION, names(ReviewDecision.values()),
                Variables.REVIEW_COMMENT, Set.of(),
                Variables.SHORTAGE_DECISION, names(ShortageDecision.values()),
                Variables.INVESTIGATION_OUTCOME, names(InvestigationOutcome.values()));

        private static Set<String> names(Enum<?>[] values) {
            return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet());
        }

        public static final String REVIEW_DECISION = "reviewDecision";
        public static final String REVIEW_COMMENT = "reviewComment";
        public static final String STOCK_RESERVED = "stockReserved";
        /**
         * The customer's answer to the stock question (WAIT or REFUND), set by their message only: when the order
         * waits or is cancelled without it, the customer did not answer in time and the diagram's default path
         * ({@code TimerEvent_StockDecisionTimeout}, then {@code Gateway_DefaultStockDecision}) decided. The step
         * that acts on the decision removes it, so a later round of the question starts without an answer.
         */
        public static final String STOCK_DECISION = "stockDecision";
        /** Until when the customer may answer the stock question (a date; their timeline entry shows it). */
        public static final String STOCK_DECISION_DEADLINE = "stockDecisionDeadline";
        public static final String RESTOCK_DEADLINE = "restockDeadline";
        public static final String SHORTAGE_DETAILS = "shortageDetails";
        public static final String SHORTAGE_DECISION = "shortageDecision";
        public static final String PARCEL_WEIGHT_GRAMS = "parcelWeightGrams";
        public static final String COURIER = "courier";
        public static final String SERVICE_LEVEL = "serviceLevel";
        public static final String TRACKING_NUMBER = "trackingNumber";
        public static final String DELIVERY_DEADLINE = "deliveryDeadline";
        public static final String INVESTIGATION_OUTCOME = "investigationOutcome";
        /**
         * Who decided what in the staff task just completed, one line; the step the decision leads to puts it in
         * its internal note (staff only) and removes it, so the decision and its effect are written together.
         */
        public static final String STAFF_DECISION = "staffDecision";
        /** What the courier's earlier events mean at the delivery wait: a {@code CourierNews} name, transient. */
        public static final String COURIER_NEWS = "courierNews";

        private Variables() {
        }
    }

    private OrderFulfillmentProcess() {
    }
}
