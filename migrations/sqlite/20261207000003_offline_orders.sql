-- Issue #33: the owner's list shows a new order to be paid in cash, at pickup or by transfer as it comes (sqlite).
-- Keep in step with the other engine's file. The list asks every five seconds for the latest such order.
CREATE INDEX orders_offline_created ON orders (created_at) WHERE payment_method <> 'qpay';
