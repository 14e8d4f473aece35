-- Issue #18: what an order was charged, frozen when it is placed (an owner's later change to a zone or a code never
-- changes it), and the shop's discount codes.
-- Keep in step with the other engine's file: same tables, columns and meanings.

-- A discount code: a percent of the items it applies to, a fixed amount, or free delivery. Codes are stored
-- upper-case and looked up upper-case, so a shopper's "spring10" is SPRING10. Times are UTC milliseconds.
CREATE TABLE discount_codes (
    id                 INTEGER PRIMARY KEY,
    code               TEXT   NOT NULL UNIQUE,
    kind               TEXT   NOT NULL CHECK (kind IN ('percent', 'fixed', 'free-delivery')),
    percent            BIGINT CHECK (percent BETWEEN 1 AND 100),
    amount_mnt         BIGINT CHECK (amount_mnt > 0),
    min_order_mnt      BIGINT CHECK (min_order_mnt > 0),
    starts_at          BIGINT,
    ends_at            BIGINT,
    max_uses           BIGINT CHECK (max_uses > 0),
    max_uses_per_phone BIGINT CHECK (max_uses_per_phone > 0),
    -- Paid orders that used the code; raised in the paid move's transaction only while below max_uses.
    uses               BIGINT NOT NULL DEFAULT 0 CHECK (uses >= 0),
    active             BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at         BIGINT NOT NULL,
    -- A percent code has its percent, a fixed code its amount, and neither has the other's.
    CHECK ((kind = 'percent') = (percent IS NOT NULL)),
    CHECK ((kind = 'fixed') = (amount_mnt IS NOT NULL)),
    CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
);

-- An order's amounts: total_mnt = items_mnt - discount_mnt + delivery_mnt - delivery_waived_mnt, as the one pricing rule
-- (domain/pricing.rs) computes them; SQLite cannot add a check across columns to a table that exists.
-- A delivered order goes to an Ulaanbaatar district and khoroo, or to a soum of an aimag (countryside); a pickup
-- order names the point it is collected from. The zone's name and promised time are kept as the shopper saw them.
ALTER TABLE orders ADD COLUMN items_mnt BIGINT NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN delivery_mnt BIGINT NOT NULL DEFAULT 0 CHECK (delivery_mnt >= 0);
ALTER TABLE orders ADD COLUMN delivery_waived_mnt BIGINT NOT NULL DEFAULT 0 CHECK (delivery_waived_mnt >= 0);
ALTER TABLE orders ADD COLUMN discount_mnt BIGINT NOT NULL DEFAULT 0 CHECK (discount_mnt >= 0);
ALTER TABLE orders ADD COLUMN delivery_zone TEXT;
ALTER TABLE orders ADD COLUMN delivery_promise TEXT;
ALTER TABLE orders ADD COLUMN aimag TEXT;
ALTER TABLE orders ADD COLUMN soum TEXT;
ALTER TABLE orders ADD COLUMN pickup_point TEXT;
ALTER TABLE orders ADD COLUMN discount_code TEXT;
ALTER TABLE orders ADD COLUMN discount_code_id BIGINT REFERENCES discount_codes (id);
-- Orders placed before had no delivery fee or discount: their items were their total.
UPDATE orders SET items_mnt = total_mnt;
-- Each item's share of the order's discount, decided when it is placed: the invoice's line discounts and the
-- receipt's VAT are computed from it.
ALTER TABLE order_items ADD COLUMN discount_mnt BIGINT NOT NULL DEFAULT 0 CHECK (discount_mnt >= 0);
CREATE INDEX orders_discount_code ON orders (discount_code_id) WHERE discount_code_id IS NOT NULL;

-- A code limited to some categories or products applies to their items only; a code with no row here applies to
-- every item.
CREATE TABLE discount_code_targets (
    code_id     BIGINT NOT NULL REFERENCES discount_codes (id),
    category_id BIGINT REFERENCES categories (id),
    product_id  BIGINT REFERENCES products (id),
    CHECK ((category_id IS NULL) <> (product_id IS NULL))
);
CREATE INDEX discount_code_targets_code ON discount_code_targets (code_id);

-- One row per paid order that counted as a use of its code (the per-phone limit counts these).
CREATE TABLE discount_code_uses (
    order_id BIGINT NOT NULL PRIMARY KEY REFERENCES orders (id),
    code_id  BIGINT NOT NULL REFERENCES discount_codes (id),
    phone    TEXT   NOT NULL,
    used_at  BIGINT NOT NULL
);
CREATE INDEX discount_code_uses_phone ON discount_code_uses (code_id, phone);
