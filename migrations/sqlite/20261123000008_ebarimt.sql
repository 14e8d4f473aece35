-- E-barimt VAT receipts for paid orders (issue #9) (sqlite).
-- Keep in step with the other engine's file: same tables, columns and meanings.

-- Whom the receipt is for, chosen at checkout when e-barimt is on: a person, or a company by its register number.
ALTER TABLE orders ADD COLUMN ebarimt_receiver_type TEXT CHECK (ebarimt_receiver_type IN ('CITIZEN', 'COMPANY'));
ALTER TABLE orders ADD COLUMN ebarimt_receiver TEXT;

-- The classification code (бүтээгдэхүүний ангиллын код) of a product's goods on its receipts; the shop's
-- EBARIMT_CLASSIFICATION_CODE when unset.
ALTER TABLE products ADD COLUMN classification_code TEXT;

-- Each paid payment's receipt (src/payment/ebarimt.rs): QPay issues receipts per payment, so an order paid in parts
-- has one per part. A payment is claimed ('requesting') before QPay is asked, so it is never asked twice at once;
-- QPay's answer makes it 'issued' or 'failed' (refused: asked again later). When the answer is lost (a timeout, a
-- crash), nobody knows whether QPay issued it: 'unknown', and the owner decides. 'cancelled' after a full refund.
CREATE TABLE ebarimt_receipts (
    payment_id      TEXT    PRIMARY KEY,
    order_id        BIGINT  NOT NULL REFERENCES orders (id),
    state           TEXT    NOT NULL CHECK (state IN ('requesting', 'issued', 'failed', 'unknown', 'cancelled')),
    -- The API it was asked through (v3 or v2): it is cancelled through the same one.
    api             TEXT    NOT NULL,
    receiver_type   TEXT    NOT NULL,
    receiver        TEXT,
    -- QPay's id of the receipt (the original API cancels by it) and the tax office's receipt number.
    qpay_id         TEXT,
    receipt_no      TEXT,
    lottery         TEXT,
    qr_data         TEXT,
    vat_amount      TEXT,
    city_tax_amount TEXT,
    error           TEXT,
    claimed_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX ebarimt_receipts_order ON ebarimt_receipts (order_id);
