-- A product's pictures, as the owner uploaded them and the server redrew them (`pictures::product_picture`):
-- several per product in the owner's order, one optionally a variant's (its colour). Keep in step with the other
-- engine's file.
CREATE TABLE product_pictures (
    id          INTEGER PRIMARY KEY,
    product_id  BIGINT NOT NULL REFERENCES products (id),
    -- The variant it shows (a colour), or NULL for the product as a whole.
    variant_id  BIGINT REFERENCES variants (id),
    position    BIGINT NOT NULL,
    -- The stored files' content hash, in their addresses (`/pictures/{hash}-{width}.webp`).
    hash        TEXT   NOT NULL,
    -- The largest stored size (at most 1280 wide); the smaller widths follow from it (`domain::picture`).
    width       BIGINT NOT NULL CHECK (width > 0),
    height      BIGINT NOT NULL CHECK (height > 0),
    -- The owner's words for a shopper who cannot see it; the product's name when empty.
    alt_mn      TEXT   NOT NULL DEFAULT '',
    alt_en      TEXT   NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL
);
CREATE INDEX product_pictures_product ON product_pictures (product_id, position);

-- The files themselves, one per stored width: in the database, so every instance serves them and a backup carries
-- them. Shared by pictures of the same content; removed with the last picture that uses them.
CREATE TABLE picture_files (
    hash   TEXT   NOT NULL,
    width  BIGINT NOT NULL,
    bytes  BLOB     NOT NULL,
    PRIMARY KEY (hash, width)
);
