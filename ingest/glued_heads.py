"""A table header line whose known names a text copy glued together, with no break a word
boundary would show (`SpecificationsPixel 8 ProiPhone 15 Pro`, `FeatureVitewebpackRollup`).

The line is read as an optional label of a few words, then known names that tile the rest
exactly (an optional note in parentheses after the last one); the tiling with the fewest names
wins. Tried only where the usual name finder found no header and the line shows a glue (a
small letter or digit run into a capital, or a small letter into a small letter).
"""

from __future__ import annotations

import functools
import re

from crosscheck.common.gazetteer import Gazetteer

__all__ = ["glued_names", "vs_names"]

_GLUE = re.compile(r"[a-z\d][A-Z]")
_MAKER = re.compile(r"[A-Z][a-z]+|[A-Z]{2,8}")  # a maker's word before a name ("AMD", "Intel")
_MAKER_START = re.compile(r"[A-Z][a-z]*|[A-Z]{1,8}")  # what a maker's word starts as
_NOTE = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_MAX_LINE = 100
_VS = re.compile(r"\s+(?:vs\.?|versus)\s+", re.IGNORECASE)
_TITLE_REST = re.compile(r"\s*(?:[:?|(—–]|\s-\s)")
# a name as a title writes it: one to three words, each opened by a capital or a digit, or a
# small letter before a capital ("iPhone")
_NAME_PART = re.compile(r"(?:[A-Z0-9]|[a-z][A-Z])[\w.+-]*(?: (?:[A-Z0-9]|[a-z][A-Z])[\w.+-]*){0,2}")
_MAX_NAME = 40  # characters of one name as written
_MAX_LABEL_WORDS = 3
_MAX_NAMES = 8
_MIN_GLUED = 3  # characters of a name glued to what comes before it
# column labels glued into one lower-case run before the names, their cells lost with the
# copy's check marks (`actioncachelockfilenode_modulesnpmpnpmYarn`): the run may end anywhere
_LABEL_RUN = re.compile(r"[a-z_]{12,60}")
# a tag after a known name that makes a variant of it a column of its own (`Yarn PnP`,
# `pnpm 🦀`): a short capitalised word or one symbol
_VARIANT_TAG = re.compile(r"[A-Z][A-Za-z]{1,7}|[^\w\s]")


def glued_names(text: str, gazetteer: Gazetteer, page: frozenset[str] = frozenset()) -> list[str]:
    """The known names a glued header line holds after its label, each as written; none
    unless two or more different names tile the line to its end (the shortest label that
    leaves such a tiling wins). `page`: names the page compares in its own "A vs B vs C"
    lines (lower case), known beside the gazetteer's."""
    if len(text) > _MAX_LINE or not (_GLUE.search(text) or _LABEL_RUN.match(text)):
        return []
    line = _NOTE.sub("", text).rstrip()
    for start in _label_ends(line):
        names = _tiling(line, start, gazetteer, page)
        canonical = {_known(w, gazetteer, page) for w in names}
        if 2 <= len(names) <= _MAX_NAMES and len(canonical) == len(names):
            return names
    return []


def _tiling(line: str, start: int, gazetteer: Gazetteer, page: frozenset[str]) -> list[str]:
    """The fewest known names that tile `line` from `start` to its end, as written."""
    n = len(line)
    best: dict[int, list[str]] = {start: []}
    starts = _starts(gazetteer, page)
    for i in range(start, n):
        if i not in best:
            continue
        for j in range(i + 1, min(n, i + _MAX_NAME) + 1):
            written = line[i:j].strip()
            if not _may_grow(written, starts):
                break  # no name starts so: none as written from i to j or further
            if j < n and line[j - 1] == " ":
                continue  # a name ends on a character; the space joins the next one
            if len(written) < _MIN_GLUED and i > 0 and line[i - 1] != " ":
                continue  # a one- or two-letter name ("R", "Go") only where a space opens it
            if not written or not _known(written, gazetteer, page):
                continue
            names = [*best[i], written]
            if j not in best or len(names) < len(best[j]):
                best[j] = names
    return best.get(n, [])


_Starts = tuple[frozenset[str], frozenset[str]]
_STARTS: dict[int, tuple[Gazetteer, frozenset[str]]] = {}


def _starts(gazetteer: Gazetteer, page: frozenset[str]) -> _Starts:
    """Every start (prefix) of the gazetteer's aliases, kept per gazetteer, and of `page`."""
    kept = _STARTS.get(id(gazetteer))
    if kept is None or kept[0] is not gazetteer:
        kept = _STARTS[id(gazetteer)] = (gazetteer, _prefixes(frozenset(gazetteer.by_alias)))
    return kept[1], _prefixes(page)


@functools.lru_cache(maxsize=64)
def _prefixes(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w[:k] for w in words for k in range(1, len(w) + 1))


def _may_grow(written: str, starts: _Starts) -> bool:
    """Whether `written`, or `written` and more after it, may be a name `_known` knows: an
    exact gate (a key only grows as `written` does; other than ASCII, always yes)."""
    if not written or not written.isascii():
        return True
    aliases, page = starts
    if written.lower() in page or " ".join(written.split()).lower() in aliases:
        return True
    maker, space, rest = written.partition(" ")
    if not space:
        return _MAKER_START.fullmatch(written) is not None
    return _MAKER.fullmatch(maker) is not None and " ".join(rest.split()).lower() in aliases


def _label_ends(line: str) -> list[int]:
    """Where the label before the first name may end: at the start, or after a few words
    with no digit where a word or a glue ends (`Specifications|Pixel`, `Feature|Vite`)."""
    ends = [0]
    run = _LABEL_RUN.match(line)
    if run is not None:  # every end inside a glued run of lower-case labels, shortest first
        ends += range(2, run.end() + 1)
    words = 0  # of line[:k], as str.split counts them
    for k in range(1, len(line) - 1):
        before, at, after = line[k - 1], line[k], line[k + 1]
        words += not before.isspace() and (k == 1 or line[k - 2].isspace())
        if before.isdigit() or words > _MAX_LABEL_WORDS:
            break
        glue = before.islower() and (at.isupper() or (at.islower() and after.isupper()))
        if (glue or (before == " " and at != " ")) and k not in ends:
            ends.append(k)
    return sorted(ends)


def vs_names(lines: list[str]) -> frozenset[str]:
    """The names a page's "A vs B vs C" lines compare (`WebP vs AVIF vs JPEG XL: Which…`),
    lower case: each part short and written as a name, the last cut at its title's rest."""
    names: set[str] = set()
    for line in lines:
        parts = _VS.split(line)
        if len(parts) < 2 or len(line) > _MAX_LINE:
            continue
        parts[-1] = _TITLE_REST.split(parts[-1], maxsplit=1)[0]
        parts = [p.strip() for p in parts]
        if all(_NAME_PART.fullmatch(p) for p in parts):
            names |= {p.lower() for p in parts}
    return frozenset(names)


def _variant(written: str, gazetteer: Gazetteer) -> str | None:
    """`Yarn PnP`, `pnpm 🦀`: a known name and a variant tag, a column of its own (the name
    as written, so that it is no second `Yarn`); None for anything else."""
    base, _, tag = written.rpartition(" ")
    if not base or _VARIANT_TAG.fullmatch(tag) is None or gazetteer.canonical(base) is None:
        return None
    return written


def _known(written: str, gazetteer: Gazetteer, page: frozenset[str] = frozenset()) -> str | None:
    """The canonical name of `written`, or of it without a maker's word before it; a known
    name with a variant tag (`Yarn PnP`) is its own name."""
    if written.lower() in page:
        return written.lower()
    found = gazetteer.canonical(written)
    maker, _, rest = written.partition(" ")
    if found is None and rest and _MAKER.fullmatch(maker):
        found = gazetteer.canonical(rest)
    if found is None and rest:
        found = _variant(written, gazetteer)
    return found
