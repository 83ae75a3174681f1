-- Idempotency-Key of a restock or adjustment sent through the API, on the movement it booked: a retry with the
-- same key finds that movement instead of booking the goods again. Keys belong to the API user (by_user), as
-- the keys of placed orders do; the unique index is what decides when two requests with one key race (the
-- loser's insert fails and its transaction, goods included, rolls back). Movements without a key (reservations,
-- releases, shipments, requests without the header) leave it null; nulls never clash in a unique index, on H2
-- and PostgreSQL alike. The request's fingerprint (SKU, type, quantity, reason, note) is the movement's own
-- columns, compared as they are.
alter table stock_movement add column request_key varchar(255);
create unique index stock_movement_request_key on stock_movement (by_user, request_key);
