-- Catalog and stock. Stock is never negative and never more reserved than on hand:
-- the checks hold even if a bug in our code tried otherwise.
create table product (
    sku                    varchar(64)   primary key,
    name                   varchar(200)  not null,
    unit_price             numeric(12,2) not null check (unit_price > 0),
    weight_grams           integer       not null check (weight_grams > 0),
    length_mm              integer       not null check (length_mm > 0),
    width_mm               integer       not null check (width_mm > 0),
    height_mm              integer       not null check (height_mm > 0),
    bin_location           varchar(32)   not null,
    max_quantity_per_order integer       not null default 1000 check (max_quantity_per_order > 0)
);

create table stock (
    sku      varchar(64) primary key references product (sku),
    on_hand  integer     not null check (on_hand >= 0),
    reserved integer     not null default 0 check (reserved >= 0),
    constraint stock_reserved_within_on_hand check (reserved <= on_hand)
);

-- One row per (order, sku): a re-executed reservation finds its row and does nothing twice.
create table stock_reservation (
    order_id   uuid                     not null,
    sku        varchar(64)              not null references product (sku),
    quantity   integer                  not null check (quantity > 0),
    state      varchar(16)              not null,
    created_at timestamp with time zone not null,
    primary key (order_id, sku)
);
