"""How a comparative statement reads apart from its number: a gap that names no winner, a
claim the page restates in its own words, a claim the page reports as someone else's.

Why a module of its own: each reading decides whether a statement can contradict figures or
other statements at all (precision), and they read only the statement's own sentence.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from crosscheck.checks.scenarios import THIRD_PARTY, markers_of

__all__ = ["is_gap", "is_margin", "reported", "restated", "unnamed"]

# "The gap between A and B is roughly 2x": a gap names no winner; its size is the larger
# figure over the smaller, whichever is A. Read only when no comparative word says who leads.
_GAP = re.compile(r"\b(?:gap|difference|margin|spread)\s+(?:between|of)\b", re.IGNORECASE)
_GAP_WORD = re.compile(r"gap|differen|margin|spread", re.IGNORECASE)
_COMPARATIVE = re.compile(
    r"faster|slower|quicker|more|less|fewer|higher|lower|better|worse|bigger|smaller|larger|"
    r"cheaper|ahead|behind|lead|outperform|beats?\b|improve|increase|reduc|decreas",
    re.IGNORECASE,
)


def is_gap(rel: Any) -> bool:
    """Whether the statement gives a gap's size without saying who leads ("the gap between
    the fastest (A) and the second fastest (B) is roughly 2x on the median")."""
    sentence = rel["evidence"]
    if not isinstance(sentence, str) or not _GAP_WORD.search(sentence):
        return False  # most statements: one scan, no cache entry
    return _gap_of(sentence, str(rel["raw_value"] or ""), str(rel["label"] or ""))


@functools.lru_cache(maxsize=4096)
def _gap_of(sentence: str, raw: str, label: str) -> bool:
    at = sentence.find(raw) if raw else -1
    if at < 0 or not _GAP.search(sentence, 0, at):
        return False
    return not _COMPARATIVE.search(f"{label} {raw}")


def reported(rel: dict[str, Any]) -> bool:
    """Whether the statement's sentence gives it as someone else's claim ("markets itself
    as", "according to", "claims": the third-party marker of scenario_markers.toml)."""
    return THIRD_PARTY in markers_of(str(rel.get("evidence") or ""))


def _first_named(rel: dict[str, Any]) -> str | None:
    """Which of the statement's two entities its sentence names first, as written."""
    sentence = str(rel.get("evidence") or "")
    at = [sentence.find(str(rel[k] or "")) if rel[k] else -1 for k in ("a_raw", "b_raw")]
    if min(at) < 0 or at[0] == at[1]:
        return None
    return rel["a"] if at[0] < at[1] else rel["b"]


def restated(r1: dict[str, Any], r2: dict[str, Any]) -> bool:
    """Two statements of one page in the same words (number and label as written) whose
    sentences name the two entities in the same order: the page makes one claim twice (a
    lede and its summary), so two opposite readings of it are a reading slip, not the page
    contradicting itself ("A ... than B and uses up to 3x fewer nodes", "A ... than B--with
    up to 3x fewer nodes", the second read as B's)."""
    if r1["source"] != r2["source"] or r1["raw_value"] != r2["raw_value"]:
        return False
    if r1["label"] != r2["label"]:
        return False
    first = _first_named(r1)
    return first is not None and first == _first_named(r2)


def unnamed(rel: dict[str, Any]) -> bool:
    """Whether the statement's sentence names neither of its two entities ("It's not 2x
    faster, it's 4x faster!"): both were taken from the page around it, so which one leads
    is a guess, and the statement is no side against another statement."""
    sentence = str(rel.get("evidence") or "").lower()
    names = [str(rel.get(k) or "").lower() for k in ("a_raw", "b_raw", "a", "b")]
    return bool(sentence) and not any(n and n in sentence for n in names)


def is_margin(rel: Any) -> bool:
    """Whether the statement is a result line's margin: the winner's name right before its
    lead, no comparative word ("Binary Trees  Rust: 44ms  Go: 530ms  Rust 12x"). It says
    the winner is ahead by that much: on a time, the other's time over the winner's."""
    label = str(rel.get("label") or "")
    if rel.get("direction") != "higher" or rel.get("aspect") != "amount":
        return False
    if _COMPARATIVE.search(label):
        return False
    sentence, raw = str(rel.get("evidence") or ""), str(rel.get("raw_value") or "")
    return _margin_of(sentence, raw, str(rel.get("a_raw") or ""))


@functools.lru_cache(maxsize=4096)
def _margin_of(sentence: str, raw: str, name: str) -> bool:
    if not raw or not name:
        return False
    if re.match(re.escape(name) + r"\s*:?\s*[~≈]?\d", raw):  # the cell wrote both: "A 12x"
        return raw in sentence
    return re.search(re.escape(name) + r"\s*:?\s*" + re.escape(raw), sentence) is not None
