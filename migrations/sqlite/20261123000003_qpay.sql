-- QPay invoices, confirmed payments and the payment event log (sqlite).
-- Keep in step with the other engine's file: same tables, columns and meanings.

-- One invoice per order. The row is claimed ('creating') before QPay is asked, so two requests never make two
-- invoices for one order; a failed attempt deletes its claim so "try again" can make it.
CREATE TABLE qpay_invoices (
    order_id    BIGINT  NOT NULL PRIMARY KEY REFERENCES orders (id),
    state       TEXT    NOT NULL CHECK (state IN ('creating', 'open', 'cancelled')),
    invoice_id  TEXT    UNIQUE,
    qr_text     TEXT,
    qr_image    TEXT,
    short_url   TEXT,
    urls_json   TEXT,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);

-- Payments QPay confirmed through payment/check. The unique payment id makes settling idempotent.
CREATE TABLE payments (
    id              INTEGER PRIMARY KEY,
    order_id        BIGINT  NOT NULL REFERENCES orders (id),
    qpay_payment_id TEXT    NOT NULL UNIQUE,
    status          TEXT    NOT NULL,
    amount_mnt      BIGINT  NOT NULL,
    method          TEXT    NOT NULL,
    wallet          TEXT,
    confirmed_at    BIGINT  NOT NULL
);
CREATE INDEX payments_order ON payments (order_id);

-- Everything that happened to an order's payment: invoice made or failed, callbacks, checks, state changes.
CREATE TABLE payment_events (
    id         INTEGER PRIMARY KEY,
    order_id   BIGINT  NOT NULL REFERENCES orders (id),
    kind       TEXT    NOT NULL,
    detail     TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);
CREATE INDEX payment_events_order ON payment_events (order_id, id);

ALTER TABLE orders ADD COLUMN last_checked_at BIGINT;
