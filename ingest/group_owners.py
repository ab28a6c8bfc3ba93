"""A group word as a figure's owner: "all three runtimes deliver ~12,000 RPS", "both frameworks".

Why: a group stands for every compared entity at once, but only as the clause's subject; the
other side of a comparison ("beats both at 2.8 MB", "faster than all three") is no owner, and
the figure stays with the name its clause gave. The comparison words are data: prose.toml's
comparison_markers and verdicts.toml's outranks verbs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from crosscheck.ingest.entities import Mention
from crosscheck.ingest.lexicon import alternation, load_lexicon

from crosscheck.common import toml_cache

__all__ = ["GROUP", "group_owner"]

# "in both real time and user time": a correlative 'both … and', no group of subjects
GROUP = re.compile(
    r"\b(?:all\s+(?:three|four|five|six|\d+)|both(?!(?:\s+[^\W\d][\w-]*){1,4}\s+and\b)|"
    r"all of them|each of them|neither)\b",
    re.IGNORECASE,
)
_VERDICTS = Path(__file__).resolve().parent / "data" / "verdicts.toml"
_WINDOW = 40  # characters before a group that may hold the word making it an object


class _Named(Protocol):
    @property
    def mention(self) -> Mention: ...


@lru_cache(maxsize=1)
def _outranks() -> re.Pattern[str]:
    """'beats', 'outperforms' ... right before a group: the group is their object."""
    words = [str(w) for w in toml_cache.loads(_VERDICTS.read_text("utf-8"))["outranks"]]
    return re.compile(rf"(?:{alternation(words)})\s*$", re.IGNORECASE)


def _is_object(text: str, start: int) -> bool:
    """The group at `start` is the other side of a comparison, not a subject."""
    window = text[max(0, start - _WINDOW) : start]
    return bool(load_lexicon().comparison_marker.search(window) or _outranks().search(window))


def group_owner(
    text: str, span_start: int, span_end: int, clause: tuple[int, int], names: Sequence[_Named]
) -> str | None:
    """The group word owning the figure at span_start..span_end, or None: one before it with no
    name between, or one later in its clause ("ran 50,000 req/s through both …") with no name
    from the clause's start to it; never a group that is a comparison's other side."""
    group = GROUP.search(text, 0, span_start)
    if (
        group
        and not _is_object(text, group.start())
        and not any(group.end() <= n.mention.start < span_start for n in names)
    ):
        return group.group()
    later = GROUP.search(text, span_end, clause[1])
    if (
        later
        and not _is_object(text, later.start())
        and not any(clause[0] <= n.mention.start < later.end() for n in names)
    ):
        return later.group()
    return None
