-- The shop's logo and the square icons made from it at upload (`pictures::logo_files`): one row, in the database so
-- that every instance serves it and a backup carries it. Removing the logo keeps the row with NULLs, so its
-- `updated_at` still tells every instance's cache that it changed. Keep in step with the other engine's file.
CREATE TABLE shop_logo (
    id          BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    -- The files' content hash, in their addresses (`/brand/logo-{hash}.png`); NULL when there is no logo.
    hash        TEXT,
    -- PNG, at most 512 px on its longer side, the uploaded picture's proportions.
    logo        BYTEA,
    -- Square PNGs: the favicon, the Apple home-screen icon (on white) and the web app manifest's two.
    icon_32     BYTEA,
    icon_180    BYTEA,
    icon_192    BYTEA,
    icon_512    BYTEA,
    updated_at  BIGINT NOT NULL
);
