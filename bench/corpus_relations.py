"""Comparative statements with known truth for the synthetic corpus (issue 16).

Each statement compares two entities' figures the page itself prints ("A is 2.4x faster than B
on requests per second", "A uses 35% less memory than B", "within 5%", "half the memory"). A
true one holds for the printed figures (the checks must not flag it); a false one misstates
the size by 2.5x or more, points the wrong way, or claims parity for a gap over 25 % (a
`relation_mismatch` must flag it). Statements never carry figures of their own.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Literal

Subtype = Literal["wrong_size", "wrong_direction", "false_parity", "false_fraction"]
# How the page's figures read: a rate is better higher, a time better lower, the rest amounts.
Sense = Literal["rate", "time", "amount"]
Form = Literal["times", "percent", "range"]


@dataclass(frozen=True)
class Statement:
    sentence: str
    raw: str  # the relation's value as ingest carries it ("2.4x", "35%", "within 5%", "half")
    subject: str  # entity_raw of the relation claim
    true: bool
    subtype: str  # "true_relation" or a Subtype


def _times(r: float) -> str:
    text = f"{r:.0f}" if r >= 10 else f"{r:.1f}"
    return text.removesuffix(".0") + "x"


def _short(r: float) -> str:
    return f"{r:.1f}".removesuffix(".0")


def _written(
    rng: random.Random, gap: float, sense: Sense, forms: tuple[Form, ...], stated: float
) -> str:
    """The size as a page writes it: `stated` (= gap when true) as a multiplier, a percentage
    (rates under 2.5x) or a range around it (20 % below to 25 % above)."""
    usable = [f for f in forms if f != "percent" or (sense == "rate" and stated < 2.5)]
    form = rng.choice(usable) if usable else "times"
    if form == "percent":
        return f"{round((stated - 1) * 100)}%"
    if form == "range":
        low = max(1.1, math.floor(stated * 0.8 * 10) / 10)
        high = math.ceil(stated * 1.25 * 10) / 10
        if stated != gap:  # false: the whole range misses the gap
            low = max(low, math.ceil(gap * 2.5 * 10) / 10)
        return f"{_short(low)}-{_short(high)}x"
    return _times(stated)


def _rate_sentence(a: str, b: str, raw: str, phrase: str) -> str:
    return f"{a} is {raw} faster than {b} on {phrase}."


def _time_sentence(a: str, b: str, raw: str, phrase: str) -> str:
    return f"{a} has {raw} lower {phrase} than {b}."


def _amount_sentence(a: str, b: str, raw: str, phrase: str, more: bool) -> str:
    return f"{a} shows {raw} {'more' if more else 'less'} {phrase} than {b}."


def statement(
    rng: random.Random,
    x: str,
    y: str,
    px: float,
    py: float,
    sense: Sense,
    phrase: str,
    true: bool,
    forms: tuple[Form, ...] = ("times", "percent", "range"),
) -> Statement | None:
    """A statement about x and y whose figures on the page are px and py (same unit), written
    as a multiplier ("2.4x"), a percentage ("45% faster", rates only) or a range ("1.9-3x").

    None when the figures are too close for a clear statement (a false one must be false under
    every reading, a true one must not be within reach of "the same")."""
    if px <= 0 or py <= 0:
        return None
    # A is the better (rate: higher; time: lower; amount: more) of the two.
    better_x = px > py if sense != "time" else px < py
    a, b, pa, pb = (x, y, px, py) if better_x else (y, x, py, px)
    gap = pa / pb if sense != "time" else pb / pa  # >= 1
    if gap < 1.3:
        return None
    sentence_of = {
        "rate": lambda s, t, raw: _rate_sentence(s, t, raw, phrase),
        "time": lambda s, t, raw: _time_sentence(s, t, raw, phrase),
        "amount": lambda s, t, raw: _amount_sentence(s, t, raw, phrase, more=True),
    }[sense]
    if true:
        if sense == "amount" and phrase == "memory" and gap < 1.9:
            pct = round((1 - pb / pa) * 100)  # b uses pct % less than a
            if 10 <= pct <= 90:
                raw = f"{pct}%"
                return Statement(
                    _amount_sentence(b, a, raw, phrase, more=False), raw, b, True, "true_relation"
                )
        raw = _written(rng, gap, sense, forms, stated=gap)
        return Statement(sentence_of(a, b, raw), raw, a, True, "true_relation")
    kind: Subtype = rng.choice(["wrong_size", "wrong_direction", "false_parity"])
    if sense == "amount" and phrase == "memory" and rng.random() < 0.5:
        kind = "false_fraction"
    if kind == "wrong_size":
        # an overstatement no reading reaches
        raw = _written(rng, gap, sense, forms, stated=gap * rng.uniform(2.5, 4.0))
        return Statement(sentence_of(a, b, raw), raw, a, False, kind)
    if kind == "wrong_direction":
        raw = _times(gap)
        return Statement(sentence_of(b, a, raw), raw, b, False, kind)
    if kind == "false_parity":
        if gap < 1.4:
            return None
        pct = rng.choice((3, 5, 10))
        raw = f"within {pct}%"
        first, second = (a, b) if rng.random() < 0.5 else (b, a)
        return Statement(f"{first} is {raw} of {second} on {phrase}.", raw, first, False, kind)
    # "half the memory" said of the one that uses more
    return Statement(f"{a} uses half the memory of {b}.", "half", a, False, kind)
