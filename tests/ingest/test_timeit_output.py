"""IPython %timeit output pasted in a README code block (ingest.timeit_out): the line above
names what was timed, the mean per loop is the figure, runs and loops are conditions."""

from __future__ import annotations

from crosscheck.ingest.timeit_out import timeit_table

from tests.ingest.parsing import text_claims

TIMEIT = """# Three clients

```
=== small body ===
Running %timeit using alpha.Client:
2.40 ms ± 31.5 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)

Running %timeit using beta in a thread pool:
0.98 ms ± 12 µs per loop (mean ± std. dev. of 7 runs, 1,000 loops each)

=== large body ===
Running %timeit using alpha.Client:
27.2 ms ± 1.05 ms per loop (mean ± std. dev. of 7 runs, 10 loops each)
```
"""


def test_timeit_names_come_from_the_line_above() -> None:
    claims = text_claims(TIMEIT)
    got = {(c["entity_raw"], c["raw_value"], c["conditions"]) for c in claims}
    assert ("alpha.Client", "2.40 ms", "small body; 7 runs, 100 loops each") in got
    assert ("beta in a thread pool", "0.98 ms", "small body; 7 runs, 1,000 loops each") in got
    assert ("alpha.Client", "27.2 ms", "large body; 7 runs, 10 loops each") in got
    # the deviation, the runs and the loops are no figures
    assert {c["raw_value"] for c in claims} == {"2.40 ms", "0.98 ms", "27.2 ms"}


def test_timeit_magic_line_and_old_best_of_form() -> None:
    lines = [
        "In [3]: %timeit -n 100 json.dumps(doc)",
        "12.3 µs ± 0.4 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)",
        "In [4]: %timeit orjson.dumps(doc)",
        "1000 loops, best of 3: 1.9 µs per loop",
    ]
    table = timeit_table(lines, None)
    assert table is not None
    assert table.rows == [["json.dumps(doc)", "12.3 µs"], ["orjson.dumps(doc)", "1.9 µs"]]
    assert table.row_conditions == ["7 runs, 100 loops each", "1000 loops, best of 3"]


def test_no_timeit_result_no_table() -> None:
    assert timeit_table(["pip install httpx", "python bench.py"], None) is None


def test_a_generic_line_above_names_nothing() -> None:
    lines = [
        "Results:",
        "1.19 ms ± 70.7 µs per loop (mean ± std. dev. of 7 runs, 1,000 loops each)",
    ]
    assert timeit_table(lines, "Results") is None


def test_python_m_timeit_line() -> None:
    lines = [
        "$ python -m timeit -s 'import orjson' 'orjson.dumps(1)'",
        "20000 loops, best of 5: 13.7 usec per loop",
    ]
    table = timeit_table(lines, None)
    assert table is not None
    assert table.rows[0] == ["orjson.dumps(1)", "13.7 usec"]
