"""Counts that set up a scenario, not a product's figure: 'if 10,000 of those', 'At 30,000
contacts on X you pay $300', a plan's size in parentheses after its price ('$25/month (1k subs)').

Why: pricing pages state what a plan costs at a list size; the list size is the price's
condition, and a hypothetical count ('if 10 projects') measures nothing (ingest/nonfigures.py).
"""

from __future__ import annotations

import re

# a count with no unit: "10,000", "1k", "500"
_COUNT = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?[kK]?$")
# "if 10,000 of those", "If 10 projects": a hypothetical count
_IF_BEFORE = re.compile(r"(?:^|[\s(,;—–-])(?:if|suppose|say)\s$", re.IGNORECASE)
# "At 30,000 contacts on ...": a clause opening on the size it is about
_AT_BEFORE = re.compile(r"(?:^|[.!?;:]\s+|\n)At\s$")
_NOUN_AFTER = re.compile(r"^\s[a-z]{3,}")
# "$25/month (1k subs)": a count in parentheses right after a price
_PRICE_PAREN_BEFORE = re.compile(r"[$€£]\s?\d[\d.,]*(?:\s?/\s?[A-Za-z]+)?\s\($")
_CLOSE_AFTER = re.compile(r"^\s[A-Za-z]{2,}\)")


def scenario_count(raw: str, before: str, after: str) -> bool:
    """Whether the unitless count `raw` (between `before` and `after`) sets up a scenario or a
    plan's size: a hypothetical, a clause opening 'At N <things>', a count after a price."""
    if not _COUNT.match(raw):
        return False
    tail = before[-4:]
    # "if ", "say ", "suppose ": a cheap test before the pattern
    if ("f" in tail or "y" in tail or "e" in tail) and _IF_BEFORE.search(before[-10:]):
        return True
    if tail.endswith("At ") and _AT_BEFORE.search(before[-6:]) and _NOUN_AFTER.match(after):
        return True
    return tail.endswith("(") and bool(
        _PRICE_PAREN_BEFORE.search(before[-24:]) and _CLOSE_AFTER.match(after)
    )
