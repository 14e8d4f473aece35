-- Issue #20: staff accounts (sqlite). Keep in step with the other engine's file: same tables, columns and meanings.

-- An account's role (`domain::staff::Role`): the owner does everything, staff the daily work on orders. A disabled
-- account cannot sign in, and its sessions are refused on their next request (the role is read on every one).
ALTER TABLE admins ADD COLUMN role TEXT NOT NULL DEFAULT 'owner' CHECK (role IN ('owner', 'staff'));
ALTER TABLE admins ADD COLUMN phone TEXT;
ALTER TABLE admins ADD COLUMN disabled_at BIGINT;
ALTER TABLE admins ADD COLUMN invited_by TEXT;

-- An invitation to set a password and become staff: a one-time link, `/admin/invite/{token}`, sent by e-mail and
-- SMS through the outbox. The token is kept as sent so the outbox can send it again until it is used; it is erased
-- once used, revoked or expired (see db/staff.rs).
CREATE TABLE staff_invites (
    id         INTEGER PRIMARY KEY,
    token      TEXT    UNIQUE,
    email      TEXT    NOT NULL,
    phone      TEXT,
    lang       TEXT    NOT NULL,
    invited_by TEXT    NOT NULL,
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT,
    created_at BIGINT  NOT NULL
);

-- Outbox messages that belong to no order (a staff invitation): order_id NULL, one per kind. SQLite cannot drop a
-- NOT NULL, so the table is made again with the same rows.
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY,
    order_id        BIGINT  REFERENCES orders (id),
    kind            TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts        BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    delivered_at    BIGINT,
    UNIQUE (order_id, kind)
);
INSERT INTO outbox_new (id, order_id, kind, state, attempts, next_attempt_at, last_error, created_at, delivered_at)
    SELECT id, order_id, kind, state, attempts, next_attempt_at, last_error, created_at, delivered_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE UNIQUE INDEX outbox_alone ON outbox (kind) WHERE order_id IS NULL;
