"""Name-line benchmark output ('name: OK (0.36s)' over '315 μs ± 17 μs, 0.83x') → tables.

Why: Haskell's tasty-bench (and tasty's other benchmark reporters) print each benchmark as a
name line that ends in the test status, then an indented value line: the mean, its spread
after '±' and, against a baseline, the ratio ('0.83x'). The status's '(0.36s)' is the time the
harness spent measuring, never a figure. Read line by line the value lines name nothing, so
the benchmarks of one group (the title line above them, indented less) become a table of
one row per benchmark: the names are the implementations compared, the group its condition,
and the row without a ratio the baseline the others' ratios are relative to.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind

__all__ = ["tasty_tables"]

_NUMBER = r"\d+(?:\.\d+)?"
_DURATION = rf"{_NUMBER}\s*(?:[µμnm]?s|ps)"
# 'name:   OK (0.36s)' or 'name:   OK', the value maybe on the same line
_NAME = re.compile(
    r"^(?P<indent>\s*)(?P<name>\S[^:]*?):\s+OK(?:\s+\(\d+(?:\.\d+)?s\))?\s*(?P<rest>.*?)\s*$"
)
# the mean and its spread; the ratio to the baseline may follow the memory figures
# ('1.2 ms ± 45 μs, 1.5 MB allocated, 0.83x'), which stay unread
_VALUE = re.compile(rf"^\s*(?P<mean>{_DURATION})\s*±\s*(?P<sd>{_DURATION})\s*(?P<tail>,.*)?$")
_RATIO = re.compile(rf",\s*(?P<ratio>{_NUMBER}\s?[x×])\s*(?=,|$)")
_HEADER = ["", "mean time", "stddev time", "time ratio"]
_MIN_ROWS = 2


def _group_title(lines: list[str], i: int, indent: int) -> str | None:
    """The nearest line above i indented less than the benchmark's name: its group."""
    for j in range(i - 1, -1, -1):
        text = lines[j]
        if not text.strip() or _VALUE.match(text):
            continue
        if len(text) - len(text.lstrip()) < indent and _NAME.match(text) is None:
            return text.strip()
    return None


def _ratio(value: re.Match[str]) -> str:
    """The '0.83x' against the baseline among what follows the spread, or ''."""
    found = _RATIO.search(value.group("tail") or "")
    return found.group("ratio") if found else ""


def tasty_tables(lines: list[str], caption: str | None) -> list[Block]:
    """One table per benchmark group of name/value line pairs, or [] when the block has none."""
    groups: dict[str | None, list[tuple[str, re.Match[str], str]]] = {}
    for i, line in enumerate(lines):
        if "OK" not in line:  # an exact gate before the expression: most lines have no status
            continue
        named = _NAME.match(line)
        if named is None:
            continue
        rest = named.group("rest")
        value = _VALUE.match(rest) if rest else None
        text = line.strip()
        if value is None and not rest and i + 1 < len(lines):
            value = _VALUE.match(lines[i + 1])
            text = f"{text} {lines[i + 1].strip()}"
        if value is None:
            continue
        title = _group_title(lines, i, len(named.group("indent")))
        groups.setdefault(title, []).append(
            (named.group("name").strip(), value, " ".join(text.split()))
        )
    tables: list[Block] = []
    for title, rows in groups.items():
        if len(rows) < _MIN_ROWS:
            continue
        ratios = [_ratio(value) for _, value, _ in rows]
        bases = [name for (name, _, _), ratio in zip(rows, ratios, strict=True) if not ratio]
        base = f"relative to {bases[0]}" if len(bases) == 1 else None
        cells = [
            [name, value.group("mean"), value.group("sd"), ratio]
            for (name, value, _), ratio in zip(rows, ratios, strict=True)
        ]
        keep = [c for c in range(1, len(_HEADER)) if any(r[c] for r in cells)]
        table_rows = [[r[0], *(r[c] for c in keep)] for r in cells]
        tables.append(
            Block(
                BlockKind.TABLE,
                header=[_HEADER[0], *(_HEADER[c] for c in keep)],
                rows=table_rows,
                row_texts={tuple(r): t for r, (_, _, t) in zip(table_rows, rows, strict=True)},
                origin="code block",
                caption=caption,
                entities_as_rows=True,
                conditions="; ".join(c for c in (title, base) if c) or None,
            )
        )
    return tables
