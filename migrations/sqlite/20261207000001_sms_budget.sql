-- Issue #33: the texts a stranger can make the shop send, limited (sqlite). Keep in step with the other engine's
-- file: same columns and meanings.

-- The owner's budgets (`domain::sms_budget`), NULL for the default: texts to one phone in 24 hours, and texts of
-- the shop in an hour, of the kinds a stranger can cause (an unpaid order's "placed", reminder and "expired", a
-- find-my-order code).
ALTER TABLE notice_settings ADD COLUMN sms_per_phone_day BIGINT CHECK (sms_per_phone_day > 0);
ALTER TABLE notice_settings ADD COLUMN sms_per_hour BIGINT CHECK (sms_per_hour > 0);

-- The phone such a text goes to, kept to count it against the budgets (NULL for every other message). A text over
-- a budget is written 'held': never sent, shown on the owner's order page, and sent only when the owner asks.
-- SQLite cannot change a CHECK, so the table is made again with the same rows.
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY,
    order_id        BIGINT  REFERENCES orders (id),
    kind            TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed', 'held')),
    attempts        BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    delivered_at    BIGINT,
    recipient       TEXT,
    UNIQUE (order_id, kind)
);
INSERT INTO outbox_new (id, order_id, kind, state, attempts, next_attempt_at, last_error, created_at, delivered_at)
    SELECT id, order_id, kind, state, attempts, next_attempt_at, last_error, created_at, delivered_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE UNIQUE INDEX outbox_alone ON outbox (kind) WHERE order_id IS NULL;
CREATE INDEX outbox_budget_phone ON outbox (recipient, created_at) WHERE recipient IS NOT NULL;
CREATE INDEX outbox_budget_shop ON outbox (created_at) WHERE recipient IS NOT NULL;
