"""The unit or count noun after a figure ("MB/s", "CUDA cores", "widgets"), and Failure.

Why: split from normalize/quantity_lex.py (kept under 400 lines); reading the words after a
number needs only the unit table, none of the scanner's state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.normalize.unit_table import unit_table
from crosscheck.normalize.units import COUNT, UnitInfo, resolve_unit

from crosscheck.contracts import QuarantineReason

__all__ = ["EDGE_PUNCT", "Failure", "read_unit"]

EDGE_PUNCT = ",;:."


@dataclass(frozen=True)
class Failure:
    """Why a value could not be read: returned (and cached), raised only by parse_quantity."""

    reason: QuarantineReason
    message: str


# After a number, a token that looks like a unit but resolves to none is an unknown unit:
# slashed ("zb/s"), short with capitals ("XB", "Kb", "GHz"), or short lowercase ("zb").
_UNITISH = re.compile(r"[A-Za-z]*/[A-Za-z]*|[A-Za-z]?[A-Z][A-Za-z]{0,3}|[a-z]{1,3}")
_NOT_UNITS = frozenset(
    ("a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "per", "vs", "new",
     "top", "all", "by", "via", "with", "is", "are", "was")
)  # fmt: skip
_PLURAL_NOUN = re.compile(r"[A-Za-z][a-z-]{2,}s")

_UnitRead = tuple[UnitInfo | None, str | None, str | None]
_JOINERS = frozenset(unit_table().pair_joiners)  # "o", "y", "et": two figures, one unit
_FIGURE_WORD = re.compile(r"[~≈]?[0-9][0-9.,]*[KkM]?")


def read_unit(rest: str, glued: bool, text: str, bare_g: str | None = None) -> _UnitRead | Failure:
    """The longest leading run of words that is a unit or count noun; what follows is a note
    (`bare_g`: the unit a bare "g" stands for where the label says, "grams" under a weight,
    "gf" under a force; None elsewhere)."""
    head, comma, tail = rest.partition(",")
    words = head.split()
    if len(words) > 2 and words[0].lower() in _JOINERS and _FIGURE_WORD.fullmatch(words[1]):
        # "1 o 2 TB", "550 y 520 MB/s": the unit after the second figure is both figures'
        shared = read_unit(" ".join(words[2:]), False, text, bare_g)
        unit = shared[0] if isinstance(shared, tuple) and shared[1] is None else None
        if unit is not None and unit.dimension != "ratio":  # "3 or 4 times a day": no ratio
            return unit, None, " ".join(words[:2])
    if len(words) > 1 and words[0] in _JOINERS:  # "10 o más": a joining word, no octet
        return None, None, rest.strip(EDGE_PUNCT + " ") or None
    for size in range(min(len(words), 4), 0, -1):
        # the unit starts the words, or follows one word ("14,320 HTTP requests per second")
        for start in (0, 1) if size > 1 and len(words) > size and words[0].isalpha() else (0,):
            phrase = " ".join(words[start : start + size]).strip(EDGE_PUNCT)
            info = resolve_unit(phrase)
            if info is not None:
                rest_words = [*words[:start], *words[start + size :]]
                note = " ".join(rest_words) + (f", {tail.strip()}" if comma else "")
                noun = phrase if info.dimension == "count" else None
                return info, noun, note.strip(EDGE_PUNCT + " ") or None
    first = words[0].strip(EDGE_PUNCT) if words else ""
    if bare_g and first == "g":
        note = " ".join(words[1:]) + (f", {tail.strip()}" if comma else "")
        return resolve_unit(bare_g), None, note.strip(EDGE_PUNCT + " ") or None
    if first and ord(first[0]) >= 0x2E80:  # "25 倍": a CJK unit character leads the word
        info = resolve_unit(first[0])
        if info is not None:
            return info, None, first[1:] or None
    if first and (glued or _UNITISH.fullmatch(first)) and first.lower() not in _NOT_UNITS:
        return Failure(QuarantineReason.UNKNOWN_UNIT, f"unknown unit {first!r} in {text!r}")
    if _PLURAL_NOUN.fullmatch(first):  # "10 widgets": a count of some thing
        note = " ".join(words[1:]) + (f", {tail.strip()}" if comma else "")
        return COUNT, first, note.strip(EDGE_PUNCT + " ") or None
    return None, None, rest.strip(EDGE_PUNCT + " ") or None
