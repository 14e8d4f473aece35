-- Issue #18: where a shop delivers and what it charges. What an order was charged is frozen on the order when it is
-- placed, so changing a zone never changes an order already placed.

-- Ulaanbaatar delivery zones: a fee, free from an amount of goods (after discounts) when set, a promised time.
CREATE TABLE delivery_zones (
    id            INTEGER PRIMARY KEY,
    name_mn       TEXT    NOT NULL,
    name_en       TEXT    NOT NULL,
    fee_mnt       BIGINT  NOT NULL CHECK (fee_mnt >= 0),
    free_from_mnt BIGINT  CHECK (free_from_mnt > 0),
    promise_mn    TEXT    NOT NULL,
    promise_en    TEXT    NOT NULL,
    position      BIGINT  NOT NULL DEFAULT 0,
    active        BIGINT  NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- The districts (khoroo 0: the whole district) or single khoroos a zone covers; each belongs to one zone.
CREATE TABLE delivery_zone_areas (
    zone_id  BIGINT NOT NULL REFERENCES delivery_zones (id),
    district TEXT   NOT NULL,
    khoroo   BIGINT NOT NULL DEFAULT 0 CHECK (khoroo >= 0),
    UNIQUE (district, khoroo)
);
CREATE INDEX delivery_zone_areas_zone ON delivery_zone_areas (zone_id);

-- Where shoppers collect their orders, free.
CREATE TABLE pickup_points (
    id         INTEGER PRIMARY KEY,
    name_mn    TEXT   NOT NULL,
    name_en    TEXT   NOT NULL,
    address_mn TEXT   NOT NULL,
    address_en TEXT   NOT NULL,
    hours_mn   TEXT   NOT NULL,
    hours_en   TEXT   NOT NULL,
    position   BIGINT NOT NULL DEFAULT 0,
    active     BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- Countryside delivery (one row, id 1): on or off, one fee for every aimag unless the aimag has its own below, how
-- it travels and how long it takes.
CREATE TABLE countryside_delivery (
    id            BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    active        BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    fee_mnt       BIGINT NOT NULL CHECK (fee_mnt >= 0),
    free_from_mnt BIGINT CHECK (free_from_mnt > 0),
    method_mn     TEXT   NOT NULL,
    method_en     TEXT   NOT NULL,
    promise_mn    TEXT   NOT NULL,
    promise_en    TEXT   NOT NULL
);
CREATE TABLE countryside_fees (
    aimag   TEXT   NOT NULL PRIMARY KEY,
    fee_mnt BIGINT NOT NULL CHECK (fee_mnt >= 0)
);
