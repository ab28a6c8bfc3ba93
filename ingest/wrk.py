"""wrk output in a code block → one table row of the block's entity.

`Thread Stats   Avg  Stdev  Max  +/- Stdev` then `Latency  24.52ms  36.39ms  662.64ms  93.87%`:
every column is a figure of its own quantity. The average, the maximum and the deviation are
three statistics of the latency (labelled 'avg', 'max', 'stddev': normalize keeps a deviation
apart from the mean it spreads around), the '+/- Stdev' column is the share of samples within
one deviation (a percent, its own metric). The `Req/Sec` row is per thread (wrk's thread
stats), so its labels say so and are never compared with the run's `Requests/sec:` total.
`Latency Distribution` lines (`50%  14.73ms`, wrk2's `99.900%  5.72ms`) are latency
percentiles; `N requests in 10.10s, 187.27MB read` gives the run's totals; `Requests/sec:`
and `Transfer/sec:` close the run. Thread and connection counts are the run's conditions.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block
from crosscheck.ingest.output_rows import report_table

_STATS = re.compile(r"^\s*Thread\s+Stats\s+Avg\s+Stdev\s+Max\b")
_TIME = r"[\d.]+\s?[µmun]?s"
_RATE = r"[\d.]+[kMG]?"
_SHARE = r"[\d.]+%"
# a stats row: its name, then Avg, Stdev, Max and '+/- Stdev' in wrk's column order
_ROW = re.compile(
    rf"^\s*(?:(?P<lat>Latency)\s+(?P<t_avg>{_TIME})\s+(?P<t_dev>{_TIME})\s+(?P<t_max>{_TIME})"
    rf"|(?P<req>Req/Sec)\s+(?P<r_avg>{_RATE})\s+(?P<r_dev>{_RATE})\s+(?P<r_max>{_RATE}))"
    rf"(?:\s+(?P<share>{_SHARE}))?\s*$"
)
# one label a column: the deviation is 'stddev' (normalize's word for it), the share its own
_COLUMNS = {
    "lat": (("t_avg", "latency avg"), ("t_dev", "latency stddev"), ("t_max", "latency max")),
    "req": (
        ("r_avg", "Req/Sec per thread"),
        ("r_dev", "Req/Sec per thread stddev"),
        ("r_max", "Req/Sec per thread max"),
    ),
}
_SHARE_LABEL = {
    "lat": "latency share within one stddev",
    "req": "Req/Sec per thread share within one stddev",
}
_PERCENTILE = re.compile(r"^\s*(?P<p>\d{2,3}(?:\.\d+)?)%\s+(?P<value>[\d.]+\s?[µmun]?s)\s*$")
_TOTALS = re.compile(
    r"^\s*(?P<requests>\d[\d,]*)\s+requests\s+in\s+(?P<time>[\d.]+\s?[a-z]+),\s+"
    r"(?P<read>[\d.]+\s?[KMGT]?B)\s+read\s*$"
)
_CLOSING = re.compile(
    r"^\s*(?P<label>Requests/sec|Transfer/sec):\s+(?P<value>\d[\d,.]*\s?[KMGT]?B?)\s*$"
)
# the transfer rate is a size per second as wrk writes it ('692.68KB'): the header says per second
_CLOSING_LABELS = {"Requests/sec": "Requests/sec", "Transfer/sec": "Transfer/sec (B/s)"}
_RUN = re.compile(r"^\s*Running\s+(?P<run>\S+\s+test)\b")
_LOAD = re.compile(r"^\s*(?P<load>\d+\s+threads\s+and\s+\d+\s+connections)\s*$")


def _percentile(p: str) -> str:
    """'99.900' → '99.9', '50.000' → '50' (wrk2 prints three decimals)."""
    return p.rstrip("0").rstrip(".") if "." in p else p


def _row_figures(match: re.Match[str]) -> list[tuple[str, str, str]]:
    """(label, value, line) of every column of one thread-stats row."""
    kind = "lat" if match.group("lat") else "req"
    line = match.group(0)
    figures = [(label, match.group(group), line) for group, label in _COLUMNS[kind]]
    if match.group("share"):
        figures.append((_SHARE_LABEL[kind], match.group("share"), line))
    return figures


def wrk_table(lines: list[str], caption: str | None) -> Block | None:
    """The run's figures as a caption-entity table, or None when the block is no wrk output."""
    if not any(_STATS.match(line) for line in lines):
        return None
    figures: list[tuple[str, str, str]] = []
    conditions: list[str] = []
    for line in lines:
        for pattern, group in ((_RUN, "run"), (_LOAD, "load")):
            match = pattern.match(line)
            if match:
                conditions.append(match.group(group))
        row = _ROW.match(line)
        if row:
            figures += _row_figures(row)
            continue
        percentile = _PERCENTILE.match(line)
        if percentile:
            p = _percentile(percentile.group("p"))
            figures.append((f"latency p{p}", percentile.group("value"), line))
            continue
        totals = _TOTALS.match(line)
        if totals:
            # the run's totals over its measured time ('in 10.10s': the run's length again)
            figures.append(("total requests", totals.group("requests"), line))
            figures.append(("total data read", totals.group("read"), line))
            continue
        closing = _CLOSING.match(line)
        if closing:
            figures.append((_CLOSING_LABELS[closing.group("label")], closing.group("value"), line))
    if len(figures) < 2:
        return None
    return report_table(figures, caption, "; ".join(conditions) or None)


_MAX_OUTPUT = 30  # lines from 'Running ...' to 'Transfer/sec:' (latency distribution included)


def may_start_wrk(line: str) -> bool:
    """'Running 10s test @ http://...': the first line of wrk's output."""
    return _RUN.match(line) is not None and "@" in line


def wrk_run_end(lines: list[str], start: int) -> int | None:
    """End of wrk's output pasted without a code fence ('Running 10s test @ ...' down to its
    'Transfer/sec:' or 'Requests/sec:' line), or None. Read as prose, its per-thread
    'Req/Sec' and spread columns became figures of whatever the paragraph above named."""
    if not may_start_wrk(lines[start]):
        return None
    stats = closing = None
    for j in range(start + 1, min(len(lines), start + _MAX_OUTPUT)):
        if stats is None and _STATS.match(lines[j]):
            stats = j
        match = _CLOSING.match(lines[j])
        if stats is not None and match:
            closing = j
    return closing + 1 if closing is not None else None
