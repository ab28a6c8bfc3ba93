"""Normalize feature values ("Native, default behavior", "Addon required") to a closed vocabulary.

Why: categorical conflicts (one page says native async, another says third-party only) can only
be found once free-text feature claims are put on a small, comparable scale.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

__all__ = ["Category", "categories_conflict", "category_polarity", "normalize_category"]


class Category(StrEnum):
    """The closed set of normalized feature values (stored as text in `text_value`)."""

    NONE = "none"  # the feature does not exist ("None (use SQLAlchemy separately)")
    NO = "no"  # a plain negative answer ("No", "No, requires build")
    MANUAL = "manual"  # the developer builds it by hand ("Manual or extensions")
    EXTENSION = "extension"  # an add-on for this framework ("Addon required (flask-socketio)")
    THIRD_PARTY = "third_party"  # an independent library ("Third-party extensions only")
    PARTIAL = "partial"  # exists but limited or experimental
    NATIVE = "native"  # part of the framework's design ("Native, default behavior")
    YES = "yes"  # a plain positive answer ("Yes (Pydantic native)")
    BUILTIN = "builtin"  # ships with the framework ("Pydantic included", "Automatic (Swagger UI)")
    OTHER = "other"  # none of the above ("Requires app server (Uvicorn)")


_POSITIVE = frozenset({Category.YES, Category.NATIVE, Category.BUILTIN})
_NEGATIVE = frozenset(
    {Category.NONE, Category.NO, Category.MANUAL, Category.EXTENSION, Category.THIRD_PARTY}
)

# Applied to the head (text before the first "(", ",", ";", ":" or dash) first, then to the
# whole text; the first rule that matches wins, so the order encodes the precedence:
# a leading verdict word beats everything, "manual" beats "third-party" beats "extension",
# and "native" beats "built-in".
_RULES: tuple[tuple[Category, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern, re.IGNORECASE))
    for category, pattern in (
        (Category.NONE, r"^(?:none|n/a|nothing)\b"),
        (Category.NO, r"^(?:no|not|false|unsupported)\b|^[✗✘❌×]|\bnot\s+(?:supported|available)"),
        (Category.YES, r"^(?:yes|true|supported|available)\b|^[✓✔✅]"),
        (Category.PARTIAL, r"\b(?:partial(?:ly)?|limited|experimental|beta)\b"),
        (
            Category.MANUAL,
            r"\bmanual(?:ly)?\b|\bhand[\s-]*(?:written|rolled)\b|\bdiy\b"
            r"|\bleft\s+to\s+(?:you|the\s+developer)\b|\bbring\s+your\s+own\b",
        ),
        (Category.THIRD_PARTY, r"\bthird[\s-]*party\b|\bexternal\s+(?:library|libraries|package)"),
        (Category.EXTENSION, r"\bextensions?\b|\badd[\s-]?ons?\b|\bplugins?\b|\bvia\b"),
        (Category.NATIVE, r"\bnative(?:ly)?\b|\bdefault\s+behaviou?r\b|\bby\s+default\b"),
        (
            Category.BUILTIN,
            r"\bbuilt[\s-]*in\b|\bincluded\b|\bbundled\b|\bautomatic(?:ally)?\b"
            r"|\bauto[\s-]*generated\b|\bgenerated\b|\bout[\s-]+of[\s-]+the[\s-]+box\b",
        ),
        (Category.YES, r"\b(?:yes|supported|available)\b"),
    )
)
_HEAD = re.compile(r"\s*(?:[(,;:]|\s[-–—]\s)")


def _classify(text: str) -> Category | None:
    # The earliest match decides ("Built-in via Pydantic" is built in; "Via SQLAlchemy
    # extension" is an extension); rule order only breaks ties at one position.
    best: tuple[int, int, Category] | None = None
    for order, (category, rx) in enumerate(_RULES):
        match = rx.search(text)
        if match and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, category)
    return best[2] if best else None


@lru_cache(maxsize=1 << 14)
def _normalize(text: str) -> Category:
    clean = " ".join(text.replace("\u00a0", " ").split()).strip(" .!*")
    if not clean:
        return Category.OTHER
    head = _HEAD.split(clean, maxsplit=1)[0]
    return _classify(head) or _classify(clean) or Category.OTHER


def normalize_category(text: str) -> str:
    """The category value of a feature text, e.g. "Native built-in" → "native".

    An empty text or a placeholder gives "other": a missing value is not a "no".
    """
    return _normalize(text or "").value


def category_polarity(category: str) -> int:
    """+1 when the feature is in the framework (yes/native/builtin), -1 when not, 0 otherwise."""
    value = _as_category(category)
    return 1 if value in _POSITIVE else -1 if value in _NEGATIVE else 0


def _as_category(value: str) -> Category:
    try:
        return Category(value)
    except ValueError:
        return _normalize(value or "")


def categories_conflict(a: str, b: str) -> bool:
    """Whether two values (categories or raw texts) cannot both be true of one entity.

    Present (yes, native, builtin) conflicts with absent or outsourced (none, no, manual,
    extension, third_party); partial conflicts only with none and no; other conflicts with nothing.
    """
    ca, cb = _as_category(a), _as_category(b)
    pa, pb = category_polarity(ca.value), category_polarity(cb.value)
    if pa * pb == -1:
        return True
    absent = {Category.NONE, Category.NO}
    return (ca is Category.PARTIAL and cb in absent) or (cb is Category.PARTIAL and ca in absent)
