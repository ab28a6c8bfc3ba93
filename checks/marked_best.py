"""`logic`: a block of results marks one line as its winner (a star, a trophy, "fastest") and
another line of the block beats it.

Why: a suite's report marks the fastest tool of each case ('rg* 0.095 +/- 0.002 ...*'); a copy
whose figures were shuffled keeps the marks where they were. The rule needs no knowledge of
the tools: a block is one page's figures of one metric under one condition (a table, a case),
one line of it is marked, and the mark must sit on the block's best figure.

What a sign means is read from the page, per metric: over the metric's blocks of three or
more lines, the marked line must be the lowest (or the highest) in at least MIN_AGREEING
blocks and more often than the other way; a footnote star, placed at random, says neither. A
speed word says the direction itself, on times (lowest) and rates (highest) only, and only on
a line with one such figure. A marked line tied with the best, or behind it within its
written rounding and TIE, is not flagged.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import FindingKind, Scope, Severity

MIN_AGREEING = 2  # blocks whose mark sits on the extreme before a sign's meaning is trusted
TIE = 0.01  # a marked figure within 1 % of the best is a tie
_WORD_DIRECTIONS = {"time": "lowest", "rate": "highest"}
_READ = ["claim_id", "source", "entity", "metric", "qualifier", "low", "high", "raw_value"]
_MORE = ["evidence", "dimension", "conditions", "entity_qualifier"]
Block = list[dict[str, Any]]


@functools.cache
def _marks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = read_words("winner_marks.toml")
    return (
        re.compile("|".join(words["signs"]), re.IGNORECASE),
        re.compile("|".join(words["words"]), re.IGNORECASE),
    )


def find_marked_best(facts: pd.DataFrame) -> list[Finding]:
    """Per page, the blocks whose marked line another line of the block beats."""
    if facts.empty or "evidence" not in facts.columns:
        return []
    columns = [c for c in [*_READ, *_MORE] if c in facts.columns]
    exact = facts["low"].notna() & (facts["low"] == facts["high"]) & facts["evidence"].notna()
    rows = facts.loc[exact.to_numpy(dtype=bool), columns]
    if rows.empty:
        return []
    signs, words = _marks()
    pages: dict[str, dict[tuple[str, str], Block]] = {}
    for record in rows.to_dict("records"):
        key = (str(record["metric"]), str(record["qualifier"] or ""))
        pages.setdefault(str(record["source"]), {}).setdefault(key, []).append(record)
    findings: list[Finding] = []
    for blocks in pages.values():
        # a sign's meaning is read per metric: a row's star may rank it on one column only
        by_metric: dict[str, list[tuple[Block, int]]] = {}
        for (metric, _), block in blocks.items():
            found = _marked(block, signs)
            if found is not None:
                by_metric.setdefault(metric, []).append(found)
        for marked in by_metric.values():
            findings += _wrong(marked, _sign_direction(marked))
        speeds = Counter(
            str(r["evidence"])
            for block in blocks.values()
            for r in block
            if r.get("dimension") in _WORD_DIRECTIONS
        )
        for block in blocks.values():
            found = _marked(block, words)
            # a speed word on a line of one speed figure ("fastest" in a row of two times
            # may be about either)
            if found is None or speeds[str(found[0][found[1]]["evidence"])] != 1:
                continue
            dimension = str(found[0][found[1]].get("dimension") or "")
            findings += _wrong([found], _WORD_DIRECTIONS.get(dimension))
    return findings


def _marked(block: Block, mark: re.Pattern[str]) -> tuple[Block, int] | None:
    """(the block, its marked line) when exactly one line of two or more is marked."""
    if len(block) < 2 or len({(r["entity"], r.get("entity_qualifier")) for r in block}) < len(
        block
    ):
        return None
    marked = [i for i, r in enumerate(block) if mark.search(str(r["evidence"]))]
    return (block, marked[0]) if len(marked) == 1 else None


def _sign_direction(blocks: list[tuple[Block, int]]) -> str | None:
    """'lowest' or 'highest' when the page's marks mostly sit there, else None."""
    lowest = highest = 0
    for block, at in blocks:
        if len(block) < 3:
            continue  # in two lines the mark is always at an extreme
        values = [float(r["low"]) for r in block]
        lowest += values[at] == min(values)
        highest += values[at] == max(values)
    if lowest >= MIN_AGREEING and lowest > highest:
        return "lowest"
    if highest >= MIN_AGREEING and highest > lowest:
        return "highest"
    return None


def _wrong(blocks: Iterable[tuple[Block, int]], direction: str | None) -> list[Finding]:
    if direction is None:
        return []
    found = []
    for block, at in blocks:
        marked = block[at]
        value = float(marked["low"])
        beats = [
            r
            for i, r in enumerate(block)
            if i != at and _beats(float(r["low"]), value, direction, str(marked["raw_value"]))
        ]
        if beats:
            found.append(_finding(block, marked, beats, direction))
    return found


def _beats(other: float, marked: float, direction: str, raw: str) -> bool:
    """`other` is better than the marked figure beyond a tie and the marked one's rounding."""
    slack = abs(marked) * max(TIE, _last_digit(raw))
    return other < marked - slack if direction == "lowest" else other > marked + slack


def _last_digit(raw: str) -> float:
    """Half a unit of the last digit `raw` writes, relative to its number ("48" → 0.5/48)."""
    match = re.search(r"\d+(?:[.,](\d+))?", raw)
    if match is None or float(match.group().replace(",", ".")) == 0:
        return 0.0
    return 0.5 * 10.0 ** -len(match.group(1) or "") / float(match.group().replace(",", "."))


def _finding(block: Block, marked: dict[str, Any], beats: Block, direction: str) -> Finding:
    best = (
        min(beats, key=lambda r: float(r["low"]))
        if direction == "lowest"
        else max(beats, key=lambda r: float(r["low"]))
    )
    where = marked.get("conditions") or marked["qualifier"] or marked["metric"]
    explanation = (
        f"In the block {where!r} on {marked['source']}, the line marked as the winner "
        f"({marked['evidence']!r}) is not the {direction}: {len(beats)} other line(s) beat it, "
        f"{best['entity']} with {best['raw_value']!r}."
    )
    severity = Severity.MEDIUM if len(block) >= 3 else Severity.LOW
    return make_finding(
        FindingKind.LOGIC,
        Scope.SAME_PAGE,
        severity,
        str(marked["entity"]),
        str(marked["metric"]),
        str(marked["qualifier"] or "") or None,
        explanation,
        [marked["claim_id"], *(r["claim_id"] for r in beats)],
        rule="marked best",
    )
