-- The suite separates critical expectations from warnings; `success` means no critical one failed.
COMMENT ON COLUMN check_runs.success IS 'True when no critical expectation failed; warnings are counted in summary.';
