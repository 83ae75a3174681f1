-- A product taken out of sale stays in the catalog (orders and stock refer to it): new orders refuse it.
alter table product add column active boolean default true not null;
-- Limits count characters (code points; docs/api.md), H2 counts UTF-16 units: room for names and bin locations
-- of emoji (as V10 did for the order's text columns). The API enforces 200 and 32 characters.
alter table product alter column name set data type varchar(400);
alter table product alter column bin_location set data type varchar(64);
