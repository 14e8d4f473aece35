-- Issue #17. A failed sign-in is counted for the address it came from and the e-mail it tried, so a stranger's
-- guesses lock out that pair only, never the owner signing in from elsewhere.
ALTER TABLE sign_in_failures ADD COLUMN address TEXT NOT NULL DEFAULT '';
CREATE INDEX sign_in_failures_pair ON sign_in_failures (email, address, at);

-- The network address an order was placed from, so the units unpaid orders hold can be counted per address as
-- well as per phone (stock one visitor can hold).
ALTER TABLE orders ADD COLUMN placed_from TEXT;
CREATE INDEX orders_held_by_phone ON orders (phone) WHERE payment_state IN ('awaiting', 'partially-paid');
CREATE INDEX orders_held_by_address ON orders (placed_from) WHERE payment_state IN ('awaiting', 'partially-paid');

-- One rounding rule for an order and its payments: the order's paid amount is the sum of its payments' whole
-- tögrög (each rounded down when it was recorded), so orders settled before the rule refund in full too.
UPDATE orders SET paid_mnt = (SELECT CAST(SUM(p.amount_mnt) AS BIGINT) FROM payments p WHERE p.order_id = orders.id)
WHERE EXISTS (SELECT 1 FROM payments p WHERE p.order_id = orders.id);
