"""A code block of 'name: figure' result lines → a recovered table, one row per line.

Why: a script's printout or a hand-made summary of tool runs puts what was measured first and
its figure after a colon, one line each: 'orjson (non-pretty): 0.004750 seconds', or with
the tool's own label between them, 'Nginx:   Requests per second:   23770.74 [#/sec] (mean)'.
Summary lines (ingest.summary_lines) read 'Label: value' as metrics of one entity; here the
first field varies line by line and is the entity. A name that comes back (the same script
run on a second input) starts another series: a condition, so the two are not one figure.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, output_table
from crosscheck.ingest.table_headers import is_metric_like

_LINE = re.compile(
    r"^\s*(?P<name>[A-Za-z][\w.+#/-]*(?: [\w.+#/()-]+){0,3}?)\s*:\s+"
    r"(?:(?P<label>[A-Za-z][\w ./%#+-]{0,40}?):\s+)?"
    r"(?P<value>[~≈]?\d[\d,]*(?:\.\d+)?(?:\s?[A-Za-zµ%]+(?:/[A-Za-z]+)?)?(?:\s?\[[^\]\s]{1,10}\])?)"
    r"(?P<rest>\s+\([^()]{1,20}\))?\s*$"
)
_UNIT = re.compile(r"[A-Za-zµ%][\w/%µ]*$|\[[^\]]+\]$")
_MIN_ROWS = 2


def named_lines_table(lines: list[str], caption: str | None) -> Block | None:
    """A table when every non-blank line of the block is a 'name: [label:] figure' line with
    one label for all and two names or more; None otherwise (code, config, one entity's
    summary lines)."""
    matches = []
    for line in lines:
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            return None
        matches.append(match)
    if len(matches) < _MIN_ROWS:
        return None
    labels = {((m.group("label") or "").strip(), (m.group("rest") or "").strip()) for m in matches}
    names = [m.group("name").strip() for m in matches]
    if len(labels) != 1 or len(set(names)) < _MIN_ROWS:
        return None
    if any(is_metric_like(n) for n in set(names)):
        return None  # 'p50: 4 ms', 'Latency: 9 ms': metrics of one subject
    label, rest = labels.pop()
    if not label:  # no tool label: the figures must say what they are, all in one unit
        units = {_unit(m.group("value")) for m in matches}
        if len(units) != 1 or None in units:
            return None
    seen: dict[str, int] = {}
    rows: list[list[str]] = []
    conditions: list[str] = []
    texts: dict[tuple[str, ...], str] = {}
    repeated = len(set(names)) < len(names)
    for match, name in zip(matches, names, strict=True):
        seen[name] = seen.get(name, 0) + 1
        row = [name, match.group("value").strip()]
        rows.append(row)
        conditions.append(f"series {seen[name]}" if repeated else "")
        texts[tuple(row)] = match.group(0).strip()
    header = ["", f"{label} {rest}".strip() or "value"]
    return output_table(header, rows, caption, conditions if repeated else None, texts)


def _unit(value: str) -> str | None:
    match = _UNIT.search(value.strip())
    return match.group(0) if match else None
