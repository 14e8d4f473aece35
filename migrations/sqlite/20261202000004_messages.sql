-- Issue #19: messages. Finding an order again with its number, the phone and a code sent by SMS: a lookup is made
-- for every well-formed request, whether or not the number and phone match an order (order_id NULL then, and its
-- code is never sent), so the answers, the tries and the expiry look the same either way.
CREATE TABLE order_lookups (
    id         INTEGER PRIMARY KEY,
    -- What the requesting browser's session keeps; the code is tried only with it.
    token      TEXT    NOT NULL UNIQUE,
    order_id   BIGINT  REFERENCES orders (id),
    -- Six digits, kept as sent: a hash of one of a million codes would fall to a million guesses, so the defence
    -- is the short life, the few tries and the deletion once used or expired (see db/order_lookups.rs).
    code       TEXT    NOT NULL,
    lang       TEXT    NOT NULL,
    tries_left BIGINT  NOT NULL CHECK (tries_left >= 0),
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT,
    created_at BIGINT  NOT NULL
);
CREATE INDEX order_lookups_expiry ON order_lookups (expires_at);

-- The owner's message settings, set in the admin (`/admin/messages`): one row. Where the owner hears of paid
-- orders and trouble (a phone NULL falls back to OWNER_PHONE), and how long before an unpaid order's invoice runs
-- out its shopper is reminded (NULL: never).
CREATE TABLE notice_settings (
    id               BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    owner_phone      TEXT,
    owner_email      TEXT,
    reminder_minutes BIGINT CHECK (reminder_minutes > 0),
    updated_at       BIGINT NOT NULL
);

-- The courier's note the owner adds when an order is shipped ("Бат-Эрдэнэ, 9911 2233, 17-19 цагт"): sent to the
-- shopper with the "shipped" message.
ALTER TABLE orders ADD COLUMN courier_note TEXT;
