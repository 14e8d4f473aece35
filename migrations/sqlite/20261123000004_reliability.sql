-- Reconciliation, expiry, late money, the outbox and rate limits (sqlite).
-- Keep in step with the other engine's file: same tables, columns and meanings.

-- 1 while the order holds its items' stock; 0 after expiry or cancellation gave it back.
ALTER TABLE orders ADD COLUMN stock_reserved BIGINT NOT NULL DEFAULT 1 CHECK (stock_reserved IN (0, 1));
-- Why the owner must look at this order (money after expiry without stock, a partial payment left over); NULL when
-- nothing needs attention.
ALTER TABLE orders ADD COLUMN attention TEXT;

-- When the reconciler asks QPay about this unpaid invoice next (src/domain/schedule.rs); NULL when no check is due.
-- A callback sets it to "now" before settling, so a crash in between is settled after restart.
ALTER TABLE qpay_invoices ADD COLUMN next_check_at BIGINT;
CREATE INDEX qpay_invoices_next_check ON qpay_invoices (next_check_at) WHERE next_check_at IS NOT NULL;

-- Work that follows a payment, written in the same transaction as the paid transition and delivered at least once
-- by a worker (src/payment/outbox.rs). One message of each kind per order.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    order_id        BIGINT  NOT NULL REFERENCES orders (id),
    kind            TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts        BIGINT  NOT NULL DEFAULT 0,
    -- Due time while pending; a worker that takes the message moves it ahead (its lease).
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    delivered_at    BIGINT,
    UNIQUE (order_id, kind)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';

-- Fixed-window request counters (place order, check now), shared by every app instance.
CREATE TABLE rate_limits (
    key          TEXT    NOT NULL,
    window_start BIGINT  NOT NULL,
    hits         BIGINT  NOT NULL,
    PRIMARY KEY (key, window_start)
);

-- Invoices of unpaid orders get their expiry check.
UPDATE qpay_invoices SET next_check_at = expires_at
WHERE state = 'open' AND order_id IN (SELECT id FROM orders WHERE payment_state IN ('awaiting', 'partially-paid'));
