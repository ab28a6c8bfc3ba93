-- crosscheck warehouse, schema version 1.
-- Applied by warehouse.schema.apply_migrations inside one transaction, together with its
-- schema_version row. Every table, view and column carries a COMMENT: docs/warehouse.md is
-- generated from these comments (warehouse.schema.describe_schema), so keep them precise.

CREATE TABLE schema_version (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE schema_version IS 'One row per applied schema migration; the highest version is the current schema.';
COMMENT ON COLUMN schema_version.version IS 'Migration number, from the NNN prefix of warehouse/migrations/NNN_name.sql.';
COMMENT ON COLUMN schema_version.name IS 'Migration file name.';
COMMENT ON COLUMN schema_version.applied_at IS 'When the migration was applied (UTC).';

CREATE TABLE runs (
    run_id             VARCHAR PRIMARY KEY,
    started_at         TIMESTAMP NOT NULL,
    finished_at        TIMESTAMP,
    status             VARCHAR NOT NULL CHECK (status IN ('completed', 'failed')),
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
    vocabulary_version VARCHAR
);
COMMENT ON TABLE runs IS 'One row per pipeline run: completed runs are loaded with all their data in one transaction; failed runs are recorded on their own.';
COMMENT ON COLUMN runs.run_id IS 'Run identifier chosen by the pipeline; the first_seen_run, last_seen_run and run_id columns elsewhere refer to it.';
COMMENT ON COLUMN runs.started_at IS 'When the run started (UTC).';
COMMENT ON COLUMN runs.finished_at IS 'When the run finished or failed (UTC).';
COMMENT ON COLUMN runs.status IS 'completed (its data is loaded) or failed (nothing of it was loaded).';
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
COMMENT ON COLUMN runs.error IS 'Why a failed run failed; NULL for completed runs.';
COMMENT ON COLUMN runs.crosscheck_version IS 'Version of crosscheck that ran.';
COMMENT ON COLUMN runs.vocabulary_version IS 'Version of the metric and entity vocabulary used to normalize.';

CREATE TABLE sources (
    source         VARCHAR PRIMARY KEY,
    kind           VARCHAR NOT NULL CHECK (kind IN ('url', 'file')),
    first_seen_run VARCHAR NOT NULL,
    last_seen_run  VARCHAR NOT NULL
);
COMMENT ON TABLE sources IS 'Every page source (URL or file path) any run has read; the folders and URLs given to a run are in runs.sources.';
COMMENT ON COLUMN sources.source IS 'URL or file path exactly as the pipeline gave it.';
COMMENT ON COLUMN sources.kind IS 'url for http(s) and other scheme:// sources, file for local paths.';
COMMENT ON COLUMN sources.first_seen_run IS 'Run that first read this source.';
COMMENT ON COLUMN sources.last_seen_run IS 'Latest run that read this source.';

CREATE TABLE pages (
    source         VARCHAR NOT NULL,
    page_sha256    VARCHAR NOT NULL,
    title          VARCHAR,
    content_type   VARCHAR,
    fetched_at     TIMESTAMP,
    status         VARCHAR NOT NULL CHECK (status IN ('fetched', 'not_modified', 'skipped', 'failed')),
    http_status    INTEGER,
    error          VARCHAR,
    claim_count    INTEGER,
    repairs        INTEGER,
    repair_kinds   VARCHAR,
    first_seen_run VARCHAR NOT NULL,
    last_seen_run  VARCHAR NOT NULL,
    PRIMARY KEY (source, page_sha256)
);
COMMENT ON TABLE pages IS 'One row per distinct snapshot of a source: a changed page body is a new row, an unchanged one only moves last_seen_run.';
COMMENT ON COLUMN pages.source IS 'URL or file path exactly as given.';
COMMENT ON COLUMN pages.page_sha256 IS 'sha256 of the snapshot body (the content address); empty string when nothing was fetched.';
COMMENT ON COLUMN pages.title IS 'Page title as found in the page.';
COMMENT ON COLUMN pages.content_type IS 'Content type of the snapshot (HTTP header or guessed from the file name).';
COMMENT ON COLUMN pages.fetched_at IS 'When the snapshot was last fetched or confirmed unchanged (UTC).';
COMMENT ON COLUMN pages.status IS 'Outcome of the latest attempt: fetched, not_modified, skipped or failed.';
COMMENT ON COLUMN pages.http_status IS 'HTTP status of the latest attempt; NULL for files.';
COMMENT ON COLUMN pages.error IS 'Why the latest attempt failed or was skipped; NULL otherwise.';
COMMENT ON COLUMN pages.claim_count IS 'Claims extracted from this snapshot.';
COMMENT ON COLUMN pages.repairs IS 'Characters repaired in the page text (mojibake, odd spaces).';
COMMENT ON COLUMN pages.repair_kinds IS 'What was repaired, e.g. "mojibake_em_dash, nbsp".';
COMMENT ON COLUMN pages.first_seen_run IS 'Run that first loaded this snapshot.';
COMMENT ON COLUMN pages.last_seen_run IS 'Latest run that saw this snapshot.';

CREATE TABLE claims (
    claim_id        VARCHAR PRIMARY KEY,
    source          VARCHAR NOT NULL,
    page_sha256     VARCHAR NOT NULL,
    page_title      VARCHAR,
    entity_raw      VARCHAR NOT NULL,
    counterpart_raw VARCHAR,
    label           VARCHAR NOT NULL,
    unit_hint       VARCHAR,
    raw_value       VARCHAR NOT NULL,
    role            VARCHAR NOT NULL,
    location_kind   VARCHAR NOT NULL,
    locator         VARCHAR NOT NULL,
    row_key         VARCHAR,
    evidence        VARCHAR,
    value_start     INTEGER,
    first_seen_run  VARCHAR NOT NULL
);
COMMENT ON TABLE claims IS 'Every figure said about one entity on one page, exactly as written, with its provenance; never rewritten once loaded.';
COMMENT ON COLUMN claims.claim_id IS 'Stable content hash of (source, page_sha256, locator, role): the same page gives the same ids on every run.';
COMMENT ON COLUMN claims.source IS 'URL or file path exactly as given.';
COMMENT ON COLUMN claims.page_sha256 IS 'Snapshot the claim was extracted from (pages.page_sha256).';
COMMENT ON COLUMN claims.page_title IS 'Title of that page.';
COMMENT ON COLUMN claims.entity_raw IS 'Entity as written: column header, card heading or sentence subject.';
COMMENT ON COLUMN claims.counterpart_raw IS 'The other entity of a diff or ratio claim; NULL otherwise.';
COMMENT ON COLUMN claims.label IS 'Metric label as written, or the whole sentence for prose claims.';
COMMENT ON COLUMN claims.unit_hint IS 'Unit split off the label header, e.g. KB from "Core Framework Size(KB)".';
COMMENT ON COLUMN claims.raw_value IS 'Exact source text of the value, e.g. "~2,500 req/sec", "400,000+".';
COMMENT ON COLUMN claims.role IS 'value (a figure of one entity), diff (a stated difference) or ratio (a stated ratio).';
COMMENT ON COLUMN claims.location_kind IS 'Where on the page: table_cell, collapsed_row, card, list_item, prose or attribute_row.';
COMMENT ON COLUMN claims.locator IS 'Human-readable position, e.g. "table 2 / row 14 / column Flask" or "paragraph 7 chars 40-58".';
COMMENT ON COLUMN claims.row_key IS 'Groups the cells of one table row; NULL outside rows.';
COMMENT ON COLUMN claims.evidence IS 'Surrounding text the value was read from.';
COMMENT ON COLUMN claims.value_start IS 'Offset of raw_value within evidence, or -1.';
COMMENT ON COLUMN claims.first_seen_run IS 'Run that first loaded this claim.';

CREATE TABLE facts (
    claim_id         VARCHAR PRIMARY KEY REFERENCES claims (claim_id),
    entity           VARCHAR NOT NULL,
    entity_qualifier VARCHAR,
    metric           VARCHAR NOT NULL,
    qualifier        VARCHAR NOT NULL,
    value_type       VARCHAR NOT NULL CHECK (value_type IN ('numeric', 'categorical')),
    low              DOUBLE,
    high             DOUBLE,
    bound            VARCHAR,
    unit             VARCHAR,
    dimension        VARCHAR,
    text_value       VARCHAR,
    note             VARCHAR,
    alt_low          DOUBLE,
    alt_high         DOUBLE,
    repairs          INTEGER NOT NULL DEFAULT 0,
    first_seen_run   VARCHAR NOT NULL,
    updated_run      VARCHAR NOT NULL
);
COMMENT ON TABLE facts IS 'A claim normalized onto the vocabulary: canonical entity and metric with an interval in a canonical unit, or a category. Join to claims on claim_id for provenance; a run that normalizes a claim differently (new vocabulary) updates its fact in place.';
COMMENT ON COLUMN facts.claim_id IS 'The claim this fact normalizes (claims.claim_id).';
COMMENT ON COLUMN facts.entity IS 'Canonical entity, e.g. Flask for "Flask 2.0+".';
COMMENT ON COLUMN facts.entity_qualifier IS 'Rest of the entity text, e.g. "2.0+".';
COMMENT ON COLUMN facts.metric IS 'Canonical metric id from the vocabulary, or "unmapped".';
COMMENT ON COLUMN facts.qualifier IS 'Metric qualifier, e.g. "concurrent load"; empty string if none.';
COMMENT ON COLUMN facts.value_type IS 'numeric (low/high/unit set) or categorical (text_value set).';
COMMENT ON COLUMN facts.low IS 'Low end of the interval in the canonical unit; -infinity for an open lower end.';
COMMENT ON COLUMN facts.high IS 'High end of the interval in the canonical unit; +infinity for an open upper end (at_least).';
COMMENT ON COLUMN facts.bound IS 'How the written value bounds the truth: exact, approximate, at_least, at_most or range; NULL for categorical facts.';
COMMENT ON COLUMN facts.unit IS 'Canonical unit: B, s, req/s, count, percent, year, version or x.';
COMMENT ON COLUMN facts.dimension IS 'Dimension of the unit: bytes, time, rate, count, percent, year, version or ratio.';
COMMENT ON COLUMN facts.text_value IS 'Normalized category of a categorical fact.';
COMMENT ON COLUMN facts.note IS 'Parenthetical note kept from the value, e.g. "PyPI".';
COMMENT ON COLUMN facts.alt_low IS 'Low end of the other reading when the header scale and the value disagree.';
COMMENT ON COLUMN facts.alt_high IS 'High end of that other reading.';
COMMENT ON COLUMN facts.repairs IS 'Characters repaired (mojibake, NBSP, dash variants) in this claim''s text.';
COMMENT ON COLUMN facts.first_seen_run IS 'Run that first loaded this fact.';
COMMENT ON COLUMN facts.updated_run IS 'Run whose normalization the values come from: the latest run that changed them (e.g. after a vocabulary change), else first_seen_run.';

CREATE TABLE quarantine (
    claim_id       VARCHAR NOT NULL,
    stage          VARCHAR NOT NULL,
    reason         VARCHAR NOT NULL,
    message        VARCHAR,
    raw_value      VARCHAR,
    source         VARCHAR,
    first_seen_run VARCHAR NOT NULL,
    last_seen_run  VARCHAR NOT NULL,
    PRIMARY KEY (claim_id, stage)
);
COMMENT ON TABLE quarantine IS 'Claims (or rows) a stage could not accept, with a machine-readable reason: kept, never dropped.';
COMMENT ON COLUMN quarantine.claim_id IS 'The quarantined claim (claims.claim_id when the claim itself was loaded).';
COMMENT ON COLUMN quarantine.stage IS 'Stage that quarantined it, e.g. normalize or checks.';
COMMENT ON COLUMN quarantine.reason IS 'Machine-readable reason: no_number, unknown_unit, unit_dimension_mismatch, unmapped_entity, unparseable or contract_violation.';
COMMENT ON COLUMN quarantine.message IS 'Human-readable explanation.';
COMMENT ON COLUMN quarantine.raw_value IS 'Exact source text of the value.';
COMMENT ON COLUMN quarantine.source IS 'URL or file path exactly as given.';
COMMENT ON COLUMN quarantine.first_seen_run IS 'Run that first quarantined it.';
COMMENT ON COLUMN quarantine.last_seen_run IS 'Latest run that quarantined it; older than the latest run means a later run no longer did.';

CREATE TABLE findings (
    finding_id     VARCHAR PRIMARY KEY,
    kind           VARCHAR NOT NULL,
    scope          VARCHAR NOT NULL,
    severity       VARCHAR NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high')),
    entity         VARCHAR,
    metric         VARCHAR,
    qualifier      VARCHAR,
    explanation    VARCHAR NOT NULL,
    first_seen_run VARCHAR NOT NULL,
    last_seen_run  VARCHAR NOT NULL,
    status         VARCHAR NOT NULL CHECK (status IN ('open', 'resolved')),
    resolved_run   VARCHAR,
    reopened_run   VARCHAR
);
COMMENT ON TABLE findings IS 'Contradictions and defects the checks found; the evidence claims are in finding_claims. A finding stays open until a run re-reads all its sources and no longer finds it.';
COMMENT ON COLUMN findings.finding_id IS 'Stable id of the finding (same evidence and rule give the same id on every run).';
COMMENT ON COLUMN findings.kind IS 'conflict, diff_mismatch, identical_columns, misattribution, unit_scale, logic, categorical_conflict or encoding.';
COMMENT ON COLUMN findings.scope IS 'same_page (all evidence on one page) or cross_source.';
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

CREATE TABLE finding_claims (
    finding_id VARCHAR NOT NULL REFERENCES findings (finding_id),
    claim_id   VARCHAR NOT NULL REFERENCES claims (claim_id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (finding_id, claim_id)
);
COMMENT ON TABLE finding_claims IS 'The evidence of each finding: which claims it rests on.';
COMMENT ON COLUMN finding_claims.finding_id IS 'The finding (findings.finding_id).';
COMMENT ON COLUMN finding_claims.claim_id IS 'A claim it rests on (claims.claim_id).';
COMMENT ON COLUMN finding_claims.position IS 'Order of the claim in the finding''s evidence, from 1.';

CREATE TABLE reconciled_facts (
    entity     VARCHAR NOT NULL,
    metric     VARCHAR NOT NULL,
    qualifier  VARCHAR NOT NULL,
    low        DOUBLE,
    high       DOUBLE,
    value      DOUBLE,
    unit       VARCHAR,
    support    INTEGER,
    dissent    INTEGER,
    confidence DOUBLE,
    sources    VARCHAR[],
    run_id     VARCHAR NOT NULL,
    PRIMARY KEY (entity, metric, qualifier)
);
COMMENT ON TABLE reconciled_facts IS 'Consensus value per entity and metric, replaced by every run that reconciles that pair.';
COMMENT ON COLUMN reconciled_facts.entity IS 'Canonical entity.';
COMMENT ON COLUMN reconciled_facts.metric IS 'Canonical metric id.';
COMMENT ON COLUMN reconciled_facts.qualifier IS 'Metric qualifier; empty string if none.';
COMMENT ON COLUMN reconciled_facts.low IS 'Low end of the consensus interval in the canonical unit.';
COMMENT ON COLUMN reconciled_facts.high IS 'High end of the consensus interval in the canonical unit.';
COMMENT ON COLUMN reconciled_facts.value IS 'Consensus point value in the canonical unit.';
COMMENT ON COLUMN reconciled_facts.unit IS 'Canonical unit of low, high and value.';
COMMENT ON COLUMN reconciled_facts.support IS 'Independent sources agreeing with the consensus (near-duplicate pages count once).';
COMMENT ON COLUMN reconciled_facts.dissent IS 'Independent sources disagreeing with the consensus.';
COMMENT ON COLUMN reconciled_facts.confidence IS 'Confidence in the consensus, 0 to 1.';
COMMENT ON COLUMN reconciled_facts.sources IS 'Sources that contributed.';
COMMENT ON COLUMN reconciled_facts.run_id IS 'Run that last reconciled this entity and metric.';

CREATE TABLE check_runs (
    check_run_id  VARCHAR PRIMARY KEY,
    run_id        VARCHAR NOT NULL,
    suite         VARCHAR NOT NULL,
    suite_version VARCHAR,
    success       BOOLEAN NOT NULL,
    evaluated     INTEGER,
    failed        INTEGER,
    summary       JSON,
    docs_path     VARCHAR,
    created_at    TIMESTAMP NOT NULL
);
COMMENT ON TABLE check_runs IS 'Results of validation suites (the Great Expectations suite) run against the loaded warehouse.';
COMMENT ON COLUMN check_runs.check_run_id IS 'Identifier of this suite run.';
COMMENT ON COLUMN check_runs.run_id IS 'Pipeline run whose load was validated (runs.run_id).';
COMMENT ON COLUMN check_runs.suite IS 'Name of the expectation suite.';
COMMENT ON COLUMN check_runs.suite_version IS 'Version of the suite.';
COMMENT ON COLUMN check_runs.success IS 'True when every expectation passed.';
COMMENT ON COLUMN check_runs.evaluated IS 'Expectations evaluated.';
COMMENT ON COLUMN check_runs.failed IS 'Expectations that failed.';
COMMENT ON COLUMN check_runs.summary IS 'Per-expectation results as JSON.';
COMMENT ON COLUMN check_runs.docs_path IS 'Path of the Data Docs page reviewers can open.';
COMMENT ON COLUMN check_runs.created_at IS 'When the suite ran (UTC).';

-- Views -------------------------------------------------------------------------------------

CREATE VIEW open_findings AS
SELECT
    f.finding_id, f.kind, f.scope, f.severity, f.entity, f.metric, f.qualifier, f.explanation,
    f.first_seen_run, f.last_seen_run,
    fc.position, c.claim_id, c.source, c.locator, c.label, c.raw_value,
    x.low, x.high, x.unit
FROM findings AS f
JOIN finding_claims AS fc USING (finding_id)
JOIN claims AS c USING (claim_id)
LEFT JOIN facts AS x USING (claim_id)
WHERE f.status = 'open';
COMMENT ON VIEW open_findings IS 'Open findings with their evidence: one row per finding and evidence claim.';
COMMENT ON COLUMN open_findings.finding_id IS 'The finding.';
COMMENT ON COLUMN open_findings.kind IS 'Finding kind.';
COMMENT ON COLUMN open_findings.scope IS 'same_page or cross_source.';
COMMENT ON COLUMN open_findings.severity IS 'info, low, medium or high.';
COMMENT ON COLUMN open_findings.entity IS 'Canonical entity of the finding.';
COMMENT ON COLUMN open_findings.metric IS 'Canonical metric of the finding.';
COMMENT ON COLUMN open_findings.qualifier IS 'Metric qualifier of the finding.';
COMMENT ON COLUMN open_findings.explanation IS 'One-sentence explanation.';
COMMENT ON COLUMN open_findings.first_seen_run IS 'Run that first detected the finding.';
COMMENT ON COLUMN open_findings.last_seen_run IS 'Latest run that detected the finding.';
COMMENT ON COLUMN open_findings.position IS 'Order of this claim in the evidence.';
COMMENT ON COLUMN open_findings.claim_id IS 'Evidence claim.';
COMMENT ON COLUMN open_findings.source IS 'URL or file path of the evidence claim.';
COMMENT ON COLUMN open_findings.locator IS 'Where on the page the claim is.';
COMMENT ON COLUMN open_findings.label IS 'Metric label as written, or the sentence.';
COMMENT ON COLUMN open_findings.raw_value IS 'Exact source text of the value.';
COMMENT ON COLUMN open_findings.low IS 'Normalized low end (NULL when the claim has no numeric fact).';
COMMENT ON COLUMN open_findings.high IS 'Normalized high end (NULL when the claim has no numeric fact).';
COMMENT ON COLUMN open_findings.unit IS 'Canonical unit of low and high.';

CREATE VIEW reconciled_matrix AS
SELECT
    entity,
    metric,
    qualifier,
    CASE WHEN qualifier = '' THEN metric ELSE metric || ' (' || qualifier || ')' END AS metric_label,
    value, low, high, unit, confidence, support, dissent
FROM reconciled_facts;
COMMENT ON VIEW reconciled_matrix IS 'Reconciled values as entity x metric rows, ready to PIVOT on metric_label.';
COMMENT ON COLUMN reconciled_matrix.entity IS 'Canonical entity (matrix row).';
COMMENT ON COLUMN reconciled_matrix.metric IS 'Canonical metric id.';
COMMENT ON COLUMN reconciled_matrix.qualifier IS 'Metric qualifier; empty string if none.';
COMMENT ON COLUMN reconciled_matrix.metric_label IS 'metric, with the qualifier in parentheses when there is one (matrix column).';
COMMENT ON COLUMN reconciled_matrix.value IS 'Consensus point value in the canonical unit.';
COMMENT ON COLUMN reconciled_matrix.low IS 'Low end of the consensus interval.';
COMMENT ON COLUMN reconciled_matrix.high IS 'High end of the consensus interval.';
COMMENT ON COLUMN reconciled_matrix.unit IS 'Canonical unit.';
COMMENT ON COLUMN reconciled_matrix.confidence IS 'Confidence in the consensus, 0 to 1.';
COMMENT ON COLUMN reconciled_matrix.support IS 'Independent sources agreeing.';
COMMENT ON COLUMN reconciled_matrix.dissent IS 'Independent sources disagreeing.';

CREATE VIEW changes_since_previous_run AS
WITH completed AS (
    SELECT run_id, started_at,
           lag(run_id) OVER (ORDER BY started_at, run_id) AS previous_run_id
    FROM runs
    WHERE status = 'completed'
),
latest AS (
    SELECT run_id, previous_run_id FROM completed ORDER BY started_at DESC, run_id DESC LIMIT 1
)
SELECT
    CASE
        WHEN f.first_seen_run = l.run_id THEN 'new'
        WHEN f.resolved_run = l.run_id THEN 'resolved'
        ELSE 'reopened'
    END AS change,
    l.run_id, l.previous_run_id,
    f.finding_id, f.kind, f.scope, f.severity, f.entity, f.metric, f.qualifier, f.explanation,
    f.first_seen_run, f.last_seen_run, f.status
FROM findings AS f, latest AS l
WHERE f.first_seen_run = l.run_id
   OR (f.status = 'resolved' AND f.resolved_run = l.run_id)
   OR (f.status = 'open' AND f.reopened_run = l.run_id);
COMMENT ON VIEW changes_since_previous_run IS 'Findings that changed in the latest completed run: new (first seen in it), resolved (last seen in an earlier run, resolved by it) or reopened.';
COMMENT ON COLUMN changes_since_previous_run.change IS 'new, resolved or reopened.';
COMMENT ON COLUMN changes_since_previous_run.run_id IS 'The latest completed run.';
COMMENT ON COLUMN changes_since_previous_run.previous_run_id IS 'The completed run before it (NULL for the first run).';
COMMENT ON COLUMN changes_since_previous_run.finding_id IS 'The finding.';
COMMENT ON COLUMN changes_since_previous_run.kind IS 'Finding kind.';
COMMENT ON COLUMN changes_since_previous_run.scope IS 'same_page or cross_source.';
COMMENT ON COLUMN changes_since_previous_run.severity IS 'info, low, medium or high.';
COMMENT ON COLUMN changes_since_previous_run.entity IS 'Canonical entity of the finding.';
COMMENT ON COLUMN changes_since_previous_run.metric IS 'Canonical metric of the finding.';
COMMENT ON COLUMN changes_since_previous_run.qualifier IS 'Metric qualifier of the finding.';
COMMENT ON COLUMN changes_since_previous_run.explanation IS 'One-sentence explanation.';
COMMENT ON COLUMN changes_since_previous_run.first_seen_run IS 'Run that first detected the finding.';
COMMENT ON COLUMN changes_since_previous_run.last_seen_run IS 'Latest run that detected it (earlier than run_id for resolved findings).';
COMMENT ON COLUMN changes_since_previous_run.status IS 'open or resolved, now.';
