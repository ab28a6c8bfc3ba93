"""k6's end-of-test summary in a code block → one table row of the block's entity.

Why: a load-test README pastes k6's metric lines, each name padded with dots
(`http_req_duration..............: avg=1.2ms min=501µs med=1.1ms max=15.3ms p(90)=1.7ms`,
`http_reqs......................: 412345  13744.52/s`). The statistics of a duration metric
and the per-second rates are figures; the totals, the virtual users and the check counts say
how the test ran (the virtual users become the row's condition). Read as fixed-width rows, the
dotted names became labels and the statistics one glued cell.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block
from crosscheck.ingest.summary_lines import one_row_table

_LINE = re.compile(r"^\s*[✓✗↳]?\s*(?P<name>[a-z][\w{}:]*?)\.{3,}:?\s+(?P<rest>\S.*?)\s*$")
_STAT = re.compile(r"(?P<key>avg|min|med|max|p\(\d+(?:\.\d+)?\))=(?P<value>[\d.]+[µmun]?s)\b")
_RATE = re.compile(r"^(?P<total>[\d.]+\s?\w*)\s+(?P<rate>[\d.]+\s?[kMG]?B?/s)$")
_VUS = re.compile(r"^(?P<n>\d+)\b")
_KNOWN = ("http_req_duration", "http_reqs", "iterations", "iteration_duration")


def k6_table(lines: list[str], caption: str | None) -> Block | None:
    """The run's figures as a one-row table, or None when the block is no k6 summary."""
    labels: list[str] = []
    values: list[str] = []
    conditions: list[str] = []
    names: set[str] = set()
    for line in lines:
        match = _LINE.match(line)
        if match is None:
            continue
        name, rest = match.group("name"), match.group("rest")
        names.add(name)
        if name in ("vus_max", "vus"):
            vus = _VUS.match(rest)
            if vus and not conditions:
                conditions.append(f"{vus.group('n')} VUs")
            continue
        if name.endswith("_duration") or name.startswith("http_req_"):
            for stat in _STAT.finditer(rest):
                key = stat.group("key").replace("(", "").replace(")", "")
                labels.append(f"{name} {key}")
                values.append(stat.group("value"))
            if _STAT.search(rest):
                continue
        rate = _RATE.match(rest)
        if rate:
            value = rate.group("rate")
            if value.endswith("/s") and value[:-2].replace(".", "").isdigit():
                # '13744.52/s': a count per second, the unit the metric counts in the header
                unit = "req/s" if name == "http_reqs" else "ops/s"
                labels.append(f"{name} rate ({unit})")
                values.append(value[:-2])
                continue
            labels.append(f"{name} rate")
            values.append(value)
    if not any(k in names for k in _KNOWN) or len(values) < 2:
        return None
    return one_row_table(labels, values, caption, "; ".join(conditions) or None)
