-- Orders a restock reserved stock for, until their process has received the news (or the order was
-- reconciled). Written in the restock's own transaction together with the reservation, so an order whose
-- wake-up failed, or was cut short by a crash, is woken later by the retry and never sleeps on reserved goods.
create table stock_wakeup (
    order_id        uuid                     primary key,
    sku             varchar(64)              not null,
    reserved_at     timestamp with time zone not null,
    attempts        integer                  not null default 0,
    next_attempt_at timestamp with time zone not null,
    last_error      varchar(1000)
);
create index stock_wakeup_due on stock_wakeup (next_attempt_at);
