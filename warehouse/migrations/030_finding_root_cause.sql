-- One id per root cause (issue 16): findings that are one contradiction seen from several
-- sides (a same-page conflict and the cross-source conflict its wrong figure feeds) carry the
-- finding_id of the group's head. Rows written before this migration are their own cause.

ALTER TABLE findings ADD COLUMN root_cause VARCHAR;
UPDATE findings SET root_cause = finding_id;
COMMENT ON COLUMN findings.root_cause IS 'finding_id of the head of this finding''s root cause: findings about one entity and metric that share an evidence claim share it (the most severe heads, then the same-page one). Equal to finding_id for a cause of its own.';
COMMENT ON COLUMN findings.kind IS 'conflict, diff_mismatch, identical_columns, misattribution, unit_scale, logic, categorical_conflict, encoding, relation_mismatch or near_duplicate (a page that repeats another: one voice, not a confirmation).';
