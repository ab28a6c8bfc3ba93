"""Conflicts of one spec that a page, or two pages, spell apart: the words of a metric named
from its own label split differently between the label and the section it sits under
("Display resolution, long side" against "Resolution, long side" under "Display"), or one
label adds a word that names how the spec is measured ("Battery" in a spec table, "battery
capacity" in the prose below it: checks/data/spec_words.toml).

Why: the conflict rule compares figures of one (entity, metric, qualifier, unit) key, so the
same spec of the same product never meets itself when it is spelled two ways. The canonical
key here is the set of words of the label-made metric and of the qualifier's word-only parts,
less the measure words; qualifier parts with a number (a load, a version, a size) stay a
condition and must match as written, and a label that holds a number names its own value
and is left out. Only groups this key joins are handed to the conflict rule (its tolerances,
scenarios and filters apply unchanged), and only findings whose sides were spelled apart are
kept: a conflict within one spelling is the conflict rule's own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import find_cross_source_conflicts, find_same_page_conflicts
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding
from crosscheck.checks.grouping import code_column, with_codes

__all__ = ["canonical_spec", "find_spelled_apart_conflicts", "find_spelled_apart_page_conflicts"]

_AUTO = "auto:"  # metrics named from the page's own label (normalize's fallback)
_WORD = re.compile(r"[^\W\d_]+")
_HAS_DIGIT = re.compile(r"\d")
# words that join a label's parts and name no part of the spec
_GLUE = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "with", "to", "by", "at"})
_RULE = "spelled_specs"
_SPELLING = "_spelling"
_REACH = 60  # characters of evidence quoted either side of a figure
Conflicts = Callable[[pd.DataFrame, CheckConfig, pd.DataFrame], list[Finding]]


@functools.cache
def _measure_words() -> frozenset[str]:
    """Words naming how a spec is measured (checks/data/spec_words.toml)."""
    return frozenset(str(w).lower() for w in read_words("spec_words.toml")["measure"])


def _words(text: str) -> set[str]:
    """The words of a label or a qualifier part, as written (no stemming: 'https' is not a
    plural of 'http')."""
    return set(_WORD.findall(text.lower()))


def canonical_spec(metric: str, qualifier: str | None) -> tuple[str, str] | None:
    """(canonical metric, remaining qualifier) of a label-made metric, or None when the
    metric is a named one or its label holds a number (a label that names its own value)."""
    if not metric.startswith(_AUTO):
        return None
    parts = metric.split(":")
    if len(parts) != 3 or not parts[1] or _HAS_DIGIT.search(parts[1]):
        return None
    words = _words(parts[1])
    kept: list[str] = []
    for part in (p.strip() for p in (qualifier or "").split(";")):
        if _HAS_DIGIT.search(part):
            kept.append(part)
        elif part:
            words |= _words(part)
    words -= _GLUE
    named = words - _measure_words()
    words = named or words
    if not words:
        return None
    return f"{_AUTO}{'_'.join(sorted(words))}:{parts[2]}", "; ".join(sorted(kept))


def _rekeyed(comparable: pd.DataFrame, within: list[str]) -> pd.DataFrame:
    """The comparable figures whose canonical key joins two spellings within `within` (the
    page, or nothing: across pages), keyed by it, with their own spelling beside."""
    if comparable.empty or "metric" not in comparable.columns:
        return comparable.iloc[:0]
    metric_texts = comparable["metric"].astype(str)
    rows = np.flatnonzero(metric_texts.str.startswith(_AUTO).to_numpy(dtype=bool))
    metrics = metric_texts.to_numpy(dtype=object)[rows]
    qualifiers = comparable["qualifier"].to_numpy(dtype=object)[rows]
    # one key per distinct spelling: a label repeats down a column and across pages
    keys: dict[tuple[str, str | None], tuple[str, str] | None] = {}
    canon: dict[int, tuple[str, str]] = {}
    for at, metric, q in zip(rows.tolist(), metrics, qualifiers, strict=True):
        spelling = (metric, None if pd.isna(q) else str(q))
        if spelling not in keys:
            keys[spelling] = canonical_spec(*spelling)
        key = keys[spelling]
        if key is not None:
            canon[at] = key
    if not canon:
        return comparable.iloc[:0]
    sub = comparable.iloc[list(canon)].copy()
    sub[_SPELLING] = [
        f"{m}\x1f{q or ''}" for m, q in zip(sub["metric"], sub["qualifier"], strict=True)
    ]
    sub["metric"] = [key[0] for key in canon.values()]
    sub["qualifier"] = [key[1] for key in canon.values()]
    groups = [*within, "entity", "metric", "qualifier", "unit"]
    spellings = sub.groupby(groups, dropna=False)[_SPELLING].transform("nunique")
    joined = sub[spellings.to_numpy() > 1]
    if not within:  # across pages: the spellings must come from two pages at least
        pages = joined.groupby(groups, dropna=False)["source"].transform("nunique")
        joined = joined[pages.to_numpy() > 1]
    coded = [n for n in ("metric", "qualifier") if code_column(n) in joined.columns]
    return with_codes(joined, coded) if coded and not joined.empty else joined


def _spelled_apart(
    facts: pd.DataFrame, config: CheckConfig, joined: pd.DataFrame, conflicts: Conflicts
) -> list[Finding]:
    """The conflict rule's findings on the joined groups whose sides are spelled apart."""
    if joined.empty:
        return []
    spelled = dict(zip(joined["claim_id"], joined[_SPELLING], strict=True))
    evidence = joined["evidence"] if "evidence" in joined.columns else joined["raw_value"]
    said = {
        claim: _quote(str(raw), None if pd.isna(text) else str(text))
        for claim, raw, text in zip(joined["claim_id"], joined["raw_value"], evidence, strict=True)
    }
    out: list[Finding] = []
    for finding in conflicts(facts, config, joined.drop(columns=_SPELLING)):
        sides: dict[str, str] = {}
        for claim in finding.claim_ids:  # sorted: the first claim of each spelling is quoted
            if claim in spelled:
                sides.setdefault(spelled[claim], said[claim])
        if len(sides) > 1:
            out.append(replace(finding, explanation=_explained(finding, sides), rule=_RULE))
    return out


def _quote(raw: str, evidence: str | None, reach: int = _REACH) -> str:
    """The words around a figure in its evidence (the figure itself when none is kept)."""
    if not evidence:
        return raw
    at = evidence.find(raw)
    if at < 0:
        cut = evidence if len(evidence) <= 2 * reach else evidence[: 2 * reach] + "\u2026"
        return " ".join(cut.split())
    start, end = max(0, at - reach), min(len(evidence), at + len(raw) + reach)
    words = evidence[start:end].split()
    head = "\u2026" if start > 0 else ""
    tail = "\u2026" if end < len(evidence) else ""
    # whole words only: the cut words at either end go (the figure's own words stay)
    if head and len(words) > 2 and raw not in words[0]:
        words = words[1:]
    if tail and len(words) > 2 and raw not in words[-1]:
        words = words[:-1]
    return f"{head}{' '.join(words)}{tail}"  # one line, as quoted


def find_spelled_apart_conflicts(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame
) -> list[Finding]:
    """Cross-source conflicts of specs the pages spell apart (one entity's groups)."""
    return _spelled_apart(facts, config, _rekeyed(comparable, []), find_cross_source_conflicts)


def find_spelled_apart_page_conflicts(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame
) -> list[Finding]:
    """Same-page conflicts of a spec the page spells two ways (one page's groups)."""
    joined = _rekeyed(comparable, ["source"])
    return _spelled_apart(facts, config, joined, find_same_page_conflicts)


def _explained(finding: Finding, sides: dict[str, str]) -> str:
    """The conflict's explanation with how each side names the spec and what it says."""
    told = []
    for name, quote in sorted(sides.items()):
        metric, qualifier = name.split("\x1f", 1)
        label = metric.split(":")[1].replace("_", " ")
        under = f" under '{qualifier}'" if qualifier else ""
        told.append(f"'{label}'{under} (\u201c{quote}\u201d)")
    return f"{finding.explanation} The spec is named {' and '.join(told)}."
