-- Issue #20: ways to pay beside QPay, and orders the owner makes (postgres). Keep in step with the other engine's
-- file: same tables, columns and meanings.

-- How the order is paid (`domain::pay_method::PayMethod`), and, for a way the shop takes the money itself, when
-- the order expires unpaid (while nobody has packed it): its stock goes back then.
ALTER TABLE orders ADD COLUMN payment_method TEXT NOT NULL DEFAULT 'qpay'
    CHECK (payment_method IN ('qpay', 'cash-on-delivery', 'pay-at-pickup', 'bank-transfer'));
ALTER TABLE orders ADD COLUMN pay_by BIGINT;
CREATE INDEX orders_offline_due ON orders (pay_by) WHERE payment_state = 'awaiting' AND pay_by IS NOT NULL;

-- The owner's ways to pay (`/admin/payments`): one row. The bank's fields are NULL while transfers are off.
-- Money the shop takes itself is recorded in `payments` with method CASH or TRANSFER, under an id of the shop's
-- own (`cash:{order_no}:{n}`), beside QPay's payments, so refunds and totals treat it alike.
CREATE TABLE pay_settings (
    id               BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    cash_on_delivery BIGINT NOT NULL CHECK (cash_on_delivery IN (0, 1)),
    pay_at_pickup    BIGINT NOT NULL CHECK (pay_at_pickup IN (0, 1)),
    bank             TEXT,
    account_number   TEXT,
    account_holder   TEXT,
    cash_hours       BIGINT NOT NULL CHECK (cash_hours BETWEEN 1 AND 720),
    transfer_hours   BIGINT NOT NULL CHECK (transfer_hours BETWEEN 1 AND 720),
    updated_at       BIGINT NOT NULL
);

-- Orders the owner makes for a customer on the phone or in a chat (`/admin/orders/new`): who made it, and the
-- reason for a discount given by hand (in `discount_mnt`, with no code).
ALTER TABLE orders ADD COLUMN made_by TEXT;
ALTER TABLE orders ADD COLUMN discount_reason TEXT;
