"""A name in a sentence's fronted phrase ("For AWS Lambda, ...", "For building this large C++
program, gcc 4.2.1 is ...") sets the scene: the figures after the comma are the next name's.

Why: a reader takes the subject after an opening prepositional phrase, never the phrase's object.
"""

from __future__ import annotations

import re

from crosscheck.ingest.entities import Mention
from crosscheck.ingest.lexicon import Lexicon

# the words after the phrase's name, up to its comma ("program", "web apps")
_PHRASE_END = re.compile(r"^(?:\s+[^\W\d]+){0,3}\s*$")
_DIGIT = re.compile(r"\d")


def is_setting(text: str, first: Mention, then: Mention, lex: Lexicon) -> bool:
    """Whether the sentence's first name sets the scene ("For AWS Lambda, this translates to
    Bun averaging 156ms", "For building a large C++ program, gcc is"): it is in an opening
    "For"/"On"/"In" phrase that a comma closes, another name comes after it before any figure."""
    if not lex.setting_lead.match(text, 0, first.start):
        return False
    head, comma, _ = text[first.end : then.start].partition(",")
    return (
        bool(comma)
        and _PHRASE_END.match(head) is not None
        and not _DIGIT.search(text, first.end, then.start)
    )
