-- Findings, their claims and the consensus without key indexes (issue 19): DuckDB holds the key
-- index (ART) of every row a transaction inserts, and of the whole table once it writes to it,
-- in memory a memory_limit cannot spill: with claims and facts keyless (035) these indexes were
-- what still grew with the run in the load, and they kept the load from running under a limit.
-- Uniqueness stays: the load updates the rows whose key it holds and inserts the others (an
-- anti-join, as for claims), and the warehouse suite checks the keys. DuckDB cannot drop a
-- constraint: the three tables are rebuilt (finding_claims' foreign key to findings goes too).

CREATE TEMP TABLE _kept_finding_claims AS SELECT * FROM finding_claims;
CREATE TEMP TABLE _kept_findings AS SELECT * FROM findings;
CREATE TEMP TABLE _kept_reconciled_facts AS SELECT * FROM reconciled_facts;
DROP TABLE finding_claims;
DROP TABLE findings;
DROP TABLE reconciled_facts;
CREATE TABLE findings(finding_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, "scope" VARCHAR NOT NULL, severity VARCHAR NOT NULL, entity VARCHAR, metric VARCHAR, qualifier VARCHAR, explanation VARCHAR NOT NULL, first_seen_run VARCHAR NOT NULL, last_seen_run VARCHAR NOT NULL, status VARCHAR NOT NULL, resolved_run VARCHAR, reopened_run VARCHAR, root_cause VARCHAR, CHECK((severity IN ('info', 'low', 'medium', 'high'))), CHECK((status IN ('open', 'resolved'))));
INSERT INTO findings SELECT * FROM _kept_findings;
DROP TABLE _kept_findings;
COMMENT ON TABLE findings IS 'Contradictions and defects the checks found; the evidence claims are in finding_claims. A finding stays open until a run re-reads all its sources and no longer finds it.';
COMMENT ON COLUMN findings.finding_id IS 'Stable id of the finding (same evidence and rule give the same id on every run). Unique: the load updates a finding it holds and inserts the others (no key index, so that a large run''s load does not hold one in memory).';
COMMENT ON COLUMN findings.kind IS 'conflict, diff_mismatch, identical_columns, misattribution, unit_scale, logic, categorical_conflict, encoding, relation_mismatch or near_duplicate (a page that repeats another: one voice, not a confirmation).';
COMMENT ON COLUMN findings."scope" IS 'same_page (all evidence on one page) or cross_source.';
COMMENT ON COLUMN findings.severity IS 'info, low, medium or high.';
COMMENT ON COLUMN findings.entity IS 'Canonical entity the finding is about, when there is one.';
COMMENT ON COLUMN findings.metric IS 'Canonical metric the finding is about, when there is one.';
COMMENT ON COLUMN findings.qualifier IS 'Metric qualifier, when there is one.';
COMMENT ON COLUMN findings.explanation IS 'One-sentence explanation for reviewers.';
COMMENT ON COLUMN findings.first_seen_run IS 'Run that first detected the finding.';
COMMENT ON COLUMN findings.last_seen_run IS 'Latest run that detected the finding.';
COMMENT ON COLUMN findings.status IS 'open, or resolved when a later run re-read every source of its evidence and did not detect it again.';
COMMENT ON COLUMN findings.resolved_run IS 'Run that resolved the finding; NULL while open.';
COMMENT ON COLUMN findings.reopened_run IS 'Latest run that detected the finding again after it had been resolved; NULL if never reopened.';
COMMENT ON COLUMN findings.root_cause IS 'finding_id of the head of this finding''s root cause: findings about one entity and metric that share an evidence claim share it (the most severe heads, then the same-page one). Equal to finding_id for a cause of its own.';
CREATE TABLE finding_claims(finding_id VARCHAR NOT NULL, claim_id VARCHAR NOT NULL, "position" INTEGER NOT NULL);
INSERT INTO finding_claims SELECT * FROM _kept_finding_claims;
DROP TABLE _kept_finding_claims;
COMMENT ON TABLE finding_claims IS 'The evidence of each finding: which claims it rests on. One row per finding and claim (the load inserts only pairs it does not hold).';
COMMENT ON COLUMN finding_claims.finding_id IS 'The finding (findings.finding_id).';
COMMENT ON COLUMN finding_claims.claim_id IS 'A claim it rests on (claims.claim_id).';
COMMENT ON COLUMN finding_claims."position" IS 'Order of the claim in the finding''s evidence, from 1.';
CREATE TABLE reconciled_facts(entity VARCHAR NOT NULL, metric VARCHAR NOT NULL, qualifier VARCHAR NOT NULL, low DOUBLE, high DOUBLE, "value" DOUBLE, unit VARCHAR, support INTEGER, dissent INTEGER, confidence DOUBLE, sources VARCHAR[], run_id VARCHAR NOT NULL);
INSERT INTO reconciled_facts SELECT * FROM _kept_reconciled_facts;
DROP TABLE _kept_reconciled_facts;
COMMENT ON TABLE reconciled_facts IS 'Consensus value per entity and metric, replaced by every run that reconciles that pair. One row per entity, metric and qualifier (the load updates those it holds and inserts the others).';
COMMENT ON COLUMN reconciled_facts.entity IS 'Canonical entity.';
COMMENT ON COLUMN reconciled_facts.metric IS 'Canonical metric id.';
COMMENT ON COLUMN reconciled_facts.qualifier IS 'Metric qualifier; empty string if none.';
COMMENT ON COLUMN reconciled_facts.low IS 'Low end of the range the agreeing claims state (N for N+ and under N), canonical unit.';
COMMENT ON COLUMN reconciled_facts.high IS 'High end of the range the agreeing claims state (N for N+ and under N), canonical unit.';
COMMENT ON COLUMN reconciled_facts."value" IS 'Consensus point value in the canonical unit.';
COMMENT ON COLUMN reconciled_facts.unit IS 'Canonical unit of low, high and value.';
COMMENT ON COLUMN reconciled_facts.support IS 'Claims that agree with the consensus (their comparison interval contains value); copies of one page weigh as one voice (copy_groups).';
COMMENT ON COLUMN reconciled_facts.dissent IS 'Claims of this entity, metric and qualifier that do not agree, including claims in another unit.';
COMMENT ON COLUMN reconciled_facts.confidence IS '(winning weight - strongest rival weight) / (all weight + 1) over reliability-weighted voices; 0 on an even split, below 0.5 for a single source (docs/reconcile.md).';
COMMENT ON COLUMN reconciled_facts.sources IS 'Distinct sources with at least one agreeing claim, sorted.';
COMMENT ON COLUMN reconciled_facts.run_id IS 'Run that last reconciled this entity and metric.';
