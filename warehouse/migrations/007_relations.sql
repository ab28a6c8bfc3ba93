-- Comparative statements read as relations (issue 16): "3x faster", "within 5 %", "half the memory".
CREATE TABLE relations (
    relation_id VARCHAR PRIMARY KEY,
    claim_id    VARCHAR NOT NULL REFERENCES claims (claim_id),
    source      VARCHAR NOT NULL,
    a           VARCHAR NOT NULL,
    a_raw       VARCHAR,
    b           VARCHAR,
    b_raw       VARCHAR,
    metric      VARCHAR,
    phrase      VARCHAR,
    aspect      VARCHAR NOT NULL,
    direction   VARCHAR NOT NULL,
    low         DOUBLE NOT NULL,
    high        DOUBLE NOT NULL,
    bound       VARCHAR NOT NULL,
    raw_value   VARCHAR,
    label       VARCHAR,
    evidence    VARCHAR,
    conditions  VARCHAR,
    locator     VARCHAR,
    first_seen_run VARCHAR NOT NULL,
    last_seen_run  VARCHAR NOT NULL
);
COMMENT ON TABLE relations IS 'Comparative statements ("A is 3x faster than B", "within 5 %", "2-3x the next library") read as a ratio interval a/b on one aspect; the relation_mismatch check compares them with the page''s figures and with each other.';
COMMENT ON COLUMN relations.relation_id IS 'Stable hash of the claim it was read from.';
COMMENT ON COLUMN relations.claim_id IS 'The ratio or diff claim (claims.role) the statement was read from.';
COMMENT ON COLUMN relations.source IS 'Page the statement is on.';
COMMENT ON COLUMN relations.a IS 'Canonical entity the statement is about.';
COMMENT ON COLUMN relations.a_raw IS 'That entity as written.';
COMMENT ON COLUMN relations.b IS 'Canonical entity it is compared with; NULL when the page names none ("the next best").';
COMMENT ON COLUMN relations.b_raw IS 'The other entity as written, "next best" for "than the next library", or NULL.';
COMMENT ON COLUMN relations.metric IS 'Canonical metric the comparative phrase names ("higher throughput"), NULL for a plain "faster".';
COMMENT ON COLUMN relations.phrase IS 'What is compared, the comparative words left out ("maximum throughput", "memory"); empty when nothing is named.';
COMMENT ON COLUMN relations.aspect IS 'speed (faster/slower: higher is better on a rate, lower on a time) or amount (more/less of what the phrase names).';
COMMENT ON COLUMN relations.direction IS 'higher, lower or equal: a against b on the aspect.';
COMMENT ON COLUMN relations.low IS 'Low end of the ratio a/b on the aspect: "3x faster" 3, "474% faster" 5.74, "40% less memory" 0.6, "within 5%" 0.95.';
COMMENT ON COLUMN relations.high IS 'High end of the ratio a/b ("2-3x" gives 2 and 3).';
COMMENT ON COLUMN relations.bound IS 'How the number bounds the ratio: exact, approximate ("~6x"), at_most ("up to 4 times"), at_least ("over 3x") or range.';
COMMENT ON COLUMN relations.raw_value IS 'The number with its mark as written ("3x", "474%", "within 5%").';
COMMENT ON COLUMN relations.label IS 'The comparative phrase as written ("faster", "less memory").';
COMMENT ON COLUMN relations.evidence IS 'The sentence: the statement''s provenance.';
COMMENT ON COLUMN relations.conditions IS 'Conditions of the statement as written, or NULL.';
COMMENT ON COLUMN relations.locator IS 'Where on the page the statement is.';
COMMENT ON COLUMN relations.first_seen_run IS 'Run that first read this statement.';
COMMENT ON COLUMN relations.last_seen_run IS 'Latest run that read it.';
COMMENT ON COLUMN findings.kind IS 'conflict, diff_mismatch, identical_columns, misattribution, unit_scale, logic, categorical_conflict, encoding or relation_mismatch (a comparative statement the page''s figures, another statement or another page contradict).';
