package dev.orderflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends over SMTP ({@code spring.mail.*}): HTML with a plain-text alternative, the headers support tools file
 * by, and a Message-ID that is the same for every attempt of one mail.
 */
class SmtpNotificationSender implements NotificationSender {

    static final String TYPE_HEADER = "X-Orderflow-Notification";
    static final String ORDER_HEADER = "X-Orderflow-Order";

    private final JavaMailSenderImpl mail;
    private final String from;

    SmtpNotificationSender(JavaMailSenderImpl mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public void send(OutboxRepository.Outgoing outgoing) throws DeliveryFailure {
        MimeMessage message = prepare(outgoing);
        try {
            mail.send(message);
        } catch (MailAuthenticationException e) {
            throw new DeliveryFailure("the mail server refused our credentials: " + e.getMessage(), false, e);
        } catch (MailParseException | MailPreparationException e) {
            throw new DeliveryFailure("the mail cannot be built: " + e.getMessage(), true, e);
        } catch (MailException e) {
            throw new DeliveryFailure(describe(e), isPermanent(e), e);
        }
    }

    private MimeMessage prepare(OutboxRepository.Outgoing outgoing) throws DeliveryFailure {
        String messageId = outgoing.messageId();
        MimeMessage message = new MimeMessage(mail.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(outgoing.recipient());
            helper.setSubject(outgoing.subject());
            helper.setText(outgoing.text(), outgoing.html());
            message.setHeader(TYPE_HEADER, outgoing.type().name());
            message.setHeader(ORDER_HEADER, outgoing.orderId().toString());
            return message;
        } catch (AddressException e) {
            throw new DeliveryFailure("invalid address " + outgoing.recipient() + ": " + e.getMessage(), true, e);
        } catch (MessagingException e) {
            throw new DeliveryFailure("the mail cannot be built: " + e.getMessage(), true, e);
        }
    }

    /** Refused recipients and 5xx answers will not change by trying again; everything else might. */
    private static boolean isPermanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                    && refused.getInvalidAddresses().length > 0) {
                return true;
            }
            if (cause instanceof AddressException) {
                return true;
            }
            Integer code = smtpReturnCode(cause);
            if (code != null && code >= 500) {
                return true;
            }
        }
        return false;
    }

    private static Integer smtpReturnCode(Throwable cause) {
        try {
            return (Integer) cause.getClass().getMethod("getReturnCode").invoke(cause);
        } catch (ReflectiveOperationException | ClassCastException notAnSmtpException) {
            return null;
        }
    }

    private static String describe(MailException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? e.getMessage() : root.getMessage();
    }
}
