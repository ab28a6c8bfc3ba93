-- Figures in a unit a reader expects (issue 18): milliseconds for latencies, MB for memory,
-- years for ages, versions as text like 3.8 rather than 308. The display unit of a metric is
-- chosen from the typical size of its figures (the median magnitude per metric and canonical
-- unit), so no metric list is kept here; the canonical columns stay the analysts' API.

CREATE VIEW display_scales AS
WITH typical AS (
    SELECT metric, unit, median(abs(low)) AS magnitude
    FROM facts
    WHERE value_type = 'numeric' AND isfinite(low) AND unit IS NOT NULL
    GROUP BY metric, unit
)
SELECT metric, unit, display_unit,
    CASE display_unit
        WHEN 'ms' THEN 1000.0 WHEN 'min' THEN 1 / 60.0 WHEN 'h' THEN 1 / 3600.0
        WHEN 'days' THEN 1 / 86400.0 WHEN 'years' THEN 1 / 31557600.0
        WHEN 'KB' THEN 1e-3 WHEN 'MB' THEN 1e-6 WHEN 'GB' THEN 1e-9
        ELSE 1.0
    END AS factor
FROM (
    SELECT metric, unit,
        CASE unit
            WHEN 's' THEN CASE
                WHEN magnitude < 1 THEN 'ms' WHEN magnitude < 120 THEN 's'
                WHEN magnitude < 7200 THEN 'min' WHEN magnitude < 172800 THEN 'h'
                WHEN magnitude < 5184000 THEN 'days' ELSE 'years' END
            WHEN 'B' THEN CASE
                WHEN magnitude < 1e3 THEN 'B' WHEN magnitude < 1e6 THEN 'KB'
                WHEN magnitude < 1e9 THEN 'MB' ELSE 'GB' END
            ELSE unit
        END AS display_unit
    FROM typical
);
COMMENT ON VIEW display_scales IS 'The display unit of each metric and canonical unit, chosen from the median magnitude of its figures (ms, s, min, h, days or years for seconds; B, KB, MB or GB for bytes; the canonical unit otherwise), and the factor from canonical to display.';
COMMENT ON COLUMN display_scales.metric IS 'Canonical metric id.';
COMMENT ON COLUMN display_scales.unit IS 'Canonical unit of its facts.';
COMMENT ON COLUMN display_scales.display_unit IS 'Unit its figures are shown in.';
COMMENT ON COLUMN display_scales.factor IS 'Multiply a canonical value by this to get the display value.';

CREATE MACRO display_number(v, unit) AS
    CASE
        WHEN v IS NULL OR NOT isfinite(v) THEN NULL
        WHEN unit = 'version' THEN CAST(CAST(floor(v / 100) AS BIGINT) AS VARCHAR) || '.'
            || CAST(CAST(v - 100 * floor(v / 100) AS BIGINT) AS VARCHAR)
        WHEN unit = 'year' THEN CAST(CAST(round(v) AS BIGINT) AS VARCHAR)
        ELSE regexp_replace(CAST(round(v, 4) AS VARCHAR), '\.0$', '')
    END;

CREATE MACRO display_suffix(unit) AS
    CASE
        WHEN unit IN ('count', 'year', 'version') THEN ''
        WHEN unit = 'percent' THEN '%'
        WHEN unit = 'x' THEN '×'
        ELSE ' ' || unit
    END;

CREATE VIEW facts_display AS
SELECT
    x.claim_id, x.entity, x.metric, x.qualifier, x.bound, x.low, x.high, x.unit,
    coalesce(s.display_unit, x.unit) AS display_unit,
    CASE WHEN x.unit IN ('version', 'year') THEN NULL ELSE x.low * coalesce(s.factor, 1) END
        AS display_low,
    CASE WHEN x.unit IN ('version', 'year') OR NOT isfinite(x.high) THEN NULL
         ELSE x.high * coalesce(s.factor, 1) END AS display_high,
    CASE
        WHEN NOT isfinite(x.high) THEN display_number(x.low * coalesce(s.factor, 1), x.unit) || '+'
        WHEN x.low = x.high THEN display_number(x.low * coalesce(s.factor, 1), x.unit)
        ELSE display_number(x.low * coalesce(s.factor, 1), x.unit) || '–'
            || display_number(x.high * coalesce(s.factor, 1), x.unit)
    END || display_suffix(coalesce(s.display_unit, x.unit)) AS display_text
FROM facts AS x
LEFT JOIN display_scales AS s ON s.metric = x.metric AND s.unit = x.unit
WHERE x.value_type = 'numeric';
COMMENT ON VIEW facts_display IS 'Numeric facts in their display unit (display_scales): versions as text like 3.8, years as 2018, an unbounded end (N+) as NULL in display_high and a trailing + in display_text, as in the exports.';
COMMENT ON COLUMN facts_display.claim_id IS 'The fact (facts.claim_id).';
COMMENT ON COLUMN facts_display.entity IS 'Canonical entity.';
COMMENT ON COLUMN facts_display.metric IS 'Canonical metric id.';
COMMENT ON COLUMN facts_display.qualifier IS 'Metric qualifier.';
COMMENT ON COLUMN facts_display.bound IS 'Bound kind: exact, approximate, range, at_least or at_most.';
COMMENT ON COLUMN facts_display.low IS 'Low end in the canonical unit.';
COMMENT ON COLUMN facts_display.high IS 'High end in the canonical unit (+infinity when unbounded).';
COMMENT ON COLUMN facts_display.unit IS 'Canonical unit.';
COMMENT ON COLUMN facts_display.display_unit IS 'Unit of the display columns.';
COMMENT ON COLUMN facts_display.display_low IS 'Low end in the display unit (NULL for versions and years: see display_text).';
COMMENT ON COLUMN facts_display.display_high IS 'High end in the display unit; NULL when unbounded (N+) or for versions and years.';
COMMENT ON COLUMN facts_display.display_text IS 'The figure as text in the display unit: 175 ms, 45 MB, 3.8, 68000+.';

CREATE VIEW reconciled_display AS
SELECT
    r.entity, r.metric, r.qualifier, r.value, r.unit,
    coalesce(s.display_unit, r.unit) AS display_unit,
    CASE WHEN r.unit IN ('version', 'year') THEN NULL ELSE r.value * coalesce(s.factor, 1) END
        AS display_value,
    display_number(r.value * coalesce(s.factor, 1), r.unit)
        || display_suffix(coalesce(s.display_unit, r.unit)) AS display_text,
    r.support, r.dissent, r.confidence
FROM reconciled_facts AS r
LEFT JOIN display_scales AS s ON s.metric = r.metric AND s.unit = r.unit;
COMMENT ON VIEW reconciled_display IS 'Consensus values in their display unit (display_scales).';
COMMENT ON COLUMN reconciled_display.entity IS 'Canonical entity.';
COMMENT ON COLUMN reconciled_display.metric IS 'Canonical metric id.';
COMMENT ON COLUMN reconciled_display.qualifier IS 'Metric qualifier; empty string if none.';
COMMENT ON COLUMN reconciled_display.value IS 'Consensus value in the canonical unit.';
COMMENT ON COLUMN reconciled_display.unit IS 'Canonical unit.';
COMMENT ON COLUMN reconciled_display.display_unit IS 'Unit of display_value.';
COMMENT ON COLUMN reconciled_display.display_value IS 'Consensus value in the display unit (NULL for versions and years: see display_text).';
COMMENT ON COLUMN reconciled_display.display_text IS 'The consensus as text in the display unit.';
COMMENT ON COLUMN reconciled_display.support IS 'Claims agreeing.';
COMMENT ON COLUMN reconciled_display.dissent IS 'Claims disagreeing.';
COMMENT ON COLUMN reconciled_display.confidence IS 'Confidence, 0 to 1.';
