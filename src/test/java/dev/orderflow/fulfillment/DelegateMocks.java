package dev.orderflow.fulfillment;

import java.util.ArrayList;
import java.util.List;

import dev.orderflow.fulfillment.OrderFulfillmentProcess.Delegates;
import dev.orderflow.fulfillment.OrderFulfillmentProcess.Variables;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * Stand-ins for the Spring delegates in process tests: each records that it ran and sets the variables
 * its real counterpart would. Tests steer the outcome through the fields before they start the process.
 */
final class DelegateMocks {

    final List<String> notificationsSent = new ArrayList<>();
    final List<String> stepsRun = new ArrayList<>();
    boolean stockAvailable = true;

    DelegateMocks register() {
        Mocks.register(Delegates.SEND_NOTIFICATION, (JavaDelegate) execution ->
                notificationsSent.add((String) execution.getVariable(Variables.NOTIFICATION_TYPE)));
        Mocks.register(Delegates.REVIEW_ORDER, (JavaDelegate) execution -> {
            stepsRun.add(Delegates.REVIEW_ORDER);
            execution.setVariable(Variables.PRICE_MISMATCH, false);
            execution.setVariable(Variables.ADDRESS_INCOMPLETE, false);
            execution.setVariable(Variables.QUANTITY_ABOVE_LIMIT, false);
            execution.setVariable(Variables.ORDER_TOTAL, 25.0);
        });
        Mocks.register(Delegates.CHECK_INVENTORY, (JavaDelegate) execution -> {
            stepsRun.add(Delegates.CHECK_INVENTORY);
            execution.setVariable(Variables.STOCK_RESERVED, stockAvailable);
        });
        Mocks.register(Delegates.PICK_ITEMS, step(Delegates.PICK_ITEMS));
        Mocks.register(Delegates.PACK_PARCEL, step(Delegates.PACK_PARCEL));
        Mocks.register(Delegates.HAND_OVER_TO_COURIER, (JavaDelegate) execution -> {
            stepsRun.add(Delegates.HAND_OVER_TO_COURIER);
            execution.setVariable(Variables.TRACKING_NUMBER, "SIM-TEST0001");
        });
        return this;
    }

    private JavaDelegate step(String name) {
        return execution -> stepsRun.add(name);
    }

    static void reset() {
        Mocks.reset();
    }
}
