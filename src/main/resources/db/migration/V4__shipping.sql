create table shipment (
    order_id         uuid                     primary key,
    courier          varchar(50)              not null,
    service_level    varchar(32)              not null,
    tracking_number  varchar(64)              not null unique,
    label_reference  varchar(200)             not null,
    pickup_reference varchar(100),
    status           varchar(32)              not null,
    created_at       timestamp with time zone not null,
    handed_over_at   timestamp with time zone
);

-- Courier events are accepted once: the event id is the key.
create table courier_event (
    event_id        varchar(100)             primary key,
    tracking_number varchar(64)              not null,
    type            varchar(32)              not null,
    occurred_at     timestamp with time zone not null,
    received_at     timestamp with time zone not null
);
