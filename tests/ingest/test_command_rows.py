"""A hyperfine markdown export (ingest.command_rows, table_cells.clean_cell): rows named by
commands sharing their runner take the words that differ; 'Min [s]' is a unit, not a link."""

from __future__ import annotations

from crosscheck.ingest.command_rows import command_names
from crosscheck.ingest.table_cells import clean_cell

from tests.ingest.parsing import text_claims

EXPORT = """# Test runners

| Command | Mean [s] | Min [s] | Max [s] | Relative |
|:---|---:|---:|---:|---:|
| `yarn run spec:alpha` | 4.210 ± 0.300 | 3.900 | 4.700 | 1.40 ± 0.12 |
| `yarn run spec:beta` | 3.010 ± 0.210 | 2.800 | 3.400 | 1.00 |
"""


def test_rows_take_the_words_the_commands_do_not_share() -> None:
    claims = text_claims(EXPORT)
    got = {(c["entity_raw"], c["label"], c["raw_value"], c["unit_hint"]) for c in claims}
    assert ("spec:alpha", "Min", "3.900", "s") in got
    assert ("spec:beta", "Mean", "3.010", "s") in got
    assert {c["entity_raw"] for c in claims} == {"spec:alpha", "spec:beta"}


def test_command_names_needs_code_marks_and_a_shared_lead() -> None:
    assert command_names(["`npm run a`", "`npm run b:c`"]) == ["a", "b:c"]
    assert command_names(["`fd -e py`", "`find . -name x`"]) is None  # two programs
    assert command_names(["Intel Core i9", "Intel Core i7"]) is None  # no code marks


def test_bracketed_unit_is_kept_a_link_is_not() -> None:
    assert clean_cell("Mean [s]") == "Mean [s]"
    assert clean_cell("Min [ms]") == "Min [ms]"
    assert clean_cell("see [docs]") == "see docs"
