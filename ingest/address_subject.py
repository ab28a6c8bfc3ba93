"""The product a page's address names, for a page whose text names no product at all.

Why: page 3 of a review ('.../test-benq-x1300i-gaming-beamer/3', '.../content/ds1515_3') speaks
of "the projector" and "the unit"; the model's code stands only in the address (and in the
title of page 1, which is another page). A careful reader takes the one model code of the
address as the subject of such a page. A model code is letters then digits ('tk800', 'x1300i',
'ds1515'); formats and standards of that shape ('h264', 'ddr5') are listed in data
(ingest/data/page_products.toml `address_code_words`). The brand before the code in the address
joins it where the page writes that word too ('BenQ TK800').
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from crosscheck.ingest.page_product_words import DATA_FILE

from crosscheck.common import toml_cache
from crosscheck.contracts import NO_ENTITY_RAW

__all__ = ["PROVENANCE_NOTE", "address_subject", "foreign_lines_unowned"]

# 'source: https://…' above a stored copy: where the page came from when the run reads a file
# (ingest/parse.py skips the same note when it looks for the page's title)
PROVENANCE_NOTE = re.compile(r"^(?:<!--\s*)?(?:source|url|origin)\s*:\s*(\S+://\S+)", re.IGNORECASE)
_URL = re.compile(r"^https?://[^/\s]*(\S*)$", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
# letters, then at least two digits, then at most three letters: a model's code, no quantity
# ('16gb', '1080p' start with digits) and no date
_CODE = re.compile(r"^[a-z]{1,4}\d{2,5}[a-z]{0,3}$")
_BRAND = re.compile(r"^[a-z]{3,12}$")
_SLUG = re.compile(r"[-_.]")
# 'MAG341CQ', 'XB253QGX': another model's code on a line (capitals, then digits), which that
# line's figures belong to ('… Gaming-Monitor MSI Optix MAG341CQ 399,00 €' in a shop's ad)
_OTHER_CODE = re.compile(r"(?<![\w-])[A-Z]{1,4}\d{2,5}[A-Z0-9]{0,4}(?![\w-])")


@lru_cache(maxsize=1)
def _code_words() -> frozenset[str]:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in doc.get("address_code_words", []))


def _path(source: str, texts: list[str]) -> str:
    """The address's path: the run's source when it is a web address, else the stored copy's
    provenance note (a first line 'source: https://…'; a file's or a test's source is none)."""
    match = _URL.match(source.strip())
    if match is None:
        for text in texts[:2]:
            note = PROVENANCE_NOTE.match(text.strip())
            if note is not None:
                match = _URL.match(note.group(1))
                break
    return match.group(1).lower() if match is not None else ""


def _written(word: str, body: str) -> str | None:
    """The page's own spelling of a word of the address, as a whole word ('BenQ', 'TK800')."""
    found = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", body, re.IGNORECASE)
    return found.group() if found is not None else None


def address_subject(source: str, texts: list[str]) -> str | None:
    """The one model code of the page's address, with its brand where the page writes both
    (None when the address holds no code, or several)."""
    segments = [s for s in _path(source, texts).split("?")[0].split("/") if s]
    if len(segments) > 1 and not _SLUG.search(segments[0]):
        segments = segments[1:]  # 'github.com/cyan4973/xxhash': a bare first segment is a user
    words = _WORD.findall("/".join(segments))
    codes = [w for w in dict.fromkeys(words) if _CODE.match(w) and w not in _code_words()]
    if len(codes) != 1:
        return None
    code = codes[0]
    body = "\n".join(t for t in texts if not PROVENANCE_NOTE.match(t.strip()))
    name = _written(code, body) or code
    brand = _slug_brand(segments, code)
    written = _written(brand, body) if brand else None
    if written is not None and written[:1].isupper():  # 'BenQ' in the text: the maker
        return f"{written} {name}"
    if brand is not None and written is None:  # 'test-benq-x1300i-…' only: the slug's maker
        return f"{brand.capitalize()} {name}"
    return name


def _slug_brand(segments: list[str], code: str) -> str | None:
    """The word right before the code in the same slug ('test-benq-x1300i-beamer': 'benq'),
    unless it is a slug's own word ('test', 'review', 'der': `address_slug_words`)."""
    for segment in segments:
        words = _WORD.findall(segment)
        if code in words:
            at = words.index(code)
            before = words[at - 1] if at > 0 else ""
            if _BRAND.match(before) and before not in _slug_words():
                return before
            return None
    return None


@lru_cache(maxsize=1)
def _slug_words() -> frozenset[str]:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in doc.get("address_slug_words", []))


def foreign_lines_unowned(claims: list[dict[str, Any]], subject: str) -> list[dict[str, Any]]:
    """The claims with the address's subject as owner, less those whose line names another
    model's code: those stay unowned (quarantined), as before the subject was known."""
    own = {w.lower() for w in subject.split()}
    out: list[dict[str, Any]] = []
    for claim in claims:
        evidence = str(claim.get("evidence") or "")
        codes = {m.group().lower() for m in _OTHER_CODE.finditer(evidence)}
        out.append({**claim, "entity_raw": NO_ENTITY_RAW} if codes - own else claim)
    return out
