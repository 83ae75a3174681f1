-- Orders waiting for a restock, one row per line they need. A restock reserves for the oldest first.
create table stock_wait (
    order_id     uuid                     not null,
    sku          varchar(64)              not null references product (sku),
    quantity     integer                  not null check (quantity > 0),
    waiting_since timestamp with time zone not null,
    primary key (order_id, sku)
);
create index stock_wait_sku_since on stock_wait (sku, waiting_since);

-- What the warehouse found missing on the shelf; the simulated warehouse finds each shortage once.
create table pick_shortage (
    order_id  uuid                     not null,
    sku       varchar(64)              not null,
    expected  integer                  not null,
    found     integer                  not null,
    found_at  timestamp with time zone not null,
    primary key (order_id, sku)
);

-- Money returned to the customer; one refund per order, the order id is the provider's idempotency key.
create table refund (
    order_id    uuid                     primary key,
    amount      numeric(14,2)            not null check (amount > 0),
    currency    varchar(3)               not null,
    reference   varchar(100)             not null,
    provider    varchar(50)              not null,
    refunded_at timestamp with time zone not null
);
