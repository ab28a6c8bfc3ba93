"""Figures whose owner the reader guessed, not read: no side of a conflict.

Why: on unseen pages most false conflicts were one product "conflicting with itself" because
another product's figures had been given to it. Two places show the guess on any page: a
sentence that does not name the entity it was given to but names another of the page's
(the name was carried over from an earlier sentence); and two runs of cards laid out alike
(the same labels, other values), each the record of another subject the reader did not
name.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from crosscheck.contracts import LocationKind

__all__ = ["COMPARING", "carried_names", "misread_comparisons", "repeated_card_records"]

_NARRATED = {LocationKind.PROSE.value, LocationKind.LIST_ITEM.value}
_CARD = LocationKind.CARD.value
_SHORTEST = 2  # a shorter name ('C', 'R') is a letter of any sentence
# A sentence that compares ("A serves 48,210 QPS compared to 9,870 for B") gives two
# entities' figures (moved here from checks.conflict, which reads it too).
COMPARING = re.compile(
    r"\b(?:than|compared\s+(?:to|with)|vs\.?|versus|against|whereas|while)\b", re.IGNORECASE
)
_LATIN = r"[0-9a-z\u00c0-\u024f]"  # a letter or digit that would make a name part of a word
_RECORD_LABELS = 2  # labels a run of cards shares with another to be the same layout


def _narrated(df: pd.DataFrame) -> np.ndarray:
    """Per row, whether the figure is told in a sentence or a list item, not laid out."""
    if "location_kind" in df.columns:
        return df["location_kind"].isin(_NARRATED).to_numpy(dtype=bool)
    return df["row_key"].isna().to_numpy(dtype=bool)


def carried_names(df: pd.DataFrame) -> np.ndarray:
    """Per row, whether a narrated figure's sentence names neither its entity as read nor its
    canonical name, but names another entity of its page before the figure: the owner was
    carried from an earlier sentence past the name the sentence is about ("Node.js grew from
    5930K to 6060K" given to Go). A figure before any name ("It averaged 133 FPS, while the
    RTX 4080 ...") keeps its carried subject, and so does a sentence that names nobody (a
    list under the entity's heading). `df` holds whole pages (a page cut)."""
    out = np.zeros(len(df), dtype=bool)
    needed = {"evidence", "entity_raw", "entity", "source", "value_start"}
    if df.empty or not needed <= set(df.columns):
        return out
    narrated = _narrated(df) & df["evidence"].notna().to_numpy(dtype=bool)
    if not narrated.any():
        return out
    names: dict[str, set[str]] = {}  # per page, every entity name its figures were given
    for source, entity, raw in zip(df["source"], df["entity"], df["entity_raw"], strict=True):
        page = names.setdefault(str(source), set())
        page.update(n for n in (_word(entity), _word(raw)) if n)
    at = np.flatnonzero(narrated)
    rows = zip(
        df["source"].to_numpy(dtype=object)[at],
        df["evidence"].to_numpy(dtype=object)[at],
        df["entity_raw"].to_numpy(dtype=object)[at],
        df["entity"].to_numpy(dtype=object)[at],
        pd.to_numeric(df["value_start"], errors="coerce").to_numpy(dtype=float)[at],
        strict=True,
    )
    out[at] = np.fromiter(
        (
            _other_named(str(text), {_word(r), _word(n)}, names[str(s)], start)
            for s, text, r, n, start in rows
        ),
        dtype=bool,
        count=len(at),
    )
    return out


def _other_named(text: str, own: set[str], page: set[str], start: float) -> bool:
    """Whether `text` names none of `own` names but one of the page's other names before
    the figure at `start` (unknown: no)."""
    if np.isnan(start):
        return False
    folded = text.casefold()
    if any(n and _at(folded, n) is not None for n in own):
        return False
    found = (_at(folded, n) for n in page - own if len(n) >= _SHORTEST)
    return any(at is not None and at < start for at in found)


def _at(folded: str, name: str) -> int | None:
    """Where the casefolded `folded` first holds `name` as a whole word (not inside a longer
    Latin word; a name glued to CJK text, which has no spaces, still counts)."""
    hit = re.search(rf"(?<!{_LATIN}){re.escape(name)}(?!{_LATIN})", folded)
    return hit.start() if hit else None


def _word(name: object) -> str:
    """A name casefolded and stripped; '' for a missing one."""
    if name is None or (isinstance(name, float) and np.isnan(name)):
        return ""
    return str(name).strip().casefold()


def repeated_card_records(df: pd.DataFrame) -> np.ndarray:
    """Per row, whether a card figure's run of cards is laid out like another run the same
    entity was given on its page (two labels or more in common) and shares fewer than half
    its values: each run is the record of another subject (a model's deep-dive card under
    its own heading), so the owner of both is a guess. A run that repeats most values of
    the other restates one record: its changed figure stays a side."""
    out = np.zeros(len(df), dtype=bool)
    if df.empty or not {"location_kind", "label", "row_key"} <= set(df.columns):
        return out
    cards = np.flatnonzero(df["location_kind"].to_numpy(dtype=object) == _CARD)
    if len(cards) < 2 * _RECORD_LABELS:
        return out
    sub = df.iloc[cards]
    records: dict[tuple[str, str], dict[str, tuple[set[str], set[float]]]] = {}
    rows = zip(
        sub["source"].astype(str),
        sub["entity"].astype(str),
        sub["row_key"].astype(str),
        sub["label"].astype(str).str.strip().str.casefold(),
        sub["low"].astype(float),
        strict=True,
    )
    for source, entity, run, label, low in rows:
        labels, values = records.setdefault((source, entity), {}).setdefault(run, (set(), set()))
        labels.add(label)
        values.add(round(low, 9))
    doubtful: set[tuple[str, str, str]] = set()
    for (source, entity), runs in records.items():
        names = sorted(runs)
        for i, first in enumerate(names):
            for second in names[i + 1 :]:
                (la, va), (lb, vb) = runs[first], runs[second]
                if len(la & lb) >= _RECORD_LABELS and 2 * len(va & vb) < min(len(va), len(vb)):
                    doubtful |= {(source, entity, first), (source, entity, second)}
    if not doubtful:
        return out
    keys = zip(
        sub["source"].astype(str),
        sub["entity"].astype(str),
        sub["row_key"].astype(str),
        strict=True,
    )
    out[cards] = np.fromiter((k in doubtful for k in keys), dtype=bool, count=len(cards))
    return out


def misread_comparisons(rows: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Per row, whether a narrated figure's sentence compares ("0.37ms vs 0.40ms FalkorDB")
    and gives its key two different figures: at least one of them is another entity's the
    reader did not tell apart, and which one is unknown, so none of the sentence's figures of
    the key is a side (checks.conflict drops a group made of one such sentence)."""
    out = np.zeros(len(rows), dtype=bool)
    if rows.empty or "evidence" not in rows.columns:
        return out
    narrated = rows["row_key"].isna().to_numpy(dtype=bool) & rows["evidence"].notna().to_numpy()
    texts = rows["evidence"].astype(str)
    narrated &= texts.str.contains(COMPARING).to_numpy(dtype=bool)
    if not narrated.any():
        return out
    at = np.flatnonzero(narrated)
    sub = rows.iloc[at]
    counts = sub.groupby([*keys, "evidence"], sort=False, dropna=False)["point"].transform(
        "nunique"
    )
    out[at] = counts.to_numpy() >= 2
    return out
