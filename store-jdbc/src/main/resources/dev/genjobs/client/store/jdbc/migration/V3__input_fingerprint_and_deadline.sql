-- Issue 19, point 4: what a ledger record keeps to never bind the wrong job.
-- One statement per column: SQLite's ALTER TABLE adds one column at a time. The types are the
-- ones V1 uses on every database (SQLite takes the type name and stores instants as integers,
-- see Dialect); all three columns are nullable, so rows written before this migration stay valid.

-- The create's input fingerprint: name=hash pairs (hashes of values, never the values).
ALTER TABLE genjobs_job ADD COLUMN input_fingerprint VARCHAR(20000);

-- When the create can no longer be answered, fixed at intent time (upload allowance included).
-- Null on older rows: their deadline follows the reading client's settings, as before.
ALTER TABLE genjobs_job ADD COLUMN create_deadline_at TIMESTAMP WITH TIME ZONE;

-- The listed jobs an AMBIGUOUS record could be bound to (a JSON array of job ids), for a person.
ALTER TABLE genjobs_job ADD COLUMN candidate_job_ids VARCHAR(4000);
