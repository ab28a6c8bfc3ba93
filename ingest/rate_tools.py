"""rewrk's and pgbench's reports in a code block → a table of the caption's entity.

Why: both print their figures as labelled lines that no other reader knows. rewrk puts the
latency statistics' names on one line and their values on the next ('Avg  Stdev  Min  Max'
over '1.49ms  3.13ms  0.04ms  61.62ms') and two figures on each totals line ('Total: 10046862
Req/Sec: 335152.51'); read as summary lines, the request total became a rate. pgbench prints
'latency average = 41.084 ms' and 'tps = 243.405840 (including connections establishing)',
often several runs in one block between shell prompts, which made the block code. Each
pgbench run is a row of its own ('run 2': a condition, so repeated runs are not compared as
one figure); its clients, threads and duration are the run's conditions.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.output_rows import report_table

__all__ = ["pgbench_table", "rewrk_table"]

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_TIME = rf"{_NUMBER}\s?[µmun]?s"

# --- rewrk --------------------------------------------------------------------------------------

_REWRK_RUN = re.compile(
    r"^\s*Benchmarking\s+(?P<conns>\d+)\s+connections\s+@\s+\S+\s+for\s+(?P<time>\d+\s+\S+)"
)
_STAT_NAMES = re.compile(r"^\s*(?:(?:Avg|Stdev|Min|Max)\s+){1,3}(?:Avg|Stdev|Min|Max)\s*$")
_STAT_LABELS = {
    "avg": "latency avg",
    "stdev": "latency stddev",
    "min": "latency min",
    "max": "latency max",
}
_STAT_VALUES = re.compile(rf"^\s*{_TIME}(?:\s+{_TIME})*\s*$")
_REQUESTS = re.compile(rf"^\s*Total:\s+(?P<total>{_NUMBER})\s+Req/Sec:\s+(?P<rate>{_NUMBER})\s*$")
_TRANSFER = re.compile(
    rf"^\s*Total:\s+(?P<total>{_NUMBER}\s?[KMGT]?i?B)\s+Transfer Rate:\s+"
    rf"(?P<rate>{_NUMBER}\s?[KMGT]?i?B)/Sec\s*$"
)


def rewrk_table(lines: list[str], caption: str | None) -> Block | None:
    """rewrk's report as a one-row table, or None when the block holds none (its
    'Benchmarking N connections @ ...' line and a statistics or totals line)."""
    run = next(
        (m for line in lines if "Benchmarking" in line and (m := _REWRK_RUN.match(line))), None
    )
    if run is None:
        return None
    figures: list[tuple[str, str, str]] = []
    names: list[str] = []
    for line in lines:
        if _STAT_NAMES.match(line):
            names = line.split()
            continue
        if names and _STAT_VALUES.match(line):
            cells = re.findall(_TIME, line)
            if len(cells) == len(names):
                figures += [
                    (_STAT_LABELS[n.lower()], c, line) for n, c in zip(names, cells, strict=True)
                ]
            names = []
            continue
        requests = _REQUESTS.match(line)
        if requests:
            figures.append(("total requests", requests.group("total"), line))
            figures.append(("Requests/sec", requests.group("rate"), line))
            continue
        transfer = _TRANSFER.match(line)
        if transfer:
            figures.append(("total transferred", transfer.group("total"), line))
            figures.append(("transfer rate(B/s)", transfer.group("rate"), line))
    if len(figures) < 2:
        return None
    conditions = f"{run.group('conns')} connections; {run.group('time')}"
    return report_table(figures, caption, conditions)


# --- pgbench ------------------------------------------------------------------------------------

_PG_FIGURE = re.compile(
    rf"^\s*(?:(?P<processed>number of transactions actually processed):\s+(?P<count>\d+)(?:/\d+)?"
    rf"|(?P<latency>latency average|latency stddev|initial connection time)\s+=\s+"
    rf"(?P<ms>{_NUMBER})\s+ms"
    rf"|tps\s+=\s+(?P<tps>{_NUMBER})(?:\s+\((?P<scope>[^()]+)\))?)\s*$"
)
_PG_SETTING = re.compile(
    r"^\s*(?P<name>number of clients|number of threads|duration|scaling factor|query mode)"
    r":\s+(?P<value>\S.*?)\s*$"
)


def _pg_figure(match: re.Match[str]) -> tuple[str, str]:
    """(label, value) of one pgbench result line; the unit hint glued to the label."""
    if match.group("processed"):
        return "transactions processed", match.group("count")
    if match.group("latency"):
        return f"{match.group('latency')}(ms)", match.group("ms")
    scope = match.group("scope")
    return (f"tps ({scope})(tx/s)" if scope else "tps(tx/s)"), match.group("tps")


def pgbench_table(lines: list[str], caption: str | None) -> Block | None:
    """pgbench's runs as a table of the caption's entity, one row a run, or None when the block
    holds no 'tps = ' line."""
    if not any("tps = " in line for line in lines):
        return None
    runs: list[dict[str, tuple[str, str]]] = []
    settings: dict[str, str] = {}
    for line in lines:
        setting = _PG_SETTING.match(line)
        if setting:
            settings.setdefault(setting.group("name"), setting.group("value"))
            continue
        match = _PG_FIGURE.match(line)
        if match is None:
            continue
        label, value = _pg_figure(match)
        if not runs or label in runs[-1]:  # a label seen again: the next run
            runs.append({})
        runs[-1][label] = (value, line)
    if not runs or not any(k.startswith("tps") for k in runs[0]):
        return None
    conditions = "; ".join(f"{k} {v}" for k, v in settings.items()) or None
    if len(runs) == 1:
        figures = [(label, value, line) for label, (value, line) in runs[0].items()]
        return report_table(figures, caption, conditions)
    labels = list(dict.fromkeys(label for run in runs for label in run))
    rows = [
        [f"run {i}", *(run.get(k, ("", ""))[0] for k in labels)] for i, run in enumerate(runs, 1)
    ]
    texts = {
        tuple(row): " ".join(" ".join(line.split()) for _, line in run.values())
        for row, run in zip(rows, runs, strict=True)
    }
    return Block(
        BlockKind.TABLE,
        header=["run", *labels],
        rows=rows,
        row_texts=texts,
        origin="code block",
        caption=caption,
        caption_entity=True,
        conditions=conditions,
    )
