-- The shop's own identity, as the owner sets it at /admin/settings (`domain::shop_identity`): one row, absent until
-- the owner saves it (the pages then use the product's own name). Keep in step with the other engine's file.
CREATE TABLE shop_identity (
    id          BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    name_mn     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    short_name  TEXT NOT NULL,
    tagline_mn  TEXT NOT NULL,
    tagline_en  TEXT NOT NULL,
    -- `#rrggbb`, checked for contrast when saved; NULL for the built-in colour.
    accent      TEXT,
    -- Eight digits each, comma-separated.
    phones      TEXT NOT NULL,
    email       TEXT NOT NULL,
    district    TEXT NOT NULL,
    khoroo      BIGINT,
    street_mn   TEXT NOT NULL,
    street_en   TEXT NOT NULL,
    map_url     TEXT NOT NULL,
    -- Seven days from Monday, comma-separated, each `HH:MM-HH:MM` or empty for closed.
    hours       TEXT NOT NULL,
    facebook    TEXT NOT NULL,
    instagram   TEXT NOT NULL,
    messenger   TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
