-- Page identity by content (issue 16): the sketch of each page's wording that copy detection
-- compares, kept so that a re-run which reuses an unchanged page still finds its copies.

CREATE TABLE page_passages (
    source VARCHAR NOT NULL PRIMARY KEY,
    page_sha256 VARCHAR NOT NULL,
    sketch BIGINT[] NOT NULL,
    shingles INTEGER NOT NULL,
    quote_hashes BIGINT[] NOT NULL,
    quote_texts VARCHAR[] NOT NULL
);
COMMENT ON TABLE page_passages IS 'Per page, the sketch of its wording for copy detection (crosscheck.common.passages): the smallest hashes of its word 5-grams and its sentences naming an entity. Replaced when the page is parsed again.';
COMMENT ON COLUMN page_passages.source IS 'The page (URL or file path as given).';
COMMENT ON COLUMN page_passages.page_sha256 IS 'Snapshot hash of the text the sketch was made from.';
COMMENT ON COLUMN page_passages.sketch IS 'The smallest distinct 64-bit hashes of the page''s word 5-grams, sorted as unsigned (stored as signed BIGINT).';
COMMENT ON COLUMN page_passages.shingles IS 'How many distinct word 5-grams the page has.';
COMMENT ON COLUMN page_passages.quote_hashes IS 'Hashes of the page''s sentences that name one of its entities.';
COMMENT ON COLUMN page_passages.quote_texts IS 'Those sentences, as written (what a near_duplicate finding quotes).';
