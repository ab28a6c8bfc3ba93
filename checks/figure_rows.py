"""The comparable figures a statement reads, as one list per column (a figure is its
position), and what a figure may be as written (its span) or whether a sentence writes it.

Why a module of its own: checks.relation_pairs pairs a statement's figures; this is the
table it reads them from and the reading of one figure's text, split off to keep each
module short (moved unchanged from relation_pairs).
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

from crosscheck.common.intervals import IntervalPolicy, rounding_tolerance
from crosscheck.contracts import BoundKind

AT_LEAST_SLACK = IntervalPolicy().at_least_slack  # "N+" reaches up to 1.3 N (the policy)
APPROXIMATE_FLOOR = IntervalPolicy().approximate_tolerance
_TOKEN = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\x00-\x7f]+")
Row = dict[str, Any]  # one statement (RELATION_COLUMNS), as a plain record


def tokens(text: str | None) -> set[str]:
    """Lower-case word tokens, camel case split ("NetHTTPServerGet" → net, http, server, get)."""
    return {t.lower() for t in _TOKEN.findall(text or "")}


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _span(low: float, high: float, bound: str | None, raw: str) -> tuple[float, float]:
    """What a figure may be, as written: its range, "N+" up to 1.3 N, "~N" and exact figures
    within the rounding of their last digit (never wider than the tolerance policy)."""
    high = high if math.isfinite(high) else low * (1 + AT_LEAST_SLACK)
    if bound == BoundKind.AT_LEAST.value:
        return low, max(high, low * (1 + AT_LEAST_SLACK))
    if bound == BoundKind.AT_MOST.value:
        return high * 0.5, high
    if bound == BoundKind.APPROXIMATE.value:
        slack = max(rounding_tolerance(low), APPROXIMATE_FLOOR)
        return low * (1 - slack), high * (1 + slack)
    slack = _written_slack(raw)
    return low * (1 - slack), high * (1 + slack)


_WRITTEN = re.compile(r"\d+(?:[ ,]\d{3}(?!\d))*(?:[.,](\d+))?")


def _written_slack(raw: str) -> float:
    """Half a unit of the last digit written, relative to the number ("0,4276" → 0.01 %,
    "1.5" → 3 %); an exact "10,000" is exact to the unit, not a rounded 1e4."""
    found = _WRITTEN.search(raw or "")
    if not found:
        return 0.0
    decimals = found.group(1) or ""
    text = found.group(0)
    if "," in text and "." not in text and len(decimals) == 3:
        decimals = ""  # "12,400": a thousands separator, not a decimal comma
    whole = text[: len(text) - len(decimals) - 1] if decimals else text
    try:
        number = float(re.sub(r"[ ,.]", "", whole) + ("." + decimals if decimals else ""))
    except ValueError:
        return 0.0
    if number <= 0:
        return 0.0
    return 0.5 * 10 ** -len(decimals) / number


def _in_sentence(rel: Row, f: Figures, figures: list[int]) -> list[int]:
    """The figures written in the statement's own sentence: as whole numbers ('513' of
    another line is not in "2513 points") outside the statement's own number ('68' of
    another line is not the "68%" the statement states)."""
    sentence = str(rel["evidence"] or "")
    if not sentence:
        return []
    raw, written = f.raw_value, f.written
    stated = str(rel.get("raw_value") or "")
    at = sentence.find(stated) if stated else -1
    own = (at, at + len(stated)) if at >= 0 else (-1, -1)
    # the substring test first: most figures are not in the sentence at all
    return [
        r
        for r in figures
        if written(r) and raw[r] in sentence and _written_in(raw[r], sentence, own)
    ]


def _written_in(raw: str, sentence: str, own: tuple[int, int]) -> bool:
    """Whether `raw` stands in `sentence` as written, neither inside a longer number nor
    inside the statement's own number (its span `own`)."""
    at = sentence.find(raw)
    while at >= 0:
        end = at + len(raw)
        glued = (raw[:1].isdigit() and _continues_number(sentence, at)) or (
            raw[-1:].isdigit() and end < len(sentence) and sentence[end].isdigit()
        )
        if not glued and not (own[0] <= at and end <= own[1]):
            return True
        at = sentence.find(raw, at + 1)
    return False


def _continues_number(sentence: str, at: int) -> bool:
    """Whether the text before `at` ends in a number the figure would continue ("2513",
    "1.5", "1,500")."""
    before = sentence[at - 2 : at] if at >= 2 else sentence[:at]
    return bool(before) and (
        before[-1].isdigit() or (before[-1] in ".," and len(before) == 2 and before[0].isdigit())
    )


class Figures:
    """The comparable figures as one list per column, a figure being its position (frame
    order), and each page's positions (all, by entity) built the first time it is read.
    Not a dict per row: ~90,000 of them at 2,000 real-shaped pages were freed at the end
    but left ~60 pymalloc arenas held by a few survivors, memory the load could not reuse
    (docs/benchmarks.md, checksmem). Per-row work (key words, spans) is cached in lists."""

    def __init__(self, values: pd.DataFrame) -> None:
        codes, sources = pd.factorize(values["source"].to_numpy(dtype=object))
        #: position of each page (with a source) in frame order
        self.order: dict[object, int] = {source: at for at, source in enumerate(sources)}
        ranked = np.argsort(codes, kind="stable")
        starts = np.searchsorted(codes[ranked], np.arange(len(sources) + 1)).tolist()
        self._ranked: list[int] = ranked.tolist()  # every position's int made once, here
        self._starts = starts
        n = len(values)

        def column(name: str) -> list[Any]:
            if name not in values.columns:
                return [None] * n
            return values[name].to_numpy(dtype=object).tolist()

        self.claim_id, self.source, self.entity = map(column, ("claim_id", "source", "entity"))
        self.metric, self.qualifier, self.unit = map(column, ("metric", "qualifier", "unit"))
        self.row_key, self.raw_value, self.low = map(column, ("row_key", "raw_value", "low"))
        self.high, self.bound, self.point = map(column, ("high", "bound", "point"))
        self.label, self.evidence = column("label"), column("evidence")
        self.conditions, self.entity_qualifier = column("conditions"), column("entity_qualifier")
        self.key_words: list[tuple[str, str, frozenset[str]] | None] = [None] * n  # `_key`
        self._spans: list[tuple[float, float] | None] = [None] * n
        self.lower: list[bool | None] = [None] * n  # see `_lower`
        self._written: list[bool | None] = [None] * n  # see `written`
        self._pages: dict[object, tuple[list[int], dict[object, list[int]]]] = {}
        # `tokens` of each distinct text read (labels, entities and sentences repeat: a
        # statement reads its words once per page it looks at)
        self._words: dict[str, frozenset[str]] = {}

    def written(self, row: int) -> bool:
        """Whether the row's raw value is a text with a digit (one a sentence may quote)."""
        found = self._written[row]
        if found is None:
            raw = self.raw_value[row]
            found = self._written[row] = isinstance(raw, str) and any(c.isdigit() for c in raw)
        return found

    def words(self, text: object) -> frozenset[str]:
        """`tokens(text)`, once per distinct text; read-only (a set shared by every reader)."""
        key = text if isinstance(text, str) else ""
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = frozenset(tokens(key))
        return found

    def span(self, row: int) -> tuple[float, float]:
        """What the row's figure may be, as written (`_span`), once per row."""
        found = self._spans[row]
        if found is None:
            raw = self.raw_value[row]
            low, high = float(self.low[row]), float(self.high[row])
            found = self._spans[row] = _span(low, high, self.bound[row], raw)
        return found

    def page(self, source: object) -> tuple[list[int], dict[object, list[int]]]:
        """The page's rows in frame order, and its rows of each entity (missing entities
        left out)."""
        found = self._pages.get(source)
        if found is None:
            at = self.order[source]
            rows = self._ranked[self._starts[at] : self._starts[at + 1]]
            by_entity: dict[object, list[int]] = {}
            entity = self.entity
            for row in rows:
                if not _missing(entity[row]):
                    by_entity.setdefault(entity[row], []).append(row)
            found = self._pages[source] = (rows, by_entity)
        return found
