"""One per-text memo for what the line readers compute from a line's text alone.

Why: the free-text readers' `LineRecord` (ingest.lines) and the shape readers' `LineFeatures`
(ingest.line_features) both depend on the text alone and were kept in two dicts of their own,
each hashing every line again, with two size limits; one entry per text holds both, each
filled when first asked (a text page's lines are asked for both, an HTML page's mostly for the
record only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the entry only holds them: no import of the readers at run time
    from crosscheck.ingest.line_features import LineFeatures
    from crosscheck.ingest.lines import LineRecord

__all__ = ["MEMO_CHARS", "MEMO_TEXTS", "TextEntry", "entry"]

MEMO_TEXTS = 50_000  # texts a process keeps (~15 MB at most; 20,000 thrashed at 1,000 pages)
MEMO_CHARS = 2_000  # longer texts get an entry, never kept


class TextEntry:
    """What has been computed of one text so far (None: not asked yet)."""

    __slots__ = ("features", "record")

    def __init__(self) -> None:
        self.record: LineRecord | None = None
        self.features: LineFeatures | None = None


_MEMO: dict[str, TextEntry] = {}


def entry(text: str) -> TextEntry:
    """The entry of `text`, kept when the text is short enough (the memo is emptied when full)."""
    found = _MEMO.get(text)
    if found is None:
        found = TextEntry()
        if len(text) <= MEMO_CHARS:
            if len(_MEMO) >= MEMO_TEXTS:
                _MEMO.clear()
            _MEMO[text] = found
    return found
