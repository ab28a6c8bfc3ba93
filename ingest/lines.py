"""One record per text line, shared by the readers of a page's free text.

Why: each line of a page is examined by several readers (extract_claims' section and card
tests, the free-text reader's heading, lead-in, code, digit and verdict tests, the page's
section names), each stripping, counting and matching the same text again; the record holds
what depends on the text alone, computed once, and a process keeps it per text (pages repeat
their lines: templates, Pros/Cons items, FAQ answers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.ingest.blocks import strip_trophy
from crosscheck.ingest.lexicon import Lexicon, load_lexicon
from crosscheck.ingest.text_memo import entry
from crosscheck.ingest.verdicts import has_verdict_word

__all__ = ["SECTION", "LineRecord", "is_code_line", "is_heading_like", "line_record"]

# A section heading the extractor follows ("Pros", "Key differences", "FAQ").
SECTION = re.compile(
    r"^(key differences|pros\s*(?:&|and)\s*cons|pros|cons|frequently asked questions|faq|"
    r"full comparison|key facts|related|resources)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class LineRecord:
    """What the readers ask of one text (a line's or a list item's), each answer computed once."""

    text: str
    plain: str  # without a trailing winner mark or spaces (strip_trophy), as lines are read
    section: bool  # opens with a section heading's words (SECTION)
    heading_like: bool  # is_heading_like
    has_digit: bool
    pipes: int  # how many "|" it holds
    verdict: bool  # has_verdict_word
    code: bool  # a digit and is_code_line: an unfenced command whose numbers are settings
    lead_metric: str | None  # list_lead_metric with the packaged lexicon


def line_record(text: str) -> LineRecord:
    """The record of `text` (kept per text in ingest.text_memo, with the line's shape
    features: the answers depend on nothing else)."""
    kept = entry(text)
    record = kept.record
    if record is None:
        record = kept.record = _record(text)
    return record


def _record(text: str) -> LineRecord:
    has_digit = _DIGIT.search(text) is not None
    return LineRecord(
        text=text,
        plain=strip_trophy(text)[0],
        section=SECTION.match(text) is not None,
        heading_like=is_heading_like(text),
        has_digit=has_digit,
        pipes=text.count("|"),
        verdict=has_verdict_word(text),
        code=has_digit and is_code_line(text),
        lead_metric=list_lead_metric(text, load_lexicon()),
    )


def list_lead_metric(text: str, lex: Lexicon) -> str | None:
    """The metric a line ending in ':' announces for the list below it: the last metric
    phrase it names outside parentheses ("... ~60k requests per second, ... comparable:")."""
    stripped = text.rstrip(" *_")
    if not stripped.endswith((":", "：")):
        return None
    plain = re.sub(r"\([^()]*\)", " ", stripped)  # "(impressive for two cores!)": an aside
    found = list(lex.metric.finditer(plain))
    return found[-1].group().strip() if found else None


_CODE_LINE = re.compile(
    r"^\s*(?:--?[A-Za-z][\w-]*(?:\s|=|$)|\$\s|>\s|\./|(?:npx|npm|pnpm|yarn|docker|curl|wget|wrk|"
    r"oha|k6|ab|hey|memtier_benchmark|redis-benchmark|go|cargo|pip|python3?|node|bun|deno)\s+"
    r"[\w./-]+.*(?:\s--?[A-Za-z]|\s#\s))|^\s*(?://|#!|import\s|const\s|let\s|var\s|def\s)"
)


_FLAGS = re.compile(r"(?:^|\s)--?[A-Za-z][\w-]*[\s=]\S")  # "-c 50", "--threads=4"
# The closing dash of an aside ("... con 16GB de RAM- con ..."): its opening dash is no flag.
_ASIDE_CLOSE = re.compile(r"\w-\s")


def is_code_line(text: str) -> bool:
    """A shell command, a flag line or a code comment that text snapshots leave unfenced."""
    if " // " in text or "/*" in text or text.rstrip().endswith(("{", "};", "});")):
        return True
    if _CODE_LINE.match(text):
        return True
    if "-" not in text:
        return False
    flags = len(_FLAGS.findall(text))
    return flags >= 2 and flags - len(_ASIDE_CLOSE.findall(text)) >= 2


def is_heading_like(text: str) -> bool:
    """A short line without sentence punctuation: a heading in a text snapshot."""
    stripped = text.strip()
    if not stripped or len(stripped) > 80 or "|" in stripped:
        return False
    if len(stripped.split()) > 10 or stripped[-1] in ".,;":
        return False
    return stripped[0].isupper() or stripped[0].isdigit() or stripped.startswith(("*", "#"))
