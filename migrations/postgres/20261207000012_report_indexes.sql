-- The sales report at a real shop's size (docs/PERFORMANCE.md, the shop at scale). Keep in step with the other
-- engine's file.

-- The report's orders ("paid, not refunded in full, placed in the period") and their money read from the index
-- alone; it serves every lookup the one it replaces did, as that one is its first two columns.
DROP INDEX orders_payment_state;
CREATE INDEX orders_payment_state ON orders (payment_state, created_at, paid_mnt, refunded_mnt);
-- An order's lines with what the report sums, read from the index alone (replaces the one on order_id only).
DROP INDEX order_items_order;
CREATE INDEX order_items_order ON order_items (order_id, variant_id, quantity, line_total_mnt, discount_mnt);
-- The last order placed or moved: the mark the report's kept sums are checked against.
CREATE INDEX orders_updated ON orders (updated_at);
