-- Issue #33: the texts a stranger can make the shop send, limited (postgres). Keep in step with the other engine's
-- file: same columns and meanings.

-- The owner's budgets (`domain::sms_budget`), NULL for the default: texts to one phone in 24 hours, and texts of
-- the shop in an hour, of the kinds a stranger can cause (an unpaid order's "placed", reminder and "expired", a
-- find-my-order code).
ALTER TABLE notice_settings ADD COLUMN sms_per_phone_day BIGINT CHECK (sms_per_phone_day > 0);
ALTER TABLE notice_settings ADD COLUMN sms_per_hour BIGINT CHECK (sms_per_hour > 0);

-- The phone such a text goes to, kept to count it against the budgets (NULL for every other message). A text over
-- a budget is written 'held': never sent, shown on the owner's order page, and sent only when the owner asks.
ALTER TABLE outbox ADD COLUMN recipient TEXT;
ALTER TABLE outbox DROP CONSTRAINT outbox_state_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_state_check CHECK (state IN ('pending', 'done', 'failed', 'held'));
CREATE INDEX outbox_budget_phone ON outbox (recipient, created_at) WHERE recipient IS NOT NULL;
CREATE INDEX outbox_budget_shop ON outbox (created_at) WHERE recipient IS NOT NULL;
