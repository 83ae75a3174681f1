package dev.orderflow.notification;

import dev.orderflow.system.ShopProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** SMTP when {@code spring.mail.host} is set (docker compose: Mailpit), the log otherwise. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "spring.mail", name = "host")
    NotificationSender smtpNotificationSender(JavaMailSenderImpl mail,
            @Value("${orderflow.notifications.from}") String from, ShopProperties shop) {
        // a bare address gets the shop's name, so that customers see whose mail it is
        return new SmtpNotificationSender(mail, from.contains("<") ? from
                : "\"" + shop.name().replace("\"", "'") + "\" <" + from.strip() + ">");
    }

    @Bean
    @Conditional(NoMailHost.class)
    NotificationSender loggingNotificationSender() {
        return new LoggingNotificationSender();
    }

    static final class NoMailHost implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String host = context.getEnvironment().getProperty("spring.mail.host");
            return host == null || host.isBlank();
        }
    }
}
