-- The catalog as a spreadsheet (admin/catalog_sheet). Keep in step with the other engine's file.

-- Each stock change an import or a stocktake made, on the shelf (what is held for orders counted in): who made it,
-- when, and from what to what, for the owner to look back on. The owner's own form edits move stock by difference
-- and are not listed here.
CREATE TABLE stock_moves (
    id            INTEGER PRIMARY KEY,
    variant_id    BIGINT NOT NULL REFERENCES variants (id),
    shelf_before  BIGINT NOT NULL,
    shelf_after   BIGINT NOT NULL,
    reason        TEXT   NOT NULL CHECK (reason IN ('import', 'stocktake')),
    -- The account's e-mail: staff accounts are disabled, never deleted, so it stays meaningful.
    actor         TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX stock_moves_variant ON stock_moves (variant_id, created_at);

-- An uploaded sheet between its preview and its apply: kept here, not in one server's memory, so any instance may
-- serve either step. Removed when applied, and after a day (db/catalog_sheet.rs).
CREATE TABLE sheet_uploads (
    id          TEXT   PRIMARY KEY,
    account_id  BIGINT NOT NULL,
    file_name   TEXT   NOT NULL,
    format      TEXT   NOT NULL CHECK (format IN ('xlsx', 'csv')),
    bytes       BLOB  NOT NULL,
    -- The .zip of new pictures sent with it, if any.
    pictures    BLOB,
    created_at  BIGINT NOT NULL
);

-- The name a picture came with in an import's .zip: the name the export writes for it, so that importing the same
-- sheet again changes nothing. Empty for a picture uploaded on the product's page (named by its content,
-- `{hash}.webp`).
ALTER TABLE product_pictures ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
