"""Names that own a figure by the slot they stand in, though no gazetteer lists them.

Why: on every held-out set most 'found, wrong entity' misses were figures written right after
a product the entity data did not know (a tyre, an e-mail service, an editor named in CJK
prose): the reader passed over that name and gave the figure to a known name further away, to
the sentence before or to the title. A careful reader takes the name in the figure's slot:
"Brand Model (78 Euro)", "(Brand, 41,8 m)", "Service at 7.2 GB", "Brand um 250 Euro",
"- Assistant Name: 94.2 %", "Editor 在…100MB". Such a run of capitalised or model-shaped
words is a product when it is no ordinary word, no common noun of a noun-capitalising page,
and the page writes it again (or it has a model's shape): one slot alone is chance.
The name owns the figures of its slots only (ingest.attribution adds a BoundMention there):
it is never carried to the next sentence, nor found elsewhere on the page. The slot words are
data (ingest/data/bound_names.toml).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from crosscheck.ingest.attribute_slots import in_slot
from crosscheck.ingest.common_nouns import common_noun, page_language
from crosscheck.ingest.contrast_subjects import name_shaped
from crosscheck.ingest.entities import Mention

from crosscheck.common import toml_cache

if TYPE_CHECKING:
    from crosscheck.ingest.entities import EntityFinder

__all__ = ["BoundMention", "bound_mentions", "bound_names"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "bound_names.toml"

# a name's first word: capitalised ('Nokian'), camel ('iRobot'); later words may be codes
# (a word's letters are no CJK characters: one ends the name, "Editor在")
_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"
_IN = rf"(?:(?!{_CJK})[\w+-])"  # inside a word
_END = rf"(?:(?!{_CJK})[\w+])"  # a word's last character
_FIRST = rf"(?:[A-Z](?:{_IN}*{_END})?|[a-z]+[A-Z]{_IN}*)"
_NEXT = rf"(?:[A-Z](?:(?:{_IN}|\.)*{_END})?|[a-z]+[A-Z]{_IN}*|\d(?:(?:{_IN}|\.)*{_END})?)"
_RUN = rf"(?<![A-Za-z0-9_.+-])(?P<name>{_FIRST}(?:[ \t]{_NEXT}){{0,3}})"
_DIGIT = re.compile(r"\d")
_CJK_CHAR = re.compile(_CJK)
_WINDOW = 90  # characters before a slot's tail that a run of four name words fits in
# a run that ends right before a slot's tail (the tail's own spaces or comma excepted)
_RUN_BEFORE = re.compile(rf"{_RUN},?[ \t]*$")
_MAX_WORDS = 4
_MIN_USES = 2


def _alternation(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered) or r"(?!)"


@lru_cache(maxsize=1)
def _data() -> tuple[re.Pattern[str], frozenset[str], frozenset[str], re.Pattern[str]]:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    slots = _alternation([str(w) for w in doc.get("slot_words", [])])
    leads = _alternation([str(w) for w in doc.get("figure_leads", [])])
    figure = rf"(?:(?i:{leads})\s*)?[~≈]?\s?[$€£¥]?\s?\d"
    shapes = [
        rf"{_RUN}[ \t]*\([ \t]*{figure}",  # "Brand Model (78 Euro)"
        rf"\([ \t]*{_RUN}[ \t]*,[ \t]*{figure}",  # "(Brand, 41,8 m)"
        rf"{_RUN},?[ \t]+(?i:{slots})[ \t]+{figure}",  # "Service at 7.2 GB"
        rf"{_RUN}[ \t]*(?={_CJK})[^\n，,。；;！？!?:：]{{0,40}}?\d",  # "Editor 在…100MB"
    ]
    pattern = re.compile(
        "|".join(
            f"(?:{s.replace('?P<name>', '?P<n' + str(i) + '>')})" for i, s in enumerate(shapes)
        )
    )
    leading = frozenset(str(w).lower() for w in doc.get("leading_words", []))
    refused = frozenset(str(w).lower() for w in doc.get("refused_words", []))
    # the cheap test a text passes before the shapes are tried: a slot's tail, or CJK text
    gate = re.compile(
        rf"\([ \t]*{figure}|\([ \t]*[A-Za-z][^()\n]{{0,80}}?,[ \t]*{figure}"
        rf"|[ \t](?i:{slots})[ \t]+{figure}|{_CJK}"
    )
    return pattern, leading, refused, gate


def _slots(text: str) -> Iterator[tuple[str, int]]:
    """Each name-shaped run in a figure's slot, with where it starts. The slots' tails are
    found first (cheap: most texts have none) and the run is read back from each."""
    pattern, _, _, gate = _data()
    if not gate.search(text):
        return
    if _CJK_CHAR.search(text):  # CJK prose: the shapes in full (few pages)
        for match in pattern.finditer(text):
            for key, value in match.groupdict().items():
                if (
                    value is not None
                    and key.startswith("n")
                    and not _after_number(text, match.start(key))
                ):
                    yield value, match.start(key)
        return
    seen: set[int] = set()
    for tail in gate.finditer(text):
        at = tail.start()
        found = pattern.match(text, at) if text[at] == "(" else None
        if found is not None and found.group("n1") is not None:  # "(Brand, 41,8 m)"
            start = found.start("n1")
            if start not in seen and not _after_number(text, start):
                seen.add(start)
                yield found.group("n1"), start
            continue
        window = max(0, at - _WINDOW)
        before = _RUN_BEFORE.search(text, window, at)
        if before is None:
            continue
        start = before.start("name")
        full = pattern.match(text, start)  # the shapes themselves decide, from the run on
        if full is None or start in seen or _after_number(text, start):
            continue
        for key, value in full.groupdict().items():
            if value is not None and key.startswith("n") and full.start(key) == start:
                seen.add(start)
                yield value, start
                break


def _after_number(text: str, start: int) -> bool:
    """Whether a number stands right before `start` ("500 GByte (137 Euro)": a unit)."""
    before = text[:start].rstrip(" \t")
    return bool(before) and before[-1].isdigit()


def _words(run: str, ordinary: Callable[[str], bool]) -> list[str]:
    """The run less its leading articles and ordinary words, and cut at a word ending in a
    period (a sentence's end)."""
    _, leading, _, _ = _data()
    words = run.split()
    while words and (words[0].lower() in leading or ordinary(words[0])):
        words = words[1:]
    out: list[str] = []
    for word in words[:_MAX_WORDS]:
        clean = word.rstrip(".")
        out.append(clean)
        if clean != word:
            break
    return out


class BoundMention(Mention):
    """A name the page binds to the figure after it (see the module docstring): the owner of
    that figure only, no subject of its sentence."""


def bound_mentions(text: str, names: frozenset[str], taken: list[Mention]) -> list[Mention]:
    """The slots of `text` whose name is one of the page's bound `names`, as mentions, where
    no mention in `taken` covers them and no attribute slot ("on", "by") holds the name."""
    if not names or not _DIGIT.search(text):
        return []
    out: list[Mention] = []
    for run, start in _slots(text):
        for name in names:
            at = text.find(name, start, start + len(run))
            if at < 0 or not _whole(text, at, at + len(name)):
                continue
            end = at + len(name)
            if not any(m.start < end and at < m.end for m in [*taken, *out]):
                out.append(BoundMention(at, end, name, name))
    return [m for m in out if not in_slot(text, m)]  # "costs less on macOS ($0.07/min)": a platform


def bound_owner(text: str, figure_at: int, figure_end: int, mentions: list[Mention]) -> str | None:
    """The bound name whose slot holds the figure at [figure_at, figure_end), if any: such a
    name owns that figure and no other (a figure elsewhere in the text is not its)."""
    pattern = _data()[0]
    for m in mentions:
        if type(m) is not BoundMention or m.end > figure_at:
            continue
        found = pattern.match(text, _slot_start(text, m.start))
        if found and figure_at <= found.end() - 1 < figure_end:
            return m.text
    return None


def _slot_start(text: str, start: int) -> int:
    """Where a slot that holds the name at `start` opens: at a "(" before it ("(X, 41 m)")."""
    before = text[:start].rstrip(" \t")
    return len(before) - 1 if before.endswith("(") else start


def _whole(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is whole words (no Latin letter or digit glued on)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def bound_names(
    texts: list[str], ordinary: Callable[[str], bool], finder: EntityFinder
) -> frozenset[str]:
    """The unknown names the page writes in a figure's slot (see the module docstring), in
    page order; names the finder already finds there are left out."""
    candidates: dict[str, int] = {}
    listed: set[str] = set()  # names in a text that binds other names' figures too
    for text in texts:
        if not _DIGIT.search(text):
            continue
        spans: list[tuple[int, int]] | None = None
        slots = list(_slots(text))
        runs = {run for run, _ in slots}
        for run, start in slots:
            words = _words(run, ordinary)
            if not words or not _acceptable(words, ordinary):
                continue
            name = " ".join(words)
            at = text.find(name, start)
            if spans is None:
                spans = [(m.start, m.end) for m in finder.mentions(text)]
            if any(a < at + len(name) and at < b for a, b in spans):
                continue  # a listed name (or a word of one): read anyway
            candidates.setdefault(name, at)
            if len(runs) > 1:
                listed.add(name)
    if not candidates:
        return frozenset()
    joined = "\n".join(texts)
    lang = None
    out: list[str] = []
    for name in candidates:
        uses = _uses(name, texts)
        words = name.split()
        if name not in listed:
            continue  # alone in its slot: a label or a part more often than a product
        if len(uses) < _MIN_USES and len(words) == 1 and not name_shaped(words, ordinary):
            continue  # one plain word once: chance (a listed run of words is a model's name)
        if len(words) == 1 and not name_shaped(words, ordinary):
            lang = lang or [page_language(texts)]
            if common_noun(name, uses, joined, lang[0]):
                continue  # 'im Jahr (250 Spülgänge)' on a German page: a noun, not a product
        if any(n.lower().startswith(name.lower() + " ") for n in finder.page_names):
            continue  # the short form of a longer name the page has
        out.append(name)
    return frozenset(out)


def _acceptable(words: list[str], ordinary: Callable[[str], bool]) -> bool:
    """No ordinary word first or last ('Screen Size', 'Random Read'), no acronym of a concept
    alone ('CPU', 'GPUs')."""
    first = words[0]
    if ordinary(first) or not first[:1].isalpha() or first.lower() in _data()[2]:
        return False
    if len(words) > 1 and ordinary(words[-1]):
        return False
    if len(words) == 1 and first.isupper() and len(first) <= 4 and not _DIGIT.search(first):
        return False
    return not (len(words) == 1 and re.fullmatch(r"[A-Z]{2,5}s", first))


def _uses(name: str, texts: list[str]) -> list[tuple[str, int, int, bool]]:
    """Where the page writes `name` as a word run: (text, start, end, not a sentence's first
    word), the shape ingest.common_nouns reads."""
    pattern = re.compile(rf"(?<![A-Za-z0-9_.+-]){re.escape(name)}(?![A-Za-z0-9_+-])")
    out = []
    for text in texts:
        for m in pattern.finditer(text):
            before = text[: m.start()].rstrip()
            out.append((text, m.start(), m.end(), bool(before) and before[-1] not in ".!?:\n"))
    return out
