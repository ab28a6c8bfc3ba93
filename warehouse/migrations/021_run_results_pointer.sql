-- A run that read exactly the pages of the latest completed run, under the same code and
-- settings, computes and loads nothing: its row points at the run whose results it shares.
ALTER TABLE runs ADD COLUMN results_run VARCHAR;
COMMENT ON COLUMN runs.results_run IS 'For a run that changed nothing (every page unchanged, same versions and settings digest as the latest completed run): the run whose pages, findings and consensus it shares, which it did not copy (their last_seen_run stays that run''s). NULL for a run that loaded its own results. Resolve a run''s results with coalesce(results_run, run_id).';
