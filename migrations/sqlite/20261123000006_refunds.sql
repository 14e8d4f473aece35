-- Refunds of QPay payments, and the index the live order list reads (sqlite).
-- Keep in step with the other engine's file: same tables, columns and meanings.

-- One row per refund the owner made. A QPay refund is written 'pending' before QPay is asked, so two owners (or
-- two clicks) can never refund the same payment twice; it becomes 'done' or 'failed' from QPay's answer, or from
-- a re-check when the answer was lost. A manual refund (money returned outside QPay) is 'done' at once.
CREATE TABLE refunds (
    id          INTEGER PRIMARY KEY,
    order_id    BIGINT  NOT NULL REFERENCES orders (id),
    payment_id  BIGINT  NOT NULL REFERENCES payments (id),
    amount_mnt  BIGINT  NOT NULL CHECK (amount_mnt > 0),
    way         TEXT    NOT NULL CHECK (way IN ('qpay', 'manual')),
    state       TEXT    NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    note        TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX refunds_order ON refunds (order_id, id);
CREATE INDEX refunds_payment ON refunds (payment_id);

-- What went back to the shopper (refunds in state 'done').
ALTER TABLE orders ADD COLUMN refunded_mnt BIGINT NOT NULL DEFAULT 0;

-- The owner's open order list asks for the latest payment time every few seconds.
CREATE INDEX orders_paid_at ON orders (paid_at);
