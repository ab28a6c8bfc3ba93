"""Set-up lists: a benchmark's set-up written as list items or labelled lines.

Why: result cards list their set-up as items ("Benchmark setup", "- Dataset", "- 15.75M rows,
225 MB", "- Setup", "- 16 GB RAM, 500 GB SSD", "- Cost", "- 20,000 tokens, $0.08") or as a
"Test machine: 64 GB RAM" line; those numbers are conditions, never a compared product's.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from crosscheck.common import toml_cache

DATA_FILE = Path(__file__).resolve().parent / "data" / "setup_lists.toml"
_DIGIT = re.compile(r"\d")
_MAX_LABEL_WORDS = 4
_MAX_TITLE_CHARS = 48  # a set-up title line is short
_MAX_LEAD_CHARS = 40  # where the colon of a "Test machine:" lead stands


@dataclass(frozen=True)
class _Patterns:
    title: re.Pattern[str]
    label: re.Pattern[str]
    lead: re.Pattern[str]
    titles: frozenset[str] | None  # lower case, when all ASCII: `title` as a set look-up


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _patterns() -> _Patterns:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    return _Patterns(
        title=re.compile(rf"(?:the |our )?(?:{_alternation(doc['titles'])})", re.IGNORECASE),
        label=re.compile(rf"(?:[\w-]+ ){{0,2}}(?:{_alternation(doc['labels'])})", re.IGNORECASE),
        lead=re.compile(rf"^\W*(?:{_alternation(doc['leads'])})\s*[:：]\s*\S", re.IGNORECASE),
        titles=(
            frozenset(t.lower() for t in doc["titles"])
            if all(t.isascii() for t in doc["titles"])
            else None
        ),
    )


def _is_title(text: str) -> bool:
    """A set-up title line ("Benchmark setup", "**Our test rig:**"). Why: asked of every short
    line; an ASCII one is looked up (the pattern's literals lower-cased), others matched."""
    clean, titles = _clean(text), _patterns().titles
    if titles is None or not clean.isascii():
        return _patterns().title.fullmatch(clean) is not None
    low = clean.lower()
    return low in titles or (low[:4] in ("the ", "our ") and low[4:] in titles)


def _clean(text: str) -> str:
    return text.strip(" *_#:-–—\t")


def _bare_label(text: str) -> str | None:
    """A list item that is only a label ("Dataset", "**Review cost:**"): short, no digit."""
    clean = _clean(text)
    if not clean or _DIGIT.search(clean) or clean.endswith(".") or "," in clean:
        return None
    return clean if len(clean.split()) <= _MAX_LABEL_WORDS else None


def is_setup_lead(text: str) -> bool:
    """'Test machine: 64 GB RAM, Ryzen 9': a labelled set-up line or item (a cheap gate: no
    digit, no set-up)."""
    colon = text.find(":", 0, _MAX_LEAD_CHARS)
    if colon < 0 and text.find("：", 0, _MAX_LEAD_CHARS) < 0:
        return False
    return _DIGIT.search(text) is not None and _patterns().lead.match(text) is not None


@dataclass
class SetupList:
    """Which list items are set-up, from the lines and items read before them in page order."""

    after_title: bool = False  # a "Benchmark setup" line above: its list is the set-up
    under_label: bool = False  # a bare "Dataset" item above: the items up to the next label

    def line(self, text: str, heading: bool) -> None:
        """A line that is no list item: a set-up title opens a set-up list; a real heading, a
        sentence or a line with numbers ends one (digitless card subtitles do not)."""
        self.under_label = False
        if len(text) <= _MAX_TITLE_CHARS and _is_title(text):
            self.after_title = True
        elif self.after_title and (heading or text.rstrip().endswith(".") or _DIGIT.search(text)):
            self.after_title = False

    def item(self, text: str) -> bool:
        """Whether this list item belongs to the set-up (its numbers are no figures)."""
        label = _bare_label(text)
        if label is not None:
            self.under_label = _patterns().label.fullmatch(label) is not None
            return False  # a label has no figure: read as before
        return self.after_title or self.under_label or is_setup_lead(text)


# A set-up sentence before a figure ("the tests ran on a laptop with an i7, 32GB of RAM and a
# 1TB SSD", "a synthetic dataset of 12 columns (about 1.5 GB)"): its sizes, clocks and cores
# are the test bed's. Only such quantities: a time or a rate after it is still a result.
_RAN_ON = re.compile(
    r"\b(?:ran|run|running|executed|performed|conducted|measured|tested|benchmarked|done|"
    r"carried out)\s+(?:on|using)\b[^.;!?]{0,100}$",
    re.IGNORECASE,
)
_DATASET = re.compile(r"\b(?:datasets?|data sets?|fixture)\b[^.;!?]{0,80}$", re.IGNORECASE)
_SENTENCE_START = re.compile(r".*(?:[.!?]\s|^)", re.DOTALL)
_TEST_BED_QUANTITY = re.compile(
    r"\d\s*(?:[KMGTP]i?B|[KMGT]b|GHz|MHz|cores?|threads?|v?CPUs?|rows|columns)$", re.IGNORECASE
)


def in_setup_sentence(raw: str, before: str, entity_ends: set[int], offset: int) -> bool:
    """Whether a size, clock or core count follows set-up words of its sentence: "ran on"
    after a subject that names no product ("The tests ran on ..."; hardware named after it is
    the test bed), or a dataset with no product named between it and the figure (`offset`:
    where `before` starts in the text)."""
    if not _TEST_BED_QUANTITY.search(raw):
        return False
    ran = _RAN_ON.search(before)
    if ran is not None:
        start = _SENTENCE_START.match(before, 0, ran.start())
        lo = offset + (start.end() if start else 0)
        return not any(lo < end <= offset + ran.start() for end in entity_ends)
    data = _DATASET.search(before)
    return data is not None and not any(
        offset + data.start() < end <= offset + len(before) for end in entity_ends
    )
