"""Model codes a page names its products by, for a page on which no known name was found.

Why: spec pages and tests name products by code ("HL-L2350DW", "Bosch WTX87M40",
"KO340175") that no entity list knows; with no name found every figure was quarantined. A code
is one token that mixes capitals and digits (two of each at least) and is no quantity ("16GB",
"1080P"); the page writes it twice, or once in a heading, in parentheses or in a table's first
cell. A capitalised word written before it most times (its maker) is kept with it. The codes
then own the figures of their sentences and rows as names do (ingest/parse.py).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from crosscheck.ingest.kind_words import KIND_WORDS_FILE

from crosscheck.common import toml_cache

__all__ = ["model_codes"]

# a token of capitals, digits and inner hyphens/slashes, a trailing '+' ("DS2413+")
_TOKEN = re.compile(
    r"(?<![A-Za-z0-9./-])([A-Z0-9](?:[A-Z0-9]|[-/](?=[A-Z0-9]))+\+?)(?![A-Za-z0-9/-])"
)
# a quantity written in capitals: "16GB", "1080P", "100KW", "2.5GHZ" (a code leads with its
# letters: "KO340175", "HX850")
_QUANTITY = re.compile(r"^\d+(?:[.,]\d+)?[A-Z]{1,4}$")
_MIN_EACH = 2  # digits and capitals a code holds at least
_MIN_LEN = 5
_HEAD_CHARS = 60  # a heading or a table's name cell is a short line
_MAKER = re.compile(r"([A-Z][A-Za-z]{1,15})\s+$")


@lru_cache(maxsize=1)
def _not_makers() -> frozenset[str]:
    doc = toml_cache.loads(KIND_WORDS_FILE.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in doc.get("not_makers", []))


def _is_code(token: str) -> bool:
    digits = sum(c.isdigit() for c in token)
    capitals = sum(c.isalpha() for c in token)
    return (
        len(token) >= _MIN_LEN
        and digits >= _MIN_EACH
        and capitals >= _MIN_EACH
        and not _QUANTITY.match(token)
    )


def model_codes(texts: list[str], cells: list[str]) -> list[str]:
    """The page's model codes, each with its maker word where the page writes one before it
    most times ("Bosch WTX87M40"), in the order the page first writes them."""
    seen: Counter[str] = Counter()
    marked: set[str] = set()  # in a heading, in parentheses or in a row's first cell
    makers: dict[str, Counter[str]] = {}
    for text in [*texts, *cells]:
        short = len(text) <= _HEAD_CHARS
        for match in _TOKEN.finditer(text):
            code = match.group(1)
            if not _is_code(code):
                continue
            seen[code] += 1
            before, after = text[: match.start()], text[match.end() :]
            if short or (before.rstrip().endswith("(") and after.lstrip().startswith(")")):
                marked.add(code)
            maker = _MAKER.search(before[-20:])
            word = maker.group(1) if maker else ""
            makers.setdefault(code, Counter())[word] += 1
    codes = [c for c, n in seen.items() if n >= 2 or c in marked]
    out = []
    for code in codes:
        word, n = makers[code].most_common(1)[0]
        keep = word and word.lower() not in _not_makers() and 2 * n > seen[code]
        out.append(f"{word} {code}" if keep else code)
    return out
