"""'name: figure' result lines in a code block (ingest.named_lines): the first field is the
entity; a name that comes back starts a second series; one entity's summary lines and
config lines stay out."""

from __future__ import annotations

from crosscheck.ingest.named_lines import named_lines_table

from tests.ingest.parsing import text_claims

PRINTOUT = """# Encoders

```
fastenc (compact): 0.00310 seconds
fastenc: 0.00402 seconds
stdenc: 0.02113 seconds
fastenc (compact): 0.00355 seconds
fastenc: 0.00431 seconds
stdenc: 0.02540 seconds
```
"""


def test_names_are_entities_and_repeats_are_series() -> None:
    claims = text_claims(PRINTOUT)
    got = {(c["entity_raw"], c["raw_value"], c["conditions"]) for c in claims}
    assert ("fastenc (compact)", "0.00310 seconds", "series 1") in got
    assert ("stdenc", "0.02540 seconds", "series 2") in got
    assert len(claims) == 6


def test_a_tool_label_between_name_and_figure() -> None:
    table = named_lines_table(
        [
            "Alpha:    Requests per second:    21807.00 [#/sec] (mean)",
            "Beta:     Requests per second:    6680.53 [#/sec] (mean)",
        ],
        None,
    )
    assert table is not None
    assert table.header == ["", "Requests per second (mean)"]
    assert table.rows == [["Alpha", "21807.00 [#/sec]"], ["Beta", "6680.53 [#/sec]"]]


def test_summary_config_and_bare_numbers_are_not_read() -> None:
    assert named_lines_table(["Requests/sec: 5666.07", "Transfer/sec: 692.68KB"], None) is None
    assert named_lines_table(["workers: 16", "port: 8080"], None) is None  # no units
    assert named_lines_table(["alpha: 3 ms", "import os"], None) is None  # not every line
