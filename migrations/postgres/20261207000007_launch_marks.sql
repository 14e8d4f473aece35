-- The going-live checklist's marks (`domain::going_live::Mark`): a check that passed, a backup taken, or the owner's
-- word that a step is knowingly left (messages kept local, e-barimt off, a database backed up elsewhere). One row
-- per mark, the latest kept. Keep in step with the other engine's file.
CREATE TABLE launch_marks (
    mark    TEXT   NOT NULL PRIMARY KEY,
    -- Unix milliseconds.
    at      BIGINT NOT NULL,
    -- What the mark was for: the QPay a token was issued by (mode, base URL, client id; never the secret).
    detail  TEXT   NOT NULL DEFAULT ''
);
