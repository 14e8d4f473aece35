-- Issue #33: a disabled staff account's sessions end for good (sqlite). Keep in step with the other engine's
-- file: same columns and meanings.

-- How many times the owner has ended the account's sessions (each time it is disabled). A session keeps the count
-- its account had when it signed in and is refused once the two differ, so enabling the account again does not
-- bring its old sessions (a lost phone's) back: it needs a new sign-in. A count rather than a time, so nothing hangs
-- on two app instances' clocks agreeing or on two events falling in the same millisecond; and the sessions are not
-- deleted because they are opaque blobs with no account column (finding an account's would mean decoding them all).
ALTER TABLE admins ADD COLUMN sessions_ended BIGINT NOT NULL DEFAULT 0;

-- Accounts disabled before this change: their sessions (which kept no count, read as 0) end too.
UPDATE admins SET sessions_ended = 1 WHERE disabled_at IS NOT NULL;
