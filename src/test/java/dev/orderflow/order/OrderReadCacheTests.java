package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An order is read once per transaction (the steps of one job share the read), a transaction sees its own writes,
 * and a transaction never sees another one's reads or writes through it.
 */
class OrderReadCacheTests extends LocalRunTest {

    @Autowired
    OrderQueries queries;

    @Autowired
    OrderRepository repository;

    @Autowired
    OrderLifecycle lifecycle;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    UUID orderId;

    @BeforeEach
    void anOrderWaitingForTheCustomer() {
        // out of stock: it waits for the customer's decision, and nothing else changes it meanwhile
        orderId = UUID.fromString(api.placed(OrderflowApi.order("TSHIRT-ORG-L", 1, "24.00")));
        api.awaitStatus(orderId.toString(), "AWAITING_STOCK_DECISION");
    }

    @Test
    void aTransactionReadsTheOrderOnceAndSeesItsOwnWrites() {
        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            // given: a step read the order
            OrderView first = queries.forFulfillment(orderId);

            // when: another transaction renames the customer meanwhile (no lock taken yet)
            inAnotherTransaction(() -> rename(orderId, "Renamed Meanwhile"));

            // then: later steps of this transaction work with what the first one read
            assertThat(queries.forFulfillment(orderId).customer().name()).isEqualTo(first.customer().name());
            assertThat(queries.forFulfillment(orderId).lines()).isEqualTo(first.lines());

            // when: this transaction writes the order
            repository.setShipment(orderId, "parcelco", "PC-CACHE-1");

            // then: it reads its own write
            assertThat(queries.forFulfillment(orderId).trackingNumber()).isEqualTo("PC-CACHE-1");

            // when: a step locks the order
            OrderView locked = lifecycle.lockForFulfillment(orderId);

            // then: the locked row is the database's, and so is every read after it
            assertThat(locked.customer().name()).isEqualTo("Renamed Meanwhile");
            assertThat(queries.forFulfillment(orderId).customer().name()).isEqualTo("Renamed Meanwhile");
            assertThat(queries.forFulfillment(orderId).trackingNumber()).isEqualTo("PC-CACHE-1");
            transaction.setRollbackOnly();
        });

        // and: the next transaction reads the database
        assertThat(queries.forFulfillment(orderId).customer().name()).isEqualTo("Renamed Meanwhile");
        assertThat(queries.forFulfillment(orderId).trackingNumber()).isNull();
    }

    @Test
    void aStatusChangeOfTheTransactionIsSeenByItsNextRead() {
        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            // given
            assertThat(queries.forFulfillment(orderId).status()).isEqualTo(OrderStatus.AWAITING_STOCK_DECISION);

            // when
            lifecycle.cancel(orderId, CancellationReason.OUT_OF_STOCK_REFUND, null, null);

            // then
            OrderView after = queries.forFulfillment(orderId);
            assertThat(after.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(after.cancellationReason()).isEqualTo(CancellationReason.OUT_OF_STOCK_REFUND.name());
            transaction.setRollbackOnly();
        });
    }

    @Test
    void aTransactionInsideAnotherNeitherSeesNorHidesWhatTheOuterOneKnows() {
        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            // given: the outer transaction read the order
            assertThat(queries.forFulfillment(orderId).refund()).isNull();

            // when: a transaction of its own changes the order through the repository and commits
            inAnotherTransaction(() -> repository.setRefund(orderId, new java.math.BigDecimal("24.00"), "R-CACHE"));

            // then: the outer one reads the order again rather than what it knew before
            assertThat(queries.forFulfillment(orderId).refund()).isNotNull();

            // when: the outer one writes the order, uncommitted
            repository.setShipment(orderId, "parcelco", "PC-CACHE-2");

            // then: a transaction of its own reads what is committed
            inAnotherTransaction(() -> assertThat(queries.forFulfillment(orderId).trackingNumber()).isNull());
            transaction.setRollbackOnly();
        });
    }

    private void inAnotherTransaction(Runnable work) {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        own.executeWithoutResult(status -> work.run());
    }

    private void rename(UUID id, String name) {
        jdbc.sql("update customer_order set customer_name = :name where id = :id").param("name", name)
                .param("id", id).update();
    }
}
