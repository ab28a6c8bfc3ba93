-- Reviewers' verdicts on findings (issue 18): every verdict is kept, the latest one per finding
-- rules, and a dismissed or expected finding is set aside only while its evidence is as reviewed.

CREATE TABLE reviews (
    review_id       VARCHAR PRIMARY KEY,
    finding_id      VARCHAR NOT NULL,
    verdict         VARCHAR NOT NULL CHECK (verdict IN ('confirmed', 'dismissed', 'expected')),
    note            VARCHAR NOT NULL,
    reviewer        VARCHAR NOT NULL,
    reviewed_at     TIMESTAMP NOT NULL,
    true_value      DOUBLE,
    unit            VARCHAR,
    entity          VARCHAR,
    metric          VARCHAR,
    qualifier       VARCHAR,
    run_id          VARCHAR,
    severity        VARCHAR,
    explanation     VARCHAR,
    evidence        VARCHAR NOT NULL,
    evidence_digest VARCHAR NOT NULL
);
COMMENT ON TABLE reviews IS 'Verdicts reviewers recorded on findings (crosscheck review), one row per verdict with history kept; the latest verdict of a finding is the one in force (finding_verdicts).';
COMMENT ON COLUMN reviews.review_id IS 'Id of this verdict.';
COMMENT ON COLUMN reviews.finding_id IS 'The finding reviewed (findings.finding_id; ids survive edited values).';
COMMENT ON COLUMN reviews.verdict IS 'confirmed (a real contradiction), dismissed (not one) or expected (real but known and accepted).';
COMMENT ON COLUMN reviews.note IS 'Why, in the reviewer''s words.';
COMMENT ON COLUMN reviews.reviewer IS 'Who recorded it (--by, default the login name).';
COMMENT ON COLUMN reviews.reviewed_at IS 'When it was recorded (UTC).';
COMMENT ON COLUMN reviews.true_value IS 'For a confirmed finding, the true value in the canonical unit: it pins the consensus of the entity, metric and qualifier and scores the sources; NULL otherwise.';
COMMENT ON COLUMN reviews.unit IS 'Canonical unit of true_value.';
COMMENT ON COLUMN reviews.entity IS 'Entity of the finding when reviewed.';
COMMENT ON COLUMN reviews.metric IS 'Metric of the finding when reviewed.';
COMMENT ON COLUMN reviews.qualifier IS 'Qualifier of the finding when reviewed ('''' for none).';
COMMENT ON COLUMN reviews.run_id IS 'Latest run that had detected the finding when it was reviewed.';
COMMENT ON COLUMN reviews.severity IS 'Severity of the finding when reviewed.';
COMMENT ON COLUMN reviews.explanation IS 'Explanation of the finding when reviewed.';
COMMENT ON COLUMN reviews.evidence IS 'The evidence when reviewed, as JSON: a list of {source, locator, role, raw_value}.';
COMMENT ON COLUMN reviews.evidence_digest IS 'md5 of the evidence when reviewed (see finding_verdicts); a different digest now means the evidence changed.';

CREATE VIEW finding_verdicts AS
WITH latest AS (
    SELECT * FROM reviews
    QUALIFY row_number() OVER (PARTITION BY finding_id ORDER BY reviewed_at DESC, review_id DESC) = 1
),
evidence AS (
    SELECT fc.finding_id,
           md5(string_agg(
               c.source || chr(31) || coalesce(c.locator, '') || chr(31) || c.role || chr(31)
                   || coalesce(c.raw_value, ''),
               chr(30) ORDER BY c.source, c.locator, c.role, c.raw_value)) AS evidence_digest
    FROM finding_claims AS fc JOIN claims AS c USING (claim_id)
    WHERE fc.finding_id IN (SELECT finding_id FROM latest)
    GROUP BY fc.finding_id
)
SELECT
    l.finding_id, l.review_id, l.verdict, l.note, l.reviewer, l.reviewed_at, l.true_value, l.unit,
    e.evidence_digest IS NOT DISTINCT FROM l.evidence_digest AS evidence_unchanged,
    l.verdict IN ('dismissed', 'expected')
        AND e.evidence_digest IS NOT DISTINCT FROM l.evidence_digest AS set_aside
FROM latest AS l LEFT JOIN evidence AS e USING (finding_id);
COMMENT ON VIEW finding_verdicts IS 'The verdict in force per reviewed finding (its latest review) and whether its evidence is still as reviewed.';
COMMENT ON COLUMN finding_verdicts.finding_id IS 'The finding.';
COMMENT ON COLUMN finding_verdicts.review_id IS 'The latest review (reviews.review_id).';
COMMENT ON COLUMN finding_verdicts.verdict IS 'confirmed, dismissed or expected.';
COMMENT ON COLUMN finding_verdicts.note IS 'The reviewer''s note.';
COMMENT ON COLUMN finding_verdicts.reviewer IS 'Who recorded it.';
COMMENT ON COLUMN finding_verdicts.reviewed_at IS 'When (UTC).';
COMMENT ON COLUMN finding_verdicts.true_value IS 'The true value a confirming reviewer named, in the canonical unit.';
COMMENT ON COLUMN finding_verdicts.unit IS 'Unit of true_value.';
COMMENT ON COLUMN finding_verdicts.evidence_unchanged IS 'The evidence (sources, places, roles and raw values) is what the reviewer saw.';
COMMENT ON COLUMN finding_verdicts.set_aside IS 'Dismissed or expected with unchanged evidence: left out of open_findings and --fail-on. When the evidence changes the finding reopens.';

CREATE OR REPLACE VIEW open_findings AS
SELECT
    f.finding_id, f.kind, f.scope, f.severity, f.entity, f.metric, f.qualifier, f.explanation,
    f.first_seen_run, f.last_seen_run,
    fc.position, c.claim_id, c.source, c.locator, c.label, c.raw_value,
    x.low, x.high, x.unit
FROM findings AS f
JOIN finding_claims AS fc USING (finding_id)
JOIN claims AS c USING (claim_id)
LEFT JOIN facts AS x USING (claim_id)
WHERE f.status = 'open'
  AND f.finding_id NOT IN (SELECT finding_id FROM finding_verdicts WHERE set_aside);
COMMENT ON VIEW open_findings IS 'Open findings with their evidence, one row per finding and evidence claim; a finding a reviewer dismissed or marked expected is left out until its evidence changes (finding_verdicts.set_aside).';
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

