package dev.orderflow.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.orderflow.support.OrderflowApi;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * How often the process reads an order and the catalog on its way from placement to SHIPPED: each step reads the
 * order (row and lines) at most once and the catalog's products at most once, and hands them to the services it
 * calls. Counted with a statement counter around the data source, by step (every process delegate is wrapped so the
 * statements it runs are attributed to it). A read is a SELECT on {@code customer_order} or {@code product}; the
 * timeline note that takes the order's status inside its own INSERT is a write, not counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:order-reads-per-step;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        "camunda.bpm.generate-unique-process-engine-name=true",
        // Camunda's webapps keep static state per JVM: only the local-run test context may start them
        "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"
})
@Import(OrderReadsPerStepTests.Counting.class)
class OrderReadsPerStepTests {

    /** One run of one process step, and the reads it made. */
    record Step(String bean, int orderReads, int productReads) {
    }

    private static final Pattern ORDER_READ = Pattern.compile("^\\s*select\\b.*\\b(from|join)\\s+customer_order\\b",
            Pattern.DOTALL);
    private static final Pattern PRODUCT_READ = Pattern.compile("^\\s*select\\b.*\\b(from|join)\\s+product\\b",
            Pattern.DOTALL);
    private static final ThreadLocal<int[]> CURRENT = new ThreadLocal<>();
    static final List<Step> STEPS = Collections.synchronizedList(new ArrayList<>());

    @TestConfiguration
    static class Counting {

        @Bean
        static BeanPostProcessor countReadsPerStep() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof DataSource dataSource && !(bean instanceof CountingDataSource)) {
                        return new CountingDataSource(dataSource);
                    }
                    if (bean instanceof JavaDelegate delegate) {
                        return (JavaDelegate) execution -> {
                            int[] reads = new int[2];
                            CURRENT.set(reads);
                            try {
                                delegate.execute(execution);
                            } finally {
                                CURRENT.remove();
                                STEPS.add(new Step(name, reads[0], reads[1]));
                            }
                        };
                    }
                    return bean;
                }
            };
        }
    }

    /** Hands out connections that count the order and catalog SELECTs of the step running on this thread. */
    static class CountingDataSource extends DelegatingDataSource {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counting(super.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return counting(super.getConnection(user, password));
        }

        private static Connection counting(Connection connection) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                    count(sql);
                }
                return invoke(connection, method, args);
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
        }

        private static void count(String sql) {
            int[] reads = CURRENT.get();
            if (reads == null) {
                return;
            }
            String text = sql.toLowerCase(Locale.ROOT);
            if (ORDER_READ.matcher(text).find()) {
                reads[0]++;
            }
            if (PRODUCT_READ.matcher(text).find()) {
                reads[1]++;
            }
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Autowired
    TestRestTemplate http;

    OrderflowApi api;

    @BeforeEach
    void connectApi() {
        api = new OrderflowApi(http, "storefront", "staff", "courier-secret");
    }

    @Test
    void eachStepReadsTheOrderAndTheCatalogAtMostOnceOnTheWayToShipped() {
        // given: nothing ran before (the steps of this context's only order are recorded)
        STEPS.clear();

        // when: an order that needs no review runs from placement to SHIPPED
        String orderId = api.placed(OrderflowApi.order("SOAP-OLIVE", 1, "4.90"));
        api.awaitStatus(orderId, "SHIPPED");

        // then: each step read the order at most once and the catalog at most once
        List<Step> steps;
        synchronized (STEPS) {
            steps = List.copyOf(STEPS);
        }
        assertThat(steps).extracting(Step::bean).containsExactly("sendNotificationDelegate", "reviewOrderDelegate",
                "checkInventoryDelegate", "pickItemsDelegate", "packParcelDelegate", "createLabelDelegate",
                "handOverToCourierDelegate", "sendNotificationDelegate", "applyCourierEventsDelegate");
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.orderReads()).as(step.bean() + " reads of customer_order").isLessThanOrEqualTo(1);
            assertThat(step.productReads()).as(step.bean() + " reads of product").isLessThanOrEqualTo(1);
        });
        // in numbers: 6 reads of the order (a step that locks the row reads it with the lock; the steps of one job
        // share what an earlier step of the same transaction read: the review and the packing read none) and 3 of
        // the catalog (the review, the pick list, the packing; the mails name products from the order's lines,
        // which keep their names); when each service loaded the order itself they were 11 and 5, the review
        // reading the order twice, and 8 when every step read it once
        assertThat(steps.stream().mapToInt(Step::orderReads).sum()).isEqualTo(6);
        assertThat(steps.stream().mapToInt(Step::productReads).sum()).isEqualTo(3);
    }
}
