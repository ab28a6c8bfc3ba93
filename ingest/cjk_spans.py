"""CJK figures the digit scanner misses: a bound word glued before the figure ("約4円",
"最大12kWh") and a duration in falling units with no space ("8分4秒", "2時間20分").

Why: Japanese and Chinese prose writes no space between words, so a figure's bound is one
run with it, and a duration of minutes and seconds is one token; the scanner of ingest.spans
saw a bare "4" (dropped after a CJK word) and two halves of "8分4秒". The lead words are data
(ingest/data/prose.toml cjk_bound_leads); normalize reads the bound and sums the parts.
"""

from __future__ import annotations

import re

from crosscheck.ingest.lexicon import alternation, word_list

__all__ = ["CJK_LEAD", "cjk_durations", "without_lead"]

# the lead words as a pattern part: spans.py puts it inside the CJK figure's text
CJK_LEAD = rf"(?:(?:{alternation(word_list('cjk_bound_leads'))})\s?)"
_LEAD_AT = re.compile(rf"^{CJK_LEAD}")
_NUMBER = r"\d+(?:\.\d+)?"
# "8分4秒", "2時間20分", "1時間5分30秒": hours (時間, 小时, 小時), minutes (分), seconds (秒)
_DURATION = re.compile(
    rf"(?<![\d.,]){CJK_LEAD}?(?:{_NUMBER}(?:時間|小时|小時){_NUMBER}分(?:{_NUMBER}秒)?"
    rf"|{_NUMBER}分{_NUMBER}秒)"
)


def cjk_durations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each duration written in CJK falling units, left to right."""
    return [m.span() for m in _DURATION.finditer(text)] if "分" in text else []


def without_lead(raw: str) -> str:
    """The figure's text after its CJK bound word ("約4" → "4")."""
    return _LEAD_AT.sub("", raw)
