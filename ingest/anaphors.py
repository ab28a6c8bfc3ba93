"""'The former' and 'the latter': the first or the second of the two names a sentence before gave.

Why: review prose names two products once ("the RTX 4090 keeps a lead over the RTX 4080") and
then speaks of them by position ("we see the former average 121.6 FPS"); a figure there is
the former's, whichever name its own sentence writes (often the other one, after "than").
The words are data (prose.toml former_words / latter_words).
"""

from __future__ import annotations

import re
from functools import lru_cache

from crosscheck.ingest.attribution import Named, ProseState, paren_close
from crosscheck.ingest.entities import PhraseMention
from crosscheck.ingest.lexicon import word_list

__all__ = ["note_pair", "with_anaphors"]

_OBJECT_OF = re.compile(r"\b(?:of|over|to)\s+(?:the\s+)?$", re.IGNORECASE)  # as attribution's


@lru_cache(maxsize=1)
def _anaphor() -> re.Pattern[str]:
    """The former/latter words, longest first, on word boundaries, any case."""

    def alternation(key: str) -> str:
        words = sorted(word_list(key), key=len, reverse=True)
        return "|".join(re.escape(w) for w in words) or r"(?!)"

    former, latter = alternation("former_words"), alternation("latter_words")
    return re.compile(rf"(?<![\w])(?:(?P<former>{former})|(?P<latter>{latter}))(?![\w])", re.I)


def with_anaphors(text: str, names: list[Named], state: ProseState) -> list[Named]:
    """`names` with "the former"/"the latter" as mentions of the pair named last (a new list;
    `names` itself is the sentence's memo and is never changed)."""
    pair = state.last_pair
    if pair is None:
        return names
    found = list(_anaphor().finditer(text))
    if not found:
        return names
    extra: list[Named] = []
    for match in found:
        start, end = match.start(), match.end()
        if any(n.mention.start <= start < n.mention.end for n in names):
            continue
        target = pair[0] if match.group("former") else pair[1]
        window = text[max(0, start - 40) : start]
        extra.append(
            Named(
                PhraseMention(start, end, text[start:end], target),
                bool(state.lex.comparison_marker.search(window)),
                paren_close(text, start),
                bool(_OBJECT_OF.search(window)),
            )
        )
    return sorted([*names, *extra], key=lambda n: n.mention.start) if extra else names


def note_pair(written: list[str], state: ProseState) -> None:
    """Remember the first two different names of a sentence naming two or more: the pair a
    later "the former"/"the latter" speaks of (a sentence naming one keeps the pair)."""
    first = written[0] if written else None
    second = next((w for w in written if w != first), None)
    if first is not None and second is not None:
        state.last_pair = (first, second)
