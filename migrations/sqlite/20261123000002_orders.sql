-- Orders and their items (sqlite).
-- Keep in step with the other engine's file: same tables, columns and meanings.

CREATE TABLE orders (
    id              INTEGER PRIMARY KEY,
    order_no        TEXT    NOT NULL UNIQUE,
    -- The secret part of the order's view link (/orders/{order_no}?key=...), for anyone the shopper shares it with.
    view_key        TEXT    NOT NULL,
    -- The secret in QPay's callback URL for this order, compared in constant time.
    callback_token  TEXT    NOT NULL,
    -- The session that placed the order may open it without the key.
    session_id      TEXT,
    -- One order per checkout form, however often it is submitted.
    idempotency_key TEXT    NOT NULL UNIQUE,
    payment_state   TEXT    NOT NULL DEFAULT 'awaiting'
                    CHECK (payment_state IN ('awaiting', 'partially-paid', 'paid', 'expired', 'cancelled')),
    customer_name   TEXT    NOT NULL,
    phone           TEXT    NOT NULL,
    email           TEXT,
    delivery        TEXT    NOT NULL CHECK (delivery IN ('delivery', 'pickup')),
    district        TEXT,
    khoroo          TEXT,
    address         TEXT,
    note            TEXT,
    lang            TEXT    NOT NULL DEFAULT 'mn',
    total_mnt       BIGINT  NOT NULL CHECK (total_mnt > 0),
    paid_mnt        BIGINT  NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    paid_at         BIGINT
);
CREATE INDEX orders_payment_state ON orders (payment_state, created_at);
CREATE INDEX orders_session ON orders (session_id);

-- What was bought, with the names and prices of the moment (a later price change does not change an order).
CREATE TABLE order_items (
    id             INTEGER PRIMARY KEY,
    order_id       BIGINT  NOT NULL REFERENCES orders (id),
    variant_id     BIGINT  NOT NULL REFERENCES variants (id),
    product_name   TEXT    NOT NULL,
    variant_name   TEXT    NOT NULL,
    unit_price_mnt BIGINT  NOT NULL CHECK (unit_price_mnt > 0),
    quantity       BIGINT  NOT NULL CHECK (quantity > 0),
    line_total_mnt BIGINT  NOT NULL CHECK (line_total_mnt > 0)
);
CREATE INDEX order_items_order ON order_items (order_id);
