package dev.orderflow.notification;

/**
 * Delivers one mail. Throws {@link DeliveryFailure} when the mail surely did not go out: permanent (the
 * mailbox does not exist, the server refuses it for good) or worth retrying (server unreachable or busy).
 * Anything else leaves the mail's fate unknown, and the relay will not risk sending it twice.
 */
interface NotificationSender {

    void send(OutboxRepository.Outgoing mail) throws DeliveryFailure;

    /** The mail was not delivered; {@code permanent} says whether trying again could help. */
    final class DeliveryFailure extends Exception {
        private final boolean permanent;

        DeliveryFailure(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        boolean permanent() {
            return permanent;
        }
    }
}
