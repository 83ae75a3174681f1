-- Issue #16: the customer's timeline (API, tracking page) says what happened in plain words; staff names, comments,
-- findings of the automatic checks, SKUs, package, label and refund references and mail failures are internal
-- notes (audience STAFF, V15). Rows written before this change hold such details in customer entries; they are
-- recognised by the fixed texts the service wrote then (each pattern below is the start of one of those texts).
--
-- 1. Entries that only staff should read become internal notes.
update order_timeline set audience = 'STAFF'
 where audience = 'CUSTOMER'
   and (message = 'Automatic checks passed'
     or message like 'Label %'
     or message like 'Review escalated %'
     or message like 'E-mail "%'
     or message like 'Task ''%'' opened for staff'
     or message like 'Pick shortage: %');

-- 2. Entries the customer should keep, whose text carried a staff detail (a staff decision with its comment, the
-- findings, SKUs, package, references) or an ISO instant: the full text is kept as an internal note (same time and
-- status; staff's notes are read in time order), and the customer's entry is rewritten without it.
insert into order_timeline (order_id, at, status, audience, message)
select order_id, at, status, 'STAFF', message from order_timeline
 where audience = 'CUSTOMER'
   and (message like 'Discrepancy review opened%'
     or message like '''Review discrepancy'' completed by %'
     or message like 'Cancelled in discrepancy review%'
     or message like 'Cancelled: out of stock, refund chosen%'
     or message like 'Cancelled: parcel lost by the courier%'
     or message like 'Out of stock: %'
     or message like 'Waiting for restock until %'
     or message like 'Packed in %'
     or message like 'Redelivery arranged with the courier%'
     or message like 'Delivered (%'
     or message like 'Delivered: %'
     or message like 'Picked up by the courier (%'
     or message like 'In transit (%'
     or message like 'Delivery attempt failed (%'
     or message like 'Refunded % (reference %)');

update order_timeline set message = case
    when message like 'Discrepancy review opened%'
        then 'We are checking a detail of your order before it goes to our warehouse.'
    when message like '''Review discrepancy'' completed by %'
        then 'Checked: your order goes on to our warehouse.'
    when message like 'Cancelled in discrepancy review%'
        then 'Cancelled after our check of your order. You get a full refund.'
    -- who chose the refund (the customer, the default after no answer, staff) is not known for old rows
    when message like 'Cancelled: out of stock, refund chosen%'
        then 'Cancelled: items of your order were out of stock. You get a full refund.'
    when message like 'Cancelled: parcel lost by the courier%'
        then 'Cancelled: the courier lost your parcel. You get a full refund.'
    when message like 'Out of stock: %'
        then 'Some items of your order were out of stock: we asked you to choose between waiting for new stock and a full refund.'
    when message like 'Waiting for restock until %'
        then 'We wait for new stock for your order and send it as soon as it arrives.'
    when message like 'Packed in %'
        then 'Your parcel is packed.'
    when message like 'Redelivery arranged with the courier%'
        then 'The courier will deliver your parcel again.'
    when message like 'Delivered (%' or message like 'Delivered: %'
        then 'Delivered'
    when message like 'Picked up by the courier (%'
        then 'Picked up by the courier'
    when message like 'In transit (%'
        then 'In transit'
    when message like 'Delivery attempt failed (%'
        then 'Delivery attempt failed'
    when message like 'Refunded % (reference %)'
        then coalesce((select 'Refunded ' || cast(o.refund_amount as varchar(20)) || ' ' || o.currency || '.'
                         from customer_order o where o.id = order_timeline.order_id), 'Refunded.')
    end
 where audience = 'CUSTOMER'
   and (message like 'Discrepancy review opened%'
     or message like '''Review discrepancy'' completed by %'
     or message like 'Cancelled in discrepancy review%'
     or message like 'Cancelled: out of stock, refund chosen%'
     or message like 'Cancelled: parcel lost by the courier%'
     or message like 'Out of stock: %'
     or message like 'Waiting for restock until %'
     or message like 'Packed in %'
     or message like 'Redelivery arranged with the courier%'
     or message like 'Delivered (%'
     or message like 'Delivered: %'
     or message like 'Picked up by the courier (%'
     or message like 'In transit (%'
     or message like 'Delivery attempt failed (%'
     or message like 'Refunded % (reference %)');

-- 3. Old texts that were plain already but said less than they should: reworded, nothing for staff to keep.
update order_timeline set message = 'Picking your items'
 where audience = 'CUSTOMER' and message like 'Picking % item(s)';
update order_timeline set message = 'All your items are in stock and set aside for you.'
 where audience = 'CUSTOMER' and message = 'Stock reserved';
