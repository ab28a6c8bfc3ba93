-- Reconciliation beyond numeric consensus: source reliability, copy groups, categorical votes.
CREATE TABLE source_reliability (
    source      VARCHAR PRIMARY KEY,
    reliability DOUBLE NOT NULL CHECK (reliability BETWEEN 0 AND 1),
    claims      INTEGER NOT NULL CHECK (claims >= 0),
    agreeing    INTEGER NOT NULL CHECK (agreeing >= 0),
    disagreeing INTEGER NOT NULL CHECK (disagreeing >= 0),
    copy_group  VARCHAR,
    run_id      VARCHAR NOT NULL
);
COMMENT ON TABLE source_reliability IS 'How often each source agrees with the consensus, from truth discovery over the run''s facts (docs/reconcile.md); replaced for the sources each run reads.';
COMMENT ON COLUMN source_reliability.source IS 'URL or file path exactly as given (sources.source).';
COMMENT ON COLUMN source_reliability.reliability IS 'Smoothed agreement rate (agreeing + 2) / (agreeing + disagreeing + 3), Beta(2,1) prior; 0.667 for a source never compared.';
COMMENT ON COLUMN source_reliability.claims IS 'Reconcilable value claims of the source (numeric and categorical, mapped metrics).';
COMMENT ON COLUMN source_reliability.agreeing IS 'Claims that agreed with the consensus where at least two independent sources spoke and one side won.';
COMMENT ON COLUMN source_reliability.disagreeing IS 'Claims that disagreed with the consensus under the same conditions.';
COMMENT ON COLUMN source_reliability.copy_group IS 'Copy group of the source (copy_groups.group_id), null if it copies no one.';
COMMENT ON COLUMN source_reliability.run_id IS 'Run that last scored this source.';

CREATE TABLE copy_groups (
    source           VARCHAR PRIMARY KEY,
    group_id         VARCHAR NOT NULL,
    jaccard_to_group DOUBLE NOT NULL CHECK (jaccard_to_group BETWEEN 0 AND 1),
    size             INTEGER NOT NULL CHECK (size >= 2),
    run_id           VARCHAR NOT NULL
);
COMMENT ON TABLE copy_groups IS 'Pages that share at least 80% of their (entity, metric, qualifier, raw value) rows verbatim; a group votes as one voice in reconciliation.';
COMMENT ON COLUMN copy_groups.source IS 'A member page (sources.source).';
COMMENT ON COLUMN copy_groups.group_id IS 'copy- plus a hash of the sorted member list.';
COMMENT ON COLUMN copy_groups.jaccard_to_group IS 'Highest Jaccard similarity of this page''s rows to another member (1.0 for identical copies).';
COMMENT ON COLUMN copy_groups.size IS 'Number of pages in the group.';
COMMENT ON COLUMN copy_groups.run_id IS 'Run that detected the group.';

CREATE TABLE reconciled_categories (
    entity     VARCHAR NOT NULL,
    metric     VARCHAR NOT NULL,
    qualifier  VARCHAR NOT NULL,
    value_text VARCHAR NOT NULL,
    support    INTEGER NOT NULL,
    dissent    INTEGER NOT NULL,
    confidence DOUBLE NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    sources    VARCHAR[] NOT NULL,
    run_id     VARCHAR NOT NULL,
    PRIMARY KEY (entity, metric, qualifier)
);
COMMENT ON TABLE reconciled_categories IS 'Consensus category per entity, metric and qualifier from a reliability-weighted vote; replaced by every run that reconciles that key.';
COMMENT ON COLUMN reconciled_categories.entity IS 'Canonical entity.';
COMMENT ON COLUMN reconciled_categories.metric IS 'Canonical categorical metric id.';
COMMENT ON COLUMN reconciled_categories.qualifier IS 'Metric qualifier; empty string if none.';
COMMENT ON COLUMN reconciled_categories.value_text IS 'Winning normalized category (facts.text_value); ties go to more claims, then alphabetical, with confidence 0.';
COMMENT ON COLUMN reconciled_categories.support IS 'Claims giving the winning category.';
COMMENT ON COLUMN reconciled_categories.dissent IS 'Claims giving another category.';
COMMENT ON COLUMN reconciled_categories.confidence IS '(winner weight - runner-up weight) / (all weight + 1); 0 on a tie.';
COMMENT ON COLUMN reconciled_categories.sources IS 'Distinct sources giving the winning category, sorted.';
COMMENT ON COLUMN reconciled_categories.run_id IS 'Run that last reconciled this key.';

COMMENT ON COLUMN reconciled_facts.low IS 'Low end of the range the agreeing claims state (N for N+ and under N), canonical unit.';
COMMENT ON COLUMN reconciled_facts.high IS 'High end of the range the agreeing claims state (N for N+ and under N), canonical unit.';
COMMENT ON COLUMN reconciled_facts.support IS 'Claims that agree with the consensus (their comparison interval contains value); copies of one page weigh as one voice (copy_groups).';
COMMENT ON COLUMN reconciled_facts.dissent IS 'Claims of this entity, metric and qualifier that do not agree, including claims in another unit.';
COMMENT ON COLUMN reconciled_facts.confidence IS '(winning weight - strongest rival weight) / (all weight + 1) over reliability-weighted voices; 0 on an even split, below 0.5 for a single source (docs/reconcile.md).';
COMMENT ON COLUMN reconciled_facts.sources IS 'Distinct sources with at least one agreeing claim, sorted.';
