-- The courier's events, kept until the order's process has taken them into account. Couriers number their
-- events per parcel, so (tracking number, event id) is the key: the same pair again is the same event, another
-- parcel may reuse an id. An event that arrives before the order waits for it (the courier handoff still being
-- retried, a redelivery being arranged) stays PENDING and is applied when the order gets there; then it is
-- APPLIED (it took effect: a timeline entry, a message to the process) or IGNORED (older than what the order
-- knew, or the order had ended), and `outcome` says why.
create table courier_event_inbox (
    tracking_number varchar(64)              not null,
    -- up to 100 characters; 200 so that H2, which counts UTF-16 units, holds 100 of any kind
    event_id        varchar(200)             not null,
    order_id        uuid                     not null,
    type            varchar(32)              not null,
    occurred_at     timestamp with time zone not null,
    received_at     timestamp with time zone not null,
    state           varchar(16)              not null,
    outcome         varchar(200),
    settled_at      timestamp with time zone,
    primary key (tracking_number, event_id)
);
create index courier_event_inbox_order_state on courier_event_inbox (order_id, state, occurred_at);

-- events received before the inbox existed were handled when they arrived
insert into courier_event_inbox (tracking_number, event_id, order_id, type, occurred_at, received_at, state, outcome,
    settled_at)
select e.tracking_number, e.event_id, s.order_id, e.type, e.occurred_at, e.received_at, 'APPLIED',
       'received before the inbox existed', e.received_at
  from courier_event e
  join shipment s on s.tracking_number = e.tracking_number;

drop table courier_event;

-- when the courier last agreed to deliver again: events from before it are about an earlier attempt
alter table shipment add column redelivery_requested_at timestamp with time zone;
