-- Catalog and sessions (SQLite). Keep in step with migrations/postgres: same tables, columns and meanings.
-- Money is whole tögrög in BIGINT; times are Unix milliseconds in BIGINT (see src/db/mod.rs).

CREATE TABLE categories (
    id       INTEGER PRIMARY KEY,
    slug     TEXT    NOT NULL UNIQUE,
    name_mn  TEXT    NOT NULL,
    name_en  TEXT    NOT NULL,
    position BIGINT  NOT NULL DEFAULT 0
);

CREATE TABLE products (
    id             INTEGER PRIMARY KEY,
    slug           TEXT    NOT NULL UNIQUE,
    category_id    BIGINT  NOT NULL REFERENCES categories (id),
    name_mn        TEXT    NOT NULL,
    name_en        TEXT    NOT NULL,
    description_mn TEXT    NOT NULL,
    description_en TEXT    NOT NULL,
    image          TEXT    NOT NULL,
    archived       BIGINT  NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at     BIGINT  NOT NULL
);
CREATE INDEX products_category ON products (category_id);
CREATE INDEX products_created_at ON products (created_at);

-- What a shopper buys: each product has one or more variants (size, colour, weight), each with its own price and stock.
CREATE TABLE variants (
    id         INTEGER PRIMARY KEY,
    product_id BIGINT  NOT NULL REFERENCES products (id),
    sku        TEXT    NOT NULL UNIQUE,
    name_mn    TEXT    NOT NULL,
    name_en    TEXT    NOT NULL,
    price_mnt  BIGINT  NOT NULL CHECK (price_mnt > 0),
    stock      BIGINT  NOT NULL CHECK (stock >= 0),
    position   BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX variants_product ON variants (product_id);

-- tower-sessions records (src/db/sessions.rs), shared by every app instance.
CREATE TABLE sessions (
    id         TEXT    PRIMARY KEY,
    data       BLOB    NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
