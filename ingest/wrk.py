"""wrk output in a code block → one table row of the block's entity.

`Thread Stats   Avg  Stdev  Max  +/- Stdev` then `Latency  24.52ms  36.39ms  662.64ms  93.87%`:
the latency's average and maximum are figures (the deviation and the share within one
deviation describe the spread); `Latency Distribution` lines (`50%  14.73ms`) are latency
percentiles; `Requests/sec:` and `Transfer/sec:` close the run. The per-thread `Req/Sec` row,
the thread and connection counts and the request total are conditions of the run, not figures.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block
from crosscheck.ingest.summary_lines import one_row_table

_STATS = re.compile(r"^\s*Thread\s+Stats\s+Avg\s+Stdev\s+Max\b")
_LATENCY = re.compile(
    r"^\s*Latency\s+(?P<avg>[\d.]+\s?[µmun]?s)\s+\S+\s+(?P<max>[\d.]+\s?[µmun]?s)"
)
_PERCENTILE = re.compile(r"^\s*(?P<p>\d{2}(?:\.\d+)?)%\s+(?P<value>[\d.]+\s?[µmun]?s)\s*$")
_CLOSING = re.compile(
    r"^\s*(?P<label>Requests/sec|Transfer/sec):\s+(?P<value>\d[\d.]*\s?[KMG]?B?)\s*$"
)
# the transfer rate is a size per second as wrk writes it ('692.68KB'): the header says per second
_CLOSING_LABELS = {"Requests/sec": "Requests/sec", "Transfer/sec": "Transfer/sec (B/s)"}
_RUN = re.compile(r"^\s*Running\s+(?P<run>\S+\s+test)\b")
_LOAD = re.compile(r"^\s*(?P<load>\d+\s+threads\s+and\s+\d+\s+connections)\s*$")


def wrk_table(lines: list[str], caption: str | None) -> Block | None:
    """The run's figures as a one-row table, or None when the block is no wrk output."""
    if not any(_STATS.match(line) for line in lines):
        return None
    labels: list[str] = []
    values: list[str] = []
    conditions: list[str] = []
    for line in lines:
        for pattern, group in ((_RUN, "run"), (_LOAD, "load")):
            match = pattern.match(line)
            if match:
                conditions.append(match.group(group))
        latency = _LATENCY.match(line)
        if latency:
            labels += ["latency avg", "latency max"]
            values += [latency.group("avg"), latency.group("max")]
            continue
        percentile = _PERCENTILE.match(line)
        if percentile:
            labels.append(f"latency p{percentile.group('p')}")
            values.append(percentile.group("value"))
            continue
        closing = _CLOSING.match(line)
        if closing:
            labels.append(_CLOSING_LABELS[closing.group("label")])
            values.append(closing.group("value"))
    if len(values) < 2:
        return None
    return one_row_table(labels, values, caption, "; ".join(conditions) or None)


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
