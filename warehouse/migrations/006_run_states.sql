-- Run states (dlt's load states): a run's row is written as 'running' when it starts and closed as
-- completed, failed or interrupted; a row left 'running' by a process that is gone (kill -9, the OOM
-- killer, a power cut) is marked 'crashed' by the next run. DuckDB cannot alter a CHECK constraint,
-- so the table is rebuilt with its rows; pid is new.
CREATE TABLE runs_with_states (
    run_id             VARCHAR PRIMARY KEY,
    started_at         TIMESTAMP NOT NULL,
    finished_at        TIMESTAMP,
    status             VARCHAR NOT NULL
        CHECK (status IN ('running', 'completed', 'failed', 'interrupted', 'crashed')),
    sources            VARCHAR[] NOT NULL,
    page_count         INTEGER NOT NULL DEFAULT 0,
    claim_count        INTEGER NOT NULL DEFAULT 0,
    fact_count         INTEGER NOT NULL DEFAULT 0,
    quarantine_count   INTEGER NOT NULL DEFAULT 0,
    finding_count      INTEGER NOT NULL DEFAULT 0,
    new_page_count     INTEGER NOT NULL DEFAULT 0,
    new_claim_count    INTEGER NOT NULL DEFAULT 0,
    new_fact_count     INTEGER NOT NULL DEFAULT 0,
    new_finding_count  INTEGER NOT NULL DEFAULT 0,
    resolved_finding_count INTEGER NOT NULL DEFAULT 0,
    duration_s         DOUBLE,
    error              VARCHAR,
    crosscheck_version VARCHAR,
    vocabulary_version VARCHAR,
    settings_digest    VARCHAR,
    pid                INTEGER
);
INSERT INTO runs_with_states
SELECT run_id, started_at, finished_at, status, sources, page_count, claim_count, fact_count,
       quarantine_count, finding_count, new_page_count, new_claim_count, new_fact_count,
       new_finding_count, resolved_finding_count, duration_s, error, crosscheck_version,
       vocabulary_version, settings_digest, NULL
FROM runs;
DROP TABLE runs;
ALTER TABLE runs_with_states RENAME TO runs;
COMMENT ON TABLE runs IS 'One row per pipeline run, written as running when the run starts and closed when it ends: a completed run''s data is loaded in one transaction; a failed, interrupted or crashed run loaded nothing.';
COMMENT ON COLUMN runs.run_id IS 'Run identifier chosen by the pipeline; the first_seen_run, last_seen_run and run_id columns elsewhere refer to it.';
COMMENT ON COLUMN runs.started_at IS 'When the run started (UTC).';
COMMENT ON COLUMN runs.finished_at IS 'When the run finished, failed, was interrupted or was found crashed (UTC); NULL while running.';
COMMENT ON COLUMN runs.status IS 'running (in progress, or its process is gone and no run has started since), completed (its data is loaded), failed (an error; nothing of it was loaded), interrupted (Ctrl-C or SIGTERM; nothing loaded unless error says the load had committed) or crashed (its process ended without closing the row: kill -9, the OOM killer; nothing loaded).';
COMMENT ON COLUMN runs.sources IS 'The sources (URLs, files, folders) exactly as given to the run.';
COMMENT ON COLUMN runs.page_count IS 'Pages the run processed (all statuses).';
COMMENT ON COLUMN runs.claim_count IS 'Claims the run extracted.';
COMMENT ON COLUMN runs.fact_count IS 'Facts the run normalized.';
COMMENT ON COLUMN runs.quarantine_count IS 'Quarantine rows the run produced (claims that did not become facts, with reasons).';
COMMENT ON COLUMN runs.finding_count IS 'Findings the run detected (new or seen before).';
COMMENT ON COLUMN runs.new_page_count IS 'Pages (source, snapshot hash) not in the warehouse before this run.';
COMMENT ON COLUMN runs.new_claim_count IS 'Claims not in the warehouse before this run.';
COMMENT ON COLUMN runs.new_fact_count IS 'Facts not in the warehouse before this run.';
COMMENT ON COLUMN runs.new_finding_count IS 'Findings first seen in this run.';
COMMENT ON COLUMN runs.resolved_finding_count IS 'Open findings this run resolved (their sources were re-read and they did not reappear).';
COMMENT ON COLUMN runs.duration_s IS 'finished_at minus started_at, in seconds.';
COMMENT ON COLUMN runs.error IS 'Why the run failed, was interrupted or crashed (one line); for a completed run, a problem after its load (validation or report); NULL otherwise.';
COMMENT ON COLUMN runs.crosscheck_version IS 'Version of crosscheck that ran.';
COMMENT ON COLUMN runs.vocabulary_version IS 'Version of the metric and entity vocabulary used to normalize.';
COMMENT ON COLUMN runs.settings_digest IS 'Digest of what decides findings and consensus besides the pages: the checks and reconcile code, the interval policy, the reference year and the component names. A run that reads exactly the pages of the latest completed run, with the same versions and digest, reuses that run''s findings and consensus instead of recomputing them.';
COMMENT ON COLUMN runs.pid IS 'Process id of the run (to tell a live run from a crashed one); NULL for runs before schema version 6.';
