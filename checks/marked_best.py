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
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import numpy.typing as npt
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
_SPEEDS = "_speed_figures_on_line"  # a record's page count of time/rate figures of its line


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
    at, speeds = _candidates(rows, signs, words)
    if not len(at):
        return []
    pages: dict[str, dict[tuple[str, str], Block]] = {}
    for record, speed in zip(rows.iloc[at].to_dict("records"), speeds, strict=True):
        record[_SPEEDS] = int(speed)
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
            findings += wrong_marks(marked, marked_direction(marked))
        for block in blocks.values():
            found = _marked(block, words)
            # a speed word on a line of one speed figure ("fastest" in a row of two times
            # may be about either)
            if found is None or found[0][found[1]][_SPEEDS] != 1:
                continue
            dimension = str(found[0][found[1]].get("dimension") or "")
            findings += wrong_marks([found], _WORD_DIRECTIONS.get(dimension))
    return findings


def _candidates(
    rows: pd.DataFrame, signs: re.Pattern[str], words: re.Pattern[str]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]]:
    """The positions of the rows of the blocks (page, metric, qualifier) that may hold a
    finding, pages in their first row's order, and per such row the page's count of time or
    rate figures read from the row's line.

    Why: turning every exact row into a record cost most of the rule's time, while few blocks
    can hold a finding: a block of two or more lines, no entity twice (counted so that a
    missing one never repeats), and either exactly one line marked by a sign on a metric of
    the page with MIN_AGREEING such blocks of three or more lines (else no direction is
    read), or exactly one line marked by a word, itself the page's one time or rate figure
    of its line. Each distinct line is searched once; `_marked` and the rest then decide on
    these blocks as on all of them."""
    page = _codes(rows["source"], str)
    metric = _joined(page, _codes(rows["metric"], str))
    block = _joined(metric, _codes(rows["qualifier"], lambda q: str(q or "")))
    size = np.bincount(block)
    entity = _codes(rows["entity"], None)
    if "entity_qualifier" in rows.columns:
        entity = _joined(entity, _codes(rows["entity_qualifier"], None))
    first = np.unique(_joined(block, entity), return_index=True)[1]
    may = ((size >= 2) & (np.bincount(block[first], minlength=len(size)) == size))[block]
    lines, distinct_lines = pd.factorize(rows["evidence"])
    texts = distinct_lines.to_numpy()
    if "dimension" in rows.columns:
        speed = rows["dimension"].isin(list(_WORD_DIRECTIONS)).to_numpy(dtype=bool)
    else:
        speed = np.zeros(len(rows), dtype=bool)
    page_line = _joined(page, lines.astype(np.int64))
    speeds = np.bincount(page_line, weights=speed).astype(np.int64)[page_line]
    by_sign = _searched(signs, texts, lines, may)
    one_sign = np.bincount(block, weights=by_sign) == 1
    ranked = np.bincount(metric, weights=(one_sign & (size >= 3))[block]) >= MIN_AGREEING
    by_word = _searched(words, texts, lines, may & (np.bincount(block, weights=speed) > 0)[block])
    one_word = np.bincount(block, weights=by_word) == 1
    readable = np.bincount(block, weights=by_word & speed & (speeds == 1)) == 1
    keep = may & ((one_sign[block] & ranked[metric]) | (one_word & readable)[block])
    at = np.flatnonzero(keep)
    at = at[np.argsort(page[at], kind="stable")]  # page codes count in first-row order
    return at, speeds[at]


def _joined(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Dense codes of the pairs (a, b), in their first row's order; both are dense codes."""
    return pd.factorize(a * np.int64(b.max() + 1 if len(b) else 1) + b)[0].astype(np.int64)


def _searched(
    mark: re.Pattern[str],
    texts: npt.NDArray[Any],
    lines: npt.NDArray[np.intp],
    where: npt.NDArray[np.bool_],
) -> npt.NDArray[np.bool_]:
    """Per row, whether `mark` is in its line; searched only on the rows `where` says."""
    found = np.zeros(len(texts), dtype=bool)
    for at in np.unique(lines[where]).tolist():
        found[at] = mark.search(str(texts[at])) is not None
    return found[lines] & where


def _codes(values: pd.Series, key: Callable[[Any], str] | None) -> npt.NDArray[np.int64]:
    """Per row, a code of `key(value)`: rows share a code exactly when their keys are equal.
    Without a key, the value's own code, and a missing value a code of its row alone."""
    codes, uniques = pd.factorize(values, use_na_sentinel=key is None)
    if key is None:
        return np.where(codes < 0, len(uniques) + np.arange(len(codes)), codes).astype(np.int64)
    keyed = pd.factorize(np.array([key(u) for u in uniques], dtype=object))[0]
    return keyed.astype(np.int64)[codes]


def _marked(block: Block, mark: re.Pattern[str]) -> tuple[Block, int] | None:
    """(the block, its marked line) when exactly one line of two or more is marked."""
    if len(block) < 2 or len({(r["entity"], r.get("entity_qualifier")) for r in block}) < len(
        block
    ):
        return None
    marked = [i for i, r in enumerate(block) if mark.search(str(r["evidence"]))]
    return (block, marked[0]) if len(marked) == 1 else None


def marked_direction(blocks: list[tuple[Block, int]]) -> str | None:
    """'lowest' or 'highest' when the marks (of a page, or a table's bold) mostly sit there."""
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


def wrong_marks(blocks: Iterable[tuple[Block, int]], direction: str | None) -> list[Finding]:
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
