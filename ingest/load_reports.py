"""vegeta's and bombardier's reports in a code block → one table row of the caption's entity.

Why: vegeta names its values in brackets before them ('Latencies  [min, mean, 50, 99, max]
9.0ms, 17.4ms, ...'): read as summary lines, nothing matched. bombardier prints a statistics
table ('Statistics  Avg  Stdev  Max' over 'Reqs/sec' and 'Latency' rows) under a progress bar,
which became the table's entity, and its columns labels without a metric ('Avg'). Each value
here gets its own label: bombardier's rate is sampled over the run, so its deviation and
maximum are labelled as such (normalize keeps them apart from the typical rate).
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block
from crosscheck.ingest.output_rows import report_table

__all__ = ["bombardier_table", "vegeta_table"]

_FIGURE = re.compile(r"^\d[\d,]*(?:\.\d+)?(?:[µmun]?s|%)?$")

# --- vegeta -------------------------------------------------------------------------------------

_BRACKETED = re.compile(
    r"^\s*(?P<name>[A-Z][A-Za-z ]*?)\s+\[(?P<keys>[^\[\]]+)\]\s+(?P<values>\S.*?)\s*$"
)
# vegeta's line names → what their keys measure ('50' under Latencies is a percentile); the
# hint is glued to the label, as a table header gives its unit
_VEGETA: dict[str, tuple[str, str | None]] = {
    "requests": ("requests", None),
    "duration": ("duration", None),
    "latencies": ("latency", None),
    "bytes in": ("bytes in", "bytes"),
    "bytes out": ("bytes out", "bytes"),
    "success": ("success", None),
}
_VEGETA_KEYS = {
    ("requests", "total"): "total requests",
    ("requests", "rate"): "attack rate(req/s)",
    ("requests", "throughput"): "Requests/sec",
    ("success", "ratio"): "success ratio",
}


def _vegeta_label(name: str, key: str, hint: str | None) -> str:
    known = _VEGETA_KEYS.get((name, key))
    if known is not None:
        return known
    stat = f"p{key}" if key.replace(".", "").isdigit() else key
    label = f"{_VEGETA[name][0]} {stat}"
    return f"{label}({hint})" if hint else label


def vegeta_table(lines: list[str], caption: str | None) -> Block | None:
    """vegeta's text report as a one-row table, or None when the block has none (two of its
    bracketed lines: Requests, Duration, Latencies, Bytes, Success)."""
    if not any("[" in line and "Latencies" in line for line in lines):
        return None
    figures: list[tuple[str, str, str]] = []
    for line in lines:
        match = _BRACKETED.match(line)
        name = match.group("name").strip().lower() if match else ""
        if match is None or name not in _VEGETA:
            continue
        keys = [k.strip() for k in match.group("keys").split(",")]
        values = [v.strip() for v in match.group("values").split(",")]
        if len(keys) != len(values):
            continue
        hint = _VEGETA[name][1]
        for key, value in zip(keys, values, strict=True):
            if _FIGURE.match(value):  # '2m55s' and other compound durations are not read
                figures.append((_vegeta_label(name, key, hint), value, line))
    return report_table(figures, caption) if len(figures) >= 2 else None


# --- bombardier ---------------------------------------------------------------------------------

_STATISTICS = re.compile(r"^\s*Statistics\s+Avg\s+Stdev\s+Max\s*$")
_STAT_ROW = re.compile(
    r"^\s*(?P<name>Reqs/sec|Latency)\s+(?P<avg>\S+)\s+(?P<dev>\S+)\s+(?P<max>\S+)\s*$"
)
_ROW_LABELS = {
    "Reqs/sec": ("Requests/sec", "Requests/sec sampled stddev", "Requests/sec sampled max"),
    "Latency": ("latency avg", "latency stddev", "latency max"),
}
_PERCENTILE = re.compile(r"^\s*(?P<p>\d{1,3}(?:\.\d+)?)%\s+(?P<value>[\d.]+[µmun]?s)\s*$")
_THROUGHPUT = re.compile(r"^\s*Throughput:\s+(?P<value>[\d.]+\s?[KMGT]?B/s)\s*$")
_BOMBARDING = re.compile(
    r"^\s*Bombarding\s+\S+\s+(?:with\s+(?P<n>\d+)\s+request\(?s?\)?|for\s+(?P<time>\S+))"
    r"\s+using\s+(?P<conns>\d+)\s+connection"
)


def bombardier_table(lines: list[str], caption: str | None) -> Block | None:
    """bombardier's report as a one-row table, or None when the block holds no statistics
    table under 'Statistics  Avg  Stdev  Max'."""
    if not any("Statistics" in line and _STATISTICS.match(line) for line in lines):
        return None
    figures: list[tuple[str, str, str]] = []
    conditions: list[str] = []
    for line in lines:
        run = _BOMBARDING.match(line)
        if run:
            load = f"{run.group('n')} requests" if run.group("n") else run.group("time")
            conditions.append(f"{load}; {run.group('conns')} connections")
            continue
        row = _STAT_ROW.match(line)
        if row:
            cells = (row.group("avg"), row.group("dev"), row.group("max"))
            labels = _ROW_LABELS[row.group("name")]
            figures += [
                (lab, v, line) for lab, v in zip(labels, cells, strict=True) if v[0].isdigit()
            ]
            continue
        percentile = _PERCENTILE.match(line)
        if percentile:
            figures.append((f"latency p{percentile.group('p')}", percentile.group("value"), line))
            continue
        throughput = _THROUGHPUT.match(line)
        if throughput:
            figures.append(("transfer rate", throughput.group("value"), line))  # bytes a second
    if len(figures) < 2:
        return None
    return report_table(figures, caption, "; ".join(conditions) or None)
