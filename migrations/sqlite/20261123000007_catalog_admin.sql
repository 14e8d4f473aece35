-- The owner's catalog: variants can be taken off sale without deleting what old orders point to (sqlite).
-- Keep in step with the other engine's file: same tables, columns and meanings.

ALTER TABLE variants ADD COLUMN archived BIGINT NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
