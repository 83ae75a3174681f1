package dev.orderflow.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Secrets of the API users and the courier webhook. Outside the local run they come from the environment
 * and {@link RequiredSecretsCheck} refuses to start without them.
 */
@ConfigurationProperties("orderflow.security")
public record SecurityProperties(String storefrontPassword, String staffPassword, String webhookSecret) {
}
