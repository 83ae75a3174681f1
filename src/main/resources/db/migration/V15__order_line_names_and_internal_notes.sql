-- Order lines keep the product name they were ordered under, as they keep the price: the customer's timeline,
-- tracking page and mails name products, and a later rename in the catalog does not rewrite a placed order.
alter table order_line add column product_name varchar(400);
update order_line set product_name = (select p.name from product p where p.sku = order_line.sku);
update order_line set product_name = sku where product_name is null;
alter table order_line alter column product_name set not null;

-- Who an entry of an order's history is for: CUSTOMER (the timeline storefronts and the tracking page show) or
-- STAFF (internal notes: staff names, findings of the automatic checks, comments, partner references).
alter table order_timeline add column audience varchar(8) default 'CUSTOMER' not null;
alter table order_timeline add constraint order_timeline_audience check (audience in ('CUSTOMER', 'STAFF'));
