"""A name in an attribute slot ("written in Rust", "by OpenAI", "on an iPhone 8", "on
LibriSpeech") is a condition, a maker or a platform of what the sentence speaks of, not the
owner of its figures, unless the page compares that very name.

Why: a careful reader gives a figure to the clause's subject or to the name in the figure's
noun phrase; the language an editor is written in or the phone a test ran on is no compared
product, and taking it as the owner moves every figure of the sentence to the wrong entity.
The slot words are data (ingest/data/attribute_slots.toml), in several languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from crosscheck.ingest.entities import Mention
from crosscheck.ingest.lexicon import alternation
from crosscheck.ingest.name_patterns import in_focus

from crosscheck.common import toml_cache

_WINDOW = 48  # characters before a name that the slot (and an article) may take


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(slot right before a name, a comparison or list word right before that slot)."""
    text = (Path(__file__).parent / "data" / "attribute_slots.toml").read_text("utf-8")
    data = toml_cache.loads(text)
    between = alternation(list(data["between"]))
    slot = re.compile(
        rf"(?:{alternation(list(data['slot_before']))})\s*(?:(?:{between})\s+)?$", re.IGNORECASE
    )
    not_after = re.compile(
        rf"(?:{alternation(list(data['not_after']))})\s+(?:\w+\s+)?$", re.IGNORECASE
    )
    return slot, not_after


def in_slot(text: str, mention: Mention) -> bool:
    """Whether the name at `mention` follows a slot word ("developed by", "on my") that no
    comparison or list word ("compared with a", "followed by") makes the other side."""
    slot, not_after = _patterns()
    window = max(0, mention.start - _WINDOW)
    found = slot.search(text, window, mention.start)
    if found is None:
        return False
    return not_after.search(text, window, found.start()) is None


def without_attributes(
    text: str,
    mentions: list[Mention],
    compared: Iterable[str],
    canonical: Callable[[str], str],
) -> list[Mention]:
    """`mentions` less the names in an attribute slot that the page does not compare
    (`compared`: the canonical names of its title, headings and most repeated names). A page
    that compares nothing known keeps every name: there no slot can be told from a subject."""
    own = {canonical(c) for c in compared}
    if not own or not mentions:
        return mentions
    return [m for m in mentions if in_focus(canonical(m.canonical), own) or not in_slot(text, m)]


def without_attribute_names(
    frequent: list[str],
    texts: list[str],
    mentions: Callable[[str], list[Mention]],
    canonical: Callable[[str], str],
) -> list[str]:
    """The page's most repeated names less those it writes mostly in an attribute slot: a
    language every compared editor is "written in", the phone every test ran "on" is no
    subject of the page, however often it stands there."""
    if not frequent:
        return frequent
    total = {canonical(n): 0 for n in frequent}
    slotted = dict.fromkeys(total, 0)
    for text in texts:
        for m in mentions(text):
            if m.canonical in total:
                total[m.canonical] += 1
                slotted[m.canonical] += in_slot(text, m)
    return [
        n
        for n in frequent
        if 2 * slotted[canonical(n)] <= total[canonical(n)] or not total[canonical(n)]
    ]
