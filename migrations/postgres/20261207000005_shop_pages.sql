-- The pages the owner writes about the shop (`domain::shop_page`), in Markdown, both languages; a page whose
-- Mongolian text is empty is not shown. Keep in step with the other engine's file.
CREATE TABLE shop_pages (
    slug        TEXT NOT NULL PRIMARY KEY CHECK (slug IN ('about', 'delivery-returns', 'terms', 'privacy')),
    body_mn     TEXT NOT NULL,
    body_en     TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
