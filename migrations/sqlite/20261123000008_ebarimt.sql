-- E-barimt VAT receipts for paid orders (issue #9) (sqlite).
-- Keep in step with the other engine's file: same tables, columns and meanings.

-- Whom the receipt is for, chosen at checkout when e-barimt is on: a person, or a company by its register number.
ALTER TABLE orders ADD COLUMN ebarimt_receiver_type TEXT CHECK (ebarimt_receiver_type IN ('CITIZEN', 'COMPANY'));
ALTER TABLE orders ADD COLUMN ebarimt_receiver TEXT;

-- The classification code (бүтээгдэхүүний ангиллын код) of a product's goods on its receipts; the shop's
-- EBARIMT_CLASSIFICATION_CODE when unset.
ALTER TABLE products ADD COLUMN classification_code TEXT;

-- Each paid payment's receipt as QPay issued it (src/payment/ebarimt.rs): QPay issues receipts per payment, so an
-- order paid in parts has one per part. A row is written once QPay answered, issued or refused; the outbox message
-- `issue_receipt` is what makes sure each is asked for, and a payment with an issued receipt is never asked again.
CREATE TABLE ebarimt_receipts (
    payment_id      TEXT    PRIMARY KEY,
    order_id        BIGINT  NOT NULL REFERENCES orders (id),
    state           TEXT    NOT NULL CHECK (state IN ('issued', 'failed', 'cancelled')),
    receiver_type   TEXT    NOT NULL,
    receiver        TEXT,
    receipt_id      TEXT,
    lottery         TEXT,
    qr_data         TEXT,
    vat_amount      TEXT,
    city_tax_amount TEXT,
    error           TEXT,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX ebarimt_receipts_order ON ebarimt_receipts (order_id);
