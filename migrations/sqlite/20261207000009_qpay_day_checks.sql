-- The day's check of QPay's payment list against the shop's record (issue #22), and what each run found (sqlite).
-- Keep in step with the other engine's file: same tables, columns and meanings.

-- One row per run: the Ulaanbaatar day it checked, who ran it ('daily' for the background job, else the owner's
-- e-mail), and how it went. The daily job runs a day once: the partial unique index is its claim.
CREATE TABLE qpay_day_checks (
    id           INTEGER PRIMARY KEY,
    day          TEXT    NOT NULL,
    run_by       TEXT    NOT NULL,
    -- Unix milliseconds.
    started_at   BIGINT  NOT NULL,
    finished_at  BIGINT,
    -- QPay's pages read, its rows for the day, and how many agreed with the shop's record.
    pages        BIGINT  NOT NULL DEFAULT 0,
    listed       BIGINT  NOT NULL DEFAULT 0,
    matched      BIGINT  NOT NULL DEFAULT 0,
    -- Why the run could not finish (QPay could not be asked); NULL when it did.
    error        TEXT
);
CREATE UNIQUE INDEX qpay_day_checks_daily ON qpay_day_checks (day) WHERE run_by = 'daily';
CREATE INDEX qpay_day_checks_day ON qpay_day_checks (day, id);

-- What a run found (`domain::qpay_day::FindingKind`): 'recovered', 'unknown', 'missing' or 'mismatch'.
CREATE TABLE qpay_day_findings (
    id           INTEGER PRIMARY KEY,
    check_id     BIGINT  NOT NULL REFERENCES qpay_day_checks (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('recovered', 'unknown', 'missing', 'mismatch')),
    payment_id   TEXT    NOT NULL,
    order_no     TEXT,
    invoice_id   TEXT,
    -- QPay's amount in hundredths of a tögrög, exact; NULL when QPay does not list the payment.
    qpay_cents   BIGINT,
    -- What the shop recorded, whole tögrög; NULL when it recorded nothing.
    shop_mnt     BIGINT,
    outcome      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX qpay_day_findings_check ON qpay_day_findings (check_id, id);
