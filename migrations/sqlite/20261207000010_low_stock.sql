-- Issue #22, stock: a level per variant at or below which the owner is told it runs low, and the shop's defaults.
-- Keep in step with the other engine's file.

-- NULL: the shop's default (`stock_settings.low_stock_default`).
ALTER TABLE variants ADD COLUMN low_stock BIGINT CHECK (low_stock IS NULL OR low_stock >= 0);
-- How many times the variant's stock has crossed its level: names each crossing's owner message in the outbox
-- (`low_stock:{variant}:{n}:{channel}`), so a crossing writes one and a later crossing, after a restock, another.
ALTER TABLE variants ADD COLUMN low_stock_crossings BIGINT NOT NULL DEFAULT 0;

-- The owner's stock settings (`/admin/products`): one row, absent until saved (`domain::stock` has the defaults).
CREATE TABLE stock_settings (
    id                BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    low_stock_default BIGINT NOT NULL CHECK (low_stock_default >= 0),
    -- "Only N left" on the product page at or below this stock; NULL: never shown.
    few_left          BIGINT CHECK (few_left IS NULL OR few_left >= 1),
    updated_at        BIGINT NOT NULL
);
