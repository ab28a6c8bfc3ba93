-- Conditions of a measurement (threads, payload, dataset, hardware, version, date) as the page wrote them.
ALTER TABLE claims ADD COLUMN conditions VARCHAR;
COMMENT ON COLUMN claims.conditions IS 'Conditions under which the figure was measured, as written on the page and joined by "; " (a condition column or row, a heading, a parenthesis: "16 threads; payload 1 KB"); NULL when none. Normalize turns them into the fact''s qualifier, so figures under different conditions never conflict.';
