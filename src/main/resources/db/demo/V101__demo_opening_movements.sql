-- The demo catalog's stock (V100) as the ledger's opening receipts, so that its movements replay to it.
-- Only for SKUs without movements: a database that had the demo catalog before V13 got its opening there.
insert into stock_movement (sku, at, type, quantity, on_hand, reserved, note)
select s.sku, current_timestamp, 'RECEIPT', s.on_hand, s.on_hand, 0, 'Demo catalog'
  from stock s
 where s.on_hand > 0 and s.reserved = 0
   and not exists (select 1 from stock_movement m where m.sku = s.sku)
 order by s.sku;
