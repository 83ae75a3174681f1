package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.orderflow.support.OrderflowApi;
import dev.orderflow.support.PlacingAnswers;
import dev.orderflow.support.PostgresIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A storefront that retries impatiently: the same Idempotency-Key many times at once makes one order. */
class IdempotencyOnPostgresTests extends PostgresIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HistoryService history;

    @Test
    void concurrentRequestsWithOneKeyCreateOneOrder() throws Exception {
        // given
        String body = OrderflowApi.order("PEN-BAMBOO", 3, "2.50").replace("SHOP-IT", "SHOP-IDEMPOTENT");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService storefront = Executors.newFixedThreadPool(12);
        List<Future<ResponseEntity<String>>> answers = new ArrayList<>();

        // when: twelve identical requests leave at the same moment
        try {
            Callable<ResponseEntity<String>> request = () -> {
                start.await();
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.APPLICATION_JSON);
                headers.set("Idempotency-Key", "checkout-4711");
                return api.storefront().exchange("/api/orders", HttpMethod.POST, new HttpEntity<>(body, headers),
                        String.class);
            };
            for (int i = 0; i < 12; i++) {
                answers.add(storefront.submit(request));
            }
            start.countDown();

            // then: every answer is the first one
            ResponseEntity<String> first = answers.get(0).get();
            for (var answer : answers) {
                assertThat(answer.get().getStatusCode().value()).isEqualTo(201);
                assertThat(answer.get().getBody()).isEqualTo(first.getBody());
            }
        } finally {
            storefront.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from customer_order where external_reference = 'SHOP-IDEMPOTENT'")
                .query(Integer.class).single()).isEqualTo(1);
        String orderId = jdbc.sql("select id from customer_order where external_reference = 'SHOP-IDEMPOTENT'")
                .query(String.class).single();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).count())
                .isEqualTo(1);
    }

    @Test
    void theAnswerToPlacingShowsTheOrderAsPostgresStoresIt() {
        PlacingAnswers.assertTheAnswerShowsTheOrderAsStored(api);
    }
}
