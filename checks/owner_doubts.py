"""Figures whose owner the reader guessed, not read: no side of a conflict.

Why: on unseen pages most false conflicts were one product "conflicting with itself" because
another product's figures had been given to it. Two places show the guess on any page: a
sentence that does not name the entity it was given to (the name was carried over from a
heading or an earlier sentence, on a page that names several entities); and two runs of
cards laid out alike (the same labels, other values), each the record of another subject
the reader did not name.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crosscheck.contracts import LocationKind

__all__ = ["carried_names", "repeated_card_records"]

_NARRATED = {LocationKind.PROSE.value, LocationKind.LIST_ITEM.value}
_CARD = LocationKind.CARD.value
_RECORD_LABELS = 2  # labels a run of cards shares with another to be the same layout


def _narrated(df: pd.DataFrame) -> np.ndarray:
    """Per row, whether the figure is told in a sentence or a list item, not laid out."""
    if "location_kind" in df.columns:
        return df["location_kind"].isin(_NARRATED).to_numpy(dtype=bool)
    return df["row_key"].isna().to_numpy(dtype=bool)


def carried_names(df: pd.DataFrame) -> np.ndarray:
    """Per row, whether a narrated figure's sentence names neither its entity as read nor its
    canonical name, on a page whose figures name two entities or more: the owner was carried
    from context, and may be any of them (a one-product page carries its name safely). `df`
    holds whole pages (a page cut)."""
    out = np.zeros(len(df), dtype=bool)
    if df.empty or not {"evidence", "entity_raw", "entity"} <= set(df.columns):
        return out
    narrated = _narrated(df) & df["evidence"].notna().to_numpy(dtype=bool)
    if not narrated.any():
        return out
    at = np.flatnonzero(narrated)
    evidence = df["evidence"].to_numpy(dtype=object)[at]
    raw = df["entity_raw"].to_numpy(dtype=object)[at]
    name = df["entity"].to_numpy(dtype=object)[at]
    named = np.fromiter(
        (
            _names(str(text), r) or _names(str(text), n)
            for text, r, n in zip(evidence, raw, name, strict=True)
        ),
        dtype=bool,
        count=len(at),
    )
    out[at[~named]] = True
    if out.any():
        entities = df.groupby("source", sort=False)["entity"].transform("nunique")
        out &= entities.to_numpy() >= 2
    return out


def _names(text: str, name: object) -> bool:
    """Whether `text` holds `name` (casefolded); a missing name names nothing."""
    if name is None or (isinstance(name, float) and np.isnan(name)):
        return False
    word = str(name).strip().casefold()
    return bool(word) and word in text.casefold()


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
