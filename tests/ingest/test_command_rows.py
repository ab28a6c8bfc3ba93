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


def test_hyperfine_output_rows_take_the_differing_words() -> None:
    from crosscheck.ingest.hyperfine import hyperfine_tables

    lines = [
        "Benchmark 1: yarn run spec:alpha",
        "  Time (mean ± σ):      4.210 s ±  0.300 s    [User: 9.1 s, System: 1.2 s]",
        "Benchmark 2: yarn run spec:beta",
        "  Time (mean ± σ):      3.010 s ±  0.210 s    [User: 6.1 s, System: 1.0 s]",
    ]
    table = hyperfine_tables(lines, None)[0]
    assert [r[0] for r in table.rows] == ["spec:alpha", "spec:beta"]
    flags = ["Benchmark 1: kubectl get pods --context a", "  Time (mean ± σ):  7.0 ms ±  0.2 ms"]
    flags += ["Benchmark 2: kubectl get pods --context b", "  Time (mean ± σ):  1.0 ms ±  0.1 ms"]
    named = [r[0] for r in hyperfine_tables(flags, None)[0].rows]
    assert named == ["kubectl get pods --context a", "kubectl get pods --context b"]
