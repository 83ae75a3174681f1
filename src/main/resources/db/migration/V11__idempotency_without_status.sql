-- The answer to a placed order is always 201 Created, first time and replayed; which HTTP status to answer
-- is the controller's business, so the idempotency record no longer stores one.
alter table idempotency_record drop column response_status;
