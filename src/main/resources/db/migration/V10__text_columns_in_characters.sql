-- API limits count characters as a person sees them (code points). H2 counts a varchar's length in UTF-16
-- units, where an emoji takes two, so the local run refused text the API had accepted. The API enforces the
-- limits; the columns leave room for twice as many units. Timeline entries quote what the customer wrote
-- (a cancellation reason of up to 500 characters) after a sentence of our own.
alter table customer_order alter column external_reference set data type varchar(200);
alter table customer_order alter column customer_name set data type varchar(400);
alter table customer_order alter column customer_email set data type varchar(640);
alter table customer_order alter column ship_line1 set data type varchar(400);
alter table customer_order alter column ship_line2 set data type varchar(400);
alter table customer_order alter column ship_city set data type varchar(200);
alter table customer_order alter column ship_postal_code set data type varchar(40);
alter table customer_order alter column payment_reference set data type varchar(200);
alter table order_timeline alter column message set data type varchar(2000);
alter table notification_outbox alter column recipient set data type varchar(640);
alter table notification_outbox alter column subject set data type varchar(600);
