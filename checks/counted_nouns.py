"""What a narrated count counts: two counts of one metric that count different things.

A vocabulary pattern names a count metric by its noun ("jobs" for job postings), so "5
concurrent macOS jobs" (a plan's limit) and "256 matrix jobs per workflow run" (another
limit) become one entity's two figures of one metric. The words right after each number say
what it counts; when neither phrase's words lie within the other's ("concurrent macOS jobs"
against "matrix jobs"), or both divide by different things ("per account", "per workflow
run"), the two figures are no sides of one conflict. "2 million npm packages" and "over 3
million packages" stay one quantity ("packages" lies within "npm packages").

Only narrated count figures (no table row) whose sentence holds their number once are read;
a table's column or a figure without counted words names no other thing.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.grouping import disagreeing

__all__ = ["COUNT_UNIT", "counted_kinds"]

COUNT_UNIT = "count"
# ASCII words: a letter of a broken charset glued to a word ("questionsπ") ends it
_WORD = re.compile(r"[A-Za-z](?:[A-Za-z0-9+#-]|\.(?=[A-Za-z0-9]))*|\d[\d.,]*|[^A-Za-z\d\s]")
_MAX_WORDS = 4  # a counted phrase is short: "concurrent macOS jobs"
# (the counted words, what it is per, the counted noun: the last word, singular)
Counted = tuple[frozenset[str], tuple[str, ...], str]


@functools.cache
def _words() -> tuple[frozenset[str], frozenset[str], int]:
    doc = read_words("counted_nouns.toml")
    return (
        frozenset(str(w) for w in doc.get("stop_words", [])),
        frozenset(str(w) for w in doc.get("scale_words", [])),
        int(doc.get("per_words", 2)),
    )


def _after_number(raw: str, evidence: str) -> str | None:
    """The sentence's text after the figure's last digit (the words the value itself writes
    after its number included), when the sentence holds the figure once."""
    raw = raw.strip()
    if not raw or not evidence:
        return None
    at = [m.start() for m in re.finditer(re.escape(raw), evidence)]
    digits = [i for i, ch in enumerate(raw) if ch.isdigit()]
    if len(at) != 1 or not digits:
        return None
    end = at[0] + len(raw)
    if end < len(evidence) and evidence[end].isdigit():
        return None  # '5' inside '50'
    return evidence[at[0] + digits[-1] + 1 :]


@functools.lru_cache(maxsize=8192)
def counted(raw: str, evidence: str, entity: str) -> Counted | None:
    """The counted words after a narrated figure (the entity's own words left out) and the
    words of its "per" phrase; None when the sentence names nothing right after it."""
    rest = _after_number(raw, evidence)
    if rest is None:
        return None
    stops, scales, per_count = _words()
    own = {w.lower() for w in _WORD.findall(entity)}
    tokens = _WORD.findall(rest)
    phrase: list[str] = []
    per: tuple[str, ...] = ()
    for at, token in enumerate(tokens):
        word = token.lower()
        if not phrase and (word.rstrip("+") in scales or word in {"+", "%", "k", "m"}):
            continue
        if word == "per":
            per = tuple(t.lower() for t in tokens[at + 1 : at + 1 + per_count] if t.isalpha())
            break
        if word in stops or not _a_word(token) or len(phrase) >= _MAX_WORDS:
            break
        if word not in own:
            phrase.append(word)
    if not phrase:
        return None
    head = phrase[-1][:-1] if phrase[-1].endswith("s") and len(phrase[-1]) > 3 else phrase[-1]
    return frozenset(phrase[:-1]) | {head}, per, head


def _a_word(token: str) -> bool:
    """A word of two or more letters (a stray "β" or "π" of a broken charset is none)."""
    return len(token) >= 2 and token[0].isalpha() and token[1].isalnum()


def _apart(one: Counted, two: Counted) -> bool:
    """Whether two counted phrases name different kinds of one thing: the same counted noun
    (their last word) with other words before it, neither within the other's ("concurrent
    macOS jobs", "matrix jobs"), or divided by different things ("per account", "per
    workflow run"). Two nouns (extensions, integrations) are the vocabulary's to tell apart:
    it gave both one metric."""
    (w1, p1, h1), (w2, p2, h2) = one, two
    if h1 != h2:
        return False
    m1, m2 = w1 - {h1}, w2 - {h2}
    if m1 and m2 and not (m1 <= m2 or m2 <= m1):
        return True
    return bool(p1 and p2 and p1 != p2)


def counted_kinds(df: pd.DataFrame, keys: list[str]) -> np.ndarray | None:
    """Per row, a tag of what a narrated count counts, set only in the groups (by `keys`)
    where two counts name different things ("" elsewhere); None when no group splits.
    Rows tagged alike, or untagged, stay comparable; rows tagged apart never meet."""
    needed = {"unit", "raw_value", "evidence", "entity", *keys}
    if df.empty or not needed <= set(df.columns):
        return None
    narrated = (df["unit"] == COUNT_UNIT).to_numpy(dtype=bool) & df["evidence"].notna().to_numpy(
        dtype=bool
    )
    if "row_key" in df.columns:
        narrated &= df["row_key"].isna().to_numpy(dtype=bool)
    if narrated.sum() < 2:
        return None
    at = np.flatnonzero(narrated)
    sub = df.iloc[at]
    if {"cmp_lo", "cmp_hi"} <= set(sub.columns):
        # only counts that disagree within their group are read (a phrase costs a scan of
        # its sentence; most groups agree)
        at = disagreeing(sub.assign(_at=at), keys)["_at"].to_numpy(dtype=np.int64)
        if len(at) < 2:
            return None
        sub = df.iloc[at]
    phrases = [
        counted(str(r), str(e), str(n))
        for r, e, n in zip(sub["raw_value"], sub["evidence"], sub["entity"], strict=True)
    ]
    groups: dict[tuple[object, ...], list[int]] = {}
    for k, key in enumerate(zip(*(sub[c].tolist() for c in keys), strict=True)):
        if phrases[k] is not None:
            groups.setdefault(key, []).append(k)
    out = np.full(len(df), "", dtype=object)
    split = False
    for members in groups.values():
        if len(members) < 2:
            continue
        kinds = list({phrases[k] for k in members})  # most counts of a group read alike
        apart = any(
            _apart(one, two)  # type: ignore[arg-type]
            for n, one in enumerate(kinds)
            for two in kinds[n + 1 :]
        )
        if not apart:
            continue
        split = True
        for k in members:
            words, per, _ = phrases[k]  # type: ignore[misc]
            tag = " ".join(sorted(words)) + (" per " + " ".join(per) if per else "")
            out[at[k]] = tag
    return out if split else None
