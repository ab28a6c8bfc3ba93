"""A page's UTF-8 bytes, made once a page: the budgets, the byte parser and the run's mojibake
pre-check all read them (ingest.budgets, normalize.repair).

Why: the page's str is UCS-4 on most synthetic pages (an emoji), and encoding 140 KB of it
again cost ~2 % of the parse. The worker that decoded the page from strict UTF-8 hands its
bytes over (`remember_utf8`) and reads and parses page by page, so they are still here.
"""

from __future__ import annotations

# The last page encoded: (its text, its bytes, whether they are strict UTF-8).
_LAST_UTF8: tuple[str, bytes, bool] = ("", b"", True)


def remember_utf8(text: str, encoded: bytes) -> None:
    """`encoded` is `text`'s UTF-8: `text` is `encoded.decode("utf-8")` (strict), which only
    a valid UTF-8 body gives, and whose encoding is that body again, byte for byte."""
    global _LAST_UTF8
    _LAST_UTF8 = (text, encoded, True)


def _encoded(text: str) -> tuple[bytes, bool]:
    global _LAST_UTF8
    last, encoded, strict = _LAST_UTF8
    if last is not text:
        try:
            encoded, strict = text.encode("utf-8"), True
        except UnicodeEncodeError:  # lone surrogates: kept as their 3 bytes each
            encoded, strict = text.encode("utf-8", "surrogatepass"), False
        _LAST_UTF8 = (text, encoded, strict)
    return encoded, strict


def page_utf8(text: str) -> bytes:
    """`text` as UTF-8 (lone surrogates as their bytes, "surrogatepass"); the same str
    object encoded (or remembered) last time is not encoded again (a page is read by several
    steps)."""
    return _encoded(text)[0]


def strict_utf8(text: str) -> bytes | None:
    """`text` as UTF-8 for the byte parser; None when it holds lone surrogates (no UTF-8)."""
    encoded, strict = _encoded(text)
    return encoded if strict else None
