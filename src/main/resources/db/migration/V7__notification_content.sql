-- The outbox keeps the whole mail as it was when the milestone happened, so the relay sends exactly that,
-- however late. SENDING marks a row a relay has claimed; claimed_at tells a stale claim from a live one.
alter table notification_outbox add column body_html varchar(200000);
alter table notification_outbox add column body_text varchar(200000);
alter table notification_outbox add column claimed_at timestamp with time zone;
