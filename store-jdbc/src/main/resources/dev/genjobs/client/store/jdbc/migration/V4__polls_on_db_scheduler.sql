-- Polls run as db-scheduler executions (genjobs_scheduled_tasks): the ledger's own leases and the
-- index its claim loop read due polls by are gone. A record keeps its poll count (the backoff's
-- step) and its error budget (the polls that failed in a row), so any instance that polls it
-- next applies the same rules.
DROP INDEX genjobs_job_due_ix;
ALTER TABLE genjobs_job DROP COLUMN lease_owner;
ALTER TABLE genjobs_job DROP COLUMN lease_until;
ALTER TABLE genjobs_job ADD COLUMN poll_failures INT DEFAULT 0 NOT NULL;
ALTER TABLE genjobs_job ADD COLUMN polls INT DEFAULT 0 NOT NULL;
