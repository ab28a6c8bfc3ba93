"""A model year written before a product's name ("the 2015 ThinkPad X1 Carbon", "the
late-2015 XPS 13") kept with the name as its qualifier.

Why: reviews compare a model with last year's; without the year both generations' figures go
to one entity, and their differences read as conflicts. The year becomes "(2015)" after the
name, which normalize keeps as the entity's qualifier.
"""

from __future__ import annotations

import re

from crosscheck.ingest.entities import Mention

# a determiner or the text's start, maybe early/mid/late, a year, one space: "The 2015 "
_YEAR_BEFORE = re.compile(
    r"(?:^|(?<![\w-])(?:the|a|an|this|that|its|their|our|my|his|her|your|new|older|newer)\s)"
    r"(?:(?P<part>early|mid|late)[- ])?(?P<year>(?:19[89]|20[0-4])\d)\s$",
    re.IGNORECASE,
)
_LOOKBACK = 24  # "the late-2015 " and some slack


def with_model_year(text: str, mention: Mention) -> Mention:
    """`mention` with its model year ("XPS 13 (late 2015)"), or as it is when no year
    heads it (a year after "in", "since", "by" dates the sentence, not the model)."""
    start = mention.start
    if start < 5 or text[start - 1] != " " or not text[start - 2].isdigit():
        return mention
    found = _YEAR_BEFORE.search(text, max(0, start - _LOOKBACK), start)
    if found is None:
        return mention
    part = found.group("part")
    when = f"{part.lower()} {found.group('year')}" if part else found.group("year")
    return Mention(start, mention.end, f"{mention.text} ({when})", mention.canonical)
