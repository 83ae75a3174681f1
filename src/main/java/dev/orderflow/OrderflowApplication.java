package dev.orderflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Spring Boot application: order intake, the fulfillment process on the embedded Camunda engine, and its
 * web API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OrderflowApplication {

    /** Starts the service; {@code args} are Spring Boot's ({@code --server.port=8080}, ...). */
    public static void main(String[] args) {
        SpringApplication.run(OrderflowApplication.class, args);
    }
}
