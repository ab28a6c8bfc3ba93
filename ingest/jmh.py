"""JMH result tables in a code block (or a Javadoc comment) → one table row per benchmark.

`Benchmark  (size)  Mode  Cnt  Score  Error  Units` over `Bench.parse_fast  1000  avgt  20
6.017 ± 0.216  ms/op`: the score is the figure, in its row's unit (a column per unit); the
mode, the sample count (Cnt), the error (± half-width) and parameter columns are conditions or
spread, not figures.
The implementation a method name ends with (`measureDraft_7_Everit`, `parse_Jackson`) is the
row's entity when several rows end with each of two names or more; otherwise the method is.
"""

from __future__ import annotations

import re
from collections import Counter

from crosscheck.ingest.blocks import Block, BlockKind

_COMMENT = re.compile(r"^\s*\*\s?")
_HEADER = re.compile(
    r"^\s*Benchmark\s+(?P<params>(?:\(\w+\)\s+)*)Mode\s+Cnt\s+Score\s+Error\s+Units\s*$"
)
_ROW = re.compile(
    r"^\s*(?P<name>\S+)\s+(?P<params>(?:\S+\s+)*?)(?P<mode>thrpt|avgt|sample|ss)\s+"
    r"(?P<cnt>\d+)?\s*(?P<score>[≈~]?\s?\d[\d.,]*(?:[eE][-+]?\d+)?)\s*(?:±\s*(?P<error>[\d.,]+))?"
    r"\s+(?P<unit>\S+/\S+)\s*$"
)
_TAIL = re.compile(r"^(?P<rest>.+?)_(?P<impl>[A-Za-z][A-Za-z0-9]*)$")


def jmh_table(lines: list[str], caption: str | None) -> Block | None:
    """The JMH rows of a block as one table, or None when it holds no JMH header."""
    if all(_COMMENT.match(x) or not x.strip() for x in lines):
        lines = [_COMMENT.sub("", x, count=1) for x in lines]
    header = next((_HEADER.match(x) for x in lines if _HEADER.match(x)), None)
    if header is None:
        return None
    params = re.findall(r"\((\w+)\)", header.group("params"))
    rows: list[tuple[str, str, str, str]] = []  # (method, conditions, score, unit)
    texts: list[str] = []
    for line in lines:
        match = _ROW.match(line)
        if match is None or ("," in match.group("score") and "." in match.group("score")):
            continue
        method = match.group("name").rsplit(".", 1)[-1]
        values = match.group("params").split()
        conditions = [f"{p}={v}" for p, v in zip(params, values, strict=False)]
        conditions.append(match.group("mode"))
        rows.append((method, "; ".join(conditions), match.group("score"), match.group("unit")))
        texts.append(line.strip())
    if not rows:
        return None
    names = _implementations([r[0] for r in rows])
    units = list(dict.fromkeys(r[3] for r in rows))
    table_rows = [
        [name, *(score if unit == u else "" for u in units)]
        for name, (_, _, score, unit) in zip(names, rows, strict=True)
    ]
    return Block(
        BlockKind.TABLE,
        header=["", *(f"Score ({u})" for u in units)],
        rows=table_rows,
        row_texts={tuple(r): t for r, t in zip(table_rows, texts, strict=True)},
        origin="code block",
        caption=caption,
        entities_as_rows=True,
        row_conditions=[
            f"{method}; {conditions}" if name != method else conditions
            for name, (method, conditions, _, _) in zip(names, rows, strict=True)
        ],
    )


def _implementations(methods: list[str]) -> list[str]:
    """Each method's trailing implementation name where the names are made that way, else the
    method itself."""
    tails = [_TAIL.match(m) for m in methods]
    if any(t is None for t in tails):
        return methods
    counts = Counter(t.group("impl") for t in tails if t is not None)
    if len(counts) < 2 or sum(1 for n in counts.values() if n >= 2) < 2:
        return methods
    return [t.group("impl") if t is not None else m for t, m in zip(tails, methods, strict=True)]
