-- Shop owners who sign in to /admin, and what they do to orders (sqlite).
-- Keep in step with the other engine's file: same tables, columns and meanings.

CREATE TABLE admins (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    -- argon2id, in the PHC string format (salt and parameters included).
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);

-- Failed sign-ins, for the slowdown and the lockout; old rows are deleted.
CREATE TABLE sign_in_failures (
    email TEXT   NOT NULL,
    at    BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, at);

-- Where a paid order is in packing and delivery.
ALTER TABLE orders ADD COLUMN fulfilment TEXT NOT NULL DEFAULT 'new'
    CHECK (fulfilment IN ('new', 'packed', 'shipped', 'delivered', 'picked-up'));
CREATE INDEX orders_fulfilment ON orders (payment_state, fulfilment, created_at);
-- The owner's list and its export read newest first.
CREATE INDEX orders_newest ON orders (created_at, id);

-- Who did it, for events an owner caused (NULL for the shop itself: callbacks, checks, the reconciler).
ALTER TABLE payment_events ADD COLUMN actor TEXT;
