create table pick_list_item (
    order_id     uuid         not null,
    position     integer      not null,
    sku          varchar(64)  not null,
    name         varchar(200) not null,
    quantity     integer      not null check (quantity > 0),
    bin_location varchar(32)  not null,
    primary key (order_id, position)
);

-- The boxes the warehouse packs in; packing takes the smallest recyclable one that fits.
create table package_type (
    code              varchar(32)  primary key,
    description       varchar(200) not null,
    inner_length_mm   integer      not null check (inner_length_mm > 0),
    inner_width_mm    integer      not null check (inner_width_mm > 0),
    inner_height_mm   integer      not null check (inner_height_mm > 0),
    max_weight_grams  integer      not null check (max_weight_grams > 0),
    tare_weight_grams integer      not null check (tare_weight_grams >= 0),
    recyclable        boolean      not null
);

insert into package_type (code, description, inner_length_mm, inner_width_mm, inner_height_mm, max_weight_grams, tare_weight_grams, recyclable) values
    ('ENV-PAPER-S', 'Padded paper envelope S',    250, 180,  30,  1000,  40, true),
    ('BOX-XS',      'Corrugated box XS',          200, 150, 100,  3000, 120, true),
    ('BOX-S',       'Corrugated box S',           300, 200, 150,  5000, 180, true),
    ('BOX-M',       'Corrugated box M',           400, 300, 200, 10000, 300, true),
    ('BOX-L',       'Corrugated box L',           600, 400, 300, 20000, 550, true),
    ('BOX-XL',      'Corrugated box XL',          800, 600, 500, 31500, 900, true),
    ('CRATE-PLY',   'Plywood crate (reusable)',  1200, 800, 800, 60000, 9000, false);

create table parcel (
    order_id         uuid                     primary key,
    package_code     varchar(32)              not null references package_type (code),
    weight_grams     integer                  not null check (weight_grams > 0),
    packed_at        timestamp with time zone not null
);
