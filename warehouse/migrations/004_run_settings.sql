-- What shaped a run's findings beyond its pages and versions, so an unchanged re-run can reuse them.
ALTER TABLE runs ADD COLUMN settings_digest VARCHAR;
COMMENT ON COLUMN runs.settings_digest IS 'Digest of what decides findings and consensus besides the pages: the checks and reconcile code, the interval policy, the reference year and the component names. A run that reads exactly the pages of the latest completed run, with the same versions and digest, reuses that run''s findings and consensus instead of recomputing them.';
