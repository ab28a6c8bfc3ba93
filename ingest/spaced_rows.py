"""Tables that lost their cell borders to single spaces → recovered table blocks.

Why: a stored copy of an HTML table often keeps each row as one line of words and figures
("Hugo 0.08s 0.25s 0.45s 2.1s") under a header line ("SSG 100 pages 500 pages ..."). Each row
is a name followed by the same number of figures; the header gives the corner and one label
per figure column. Without the header, or with rows of different widths, the lines stay prose.
"""

from __future__ import annotations

import functools
import itertools
import re

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.spaced_headers import repeated_labels
from crosscheck.ingest.table_headers import condition_kind, vocabulary

from crosscheck.common.gazetteer import Gazetteer, load_gazetteer

__all__ = ["is_spaced_row", "read_spaced_rows", "spaced_split", "without_notes_column"]

# '0.08s', '35-50ms', '~4', '1,000', '95' (a unit may follow as its own word: '95 MB')
# '.5A(500mA)': a decimal without its leading zero, the same figure in another unit glued
_VALUE = re.compile(
    r"^[~≈<>]?[-+]?(?:\d[\d.,]*|\.\d+)(?:[-–]\d[\d.,]*)?(?:[A-Za-zµμ%/]+)?"
    r"(?:\(\d[\d.,]*[A-Za-zµμ%/]+\))?[¹²³⁴⁵⁶⁷⁸⁹⁰†‡]?$"
    r"|^\d{1,3}:[0-5]\d$"  # '10:20' under 'runtime (hours)': hours and minutes
)
_ALTERNATE = re.compile(r"^\(\d[\d.,]*[A-Za-zµμ%/]+\)$")  # '.9A (900mA)': the figure restated
_BARE = re.compile(r"^[~≈<>]?[-+]?\d[\d.,]*$")
_VERSION = re.compile(r"\d+\.\d+\.\d+")  # 'nginx 1.10.3': a version, no figure
_NAME_LEAD = re.compile(r"^[^\W\d_]")
_NAME_STOPS = frozenset(".,;:!?")
_MAX_NAME_WORDS = 4
_LINKS = frozenset({"at", "with", "in", "on", "of"})  # lower case only: 'Pro', 'Max' stay
_MAX_HEADER_WORDS = 12
_MAX_NAME_HEADER_WORDS = 4  # per column, where the page's known names split the header


@functools.lru_cache(maxsize=16384)
def _split(line: str) -> tuple[str, tuple[str, ...]] | None:
    """(name, figures) of a row line, or None: a name of a few words that starts with a
    letter and holds no bare number, then one figure or more to the end of the line."""
    if "|" in line or "\t" in line:  # cells the copy kept apart: the flattened reader's
        return None
    tokens = line.split()
    units = vocabulary().units
    values: list[str] = []
    j = len(tokens)
    while j > 0:
        token = tokens[j - 1]
        if _VALUE.match(token) and not _VERSION.search(token):
            values.insert(0, token)
            j -= 1
        elif j >= 2 and _joins_before(token, tokens[j - 2], units):
            values.insert(0, f"{tokens[j - 2]} {token}")
            j -= 2
        else:
            break
    name = tokens[:j]
    if len(name) > 1 and name[-1] in _LINKS:  # 'Phone X at 11:00': the copy's stray word
        name = name[:-1]
    if not values or len(name) > 2 * _MAX_NAME_WORDS:  # a sentence ending in a figure: at once
        return None
    words = _outside_parentheses(name)  # a note in parentheses does not lengthen the name
    if not words or len(words) > _MAX_NAME_WORDS:
        return None
    if not _NAME_LEAD.match(name[0]) or any(
        _BARE.match(t) and not _model_number(name, k) and not _VERSION.fullmatch(t)
        for k, t in enumerate(name)
    ):
        return None
    if any(t[-1] in _NAME_STOPS for t in words):
        return None
    return " ".join(name), tuple(values)


_MODEL_NUMBER = re.compile(r"^\d{1,3}$")


def _model_number(name: list[str], k: int) -> bool:
    """'iPhone 15 Pro', 'Dying Light 2': a short whole number after a word is the name's
    model or generation number ('--runs 10' is a flag's value, '1.5' a figure)."""
    return k > 0 and bool(_MODEL_NUMBER.match(name[k])) and bool(_NAME_LEAD.match(name[k - 1]))


def _fit(found: tuple[str, tuple[str, ...]], width: int) -> tuple[str, tuple[str, ...]] | None:
    """A row read with more figures than the table's columns ('iPhone 15 3349 mAh 3279 mAh
    2.1%' among rows of three): the leading extra ones are the name's model number."""
    name, values = found
    extra = len(values) - width
    if extra <= 0:
        return found
    moved = [*name.split(), *values[:extra]]
    if not all(_model_number(moved, k) for k in range(len(moved) - extra, len(moved))):
        return None
    return " ".join(moved), values[extra:]


def _joins_before(token: str, before: str, units: frozenset[str]) -> bool:
    """A unit word after a bare number ('95 MB'), a figure restated in parentheses after a
    figure ('.9A (900mA)'): one cell with the token before it."""
    if _ALTERNATE.match(token):
        return bool(_VALUE.match(before))
    return token.lower() in units and bool(_BARE.match(before))


def _outside_parentheses(words: list[str]) -> list[str]:
    """The words not inside a parenthesised note ('chain (35 gems, deep deps)': 'chain')."""
    out: list[str] = []
    depth = 0
    for word in words:
        if depth == 0 and not word.startswith("("):
            out.append(word)
        depth = max(0, depth + word.count("(") - word.count(")"))
    return out


_MAX_NOTE_WORDS = 8
_MAX_NOTE_LABEL_WORDS = 2


def without_notes_column(header: str) -> str | None:
    """The header without a trailing free-text column's label ('Installation Task pip Poetry
    uv Performance Notes' → '... uv'): its last word a description label ('Notes'), with one
    more capitalised word of it that names nothing known ('Performance')."""
    last = header[header.rfind(" ") + 1 :].lower()  # the cheap test first: most lines fail it
    if last not in vocabulary().description:
        return None
    words = header.split()
    if len(words) < 3:
        return None
    cut = len(words) - 1
    known = load_gazetteer().by_first_word
    while (
        len(words) - cut < _MAX_NOTE_LABEL_WORDS
        and cut > 2
        and words[cut - 1][:1].isupper()
        and words[cut - 1].lower() not in known
    ):
        cut -= 1
    return " ".join(words[:cut])


def _split_noted(line: str) -> tuple[str, tuple[str, ...]] | None:
    """A row with a note after its figures ('Django + deps 23s 8s 2.1s uv wins clearly'): the
    name and figures before the note's words (no digit in them)."""
    tokens = line.split()
    for j in range(len(tokens) - 1, max(0, len(tokens) - 1 - _MAX_NOTE_WORDS), -1):
        if any(ch.isdigit() for ch in tokens[j]):
            return _split(" ".join(tokens[: j + 1]))
    return None


def spaced_split(line: str) -> tuple[str, tuple[str, ...]] | None:
    """(name, figures) of a stripped row line, or None (the row rule of this module)."""
    return _split(line)


def is_spaced_row(line: str) -> bool:
    """Whether a line reads as one row of a space-separated table (a name, then figures)."""
    return _split(line.strip()) is not None


def _labels(header: str, width: int, last_cells: list[str]) -> list[str] | None:
    """[corner, label...] of a header line for `width` figure columns, or None."""
    words = header.split()
    if len(words) < 2 or len(words) > _MAX_HEADER_WORDS or header.rstrip().endswith("."):
        return None
    corner, rest = words[0], words[1:]
    if width == 1:
        return [corner, " ".join(rest)]
    groups: list[list[str]] = []
    for word in rest:  # '100 pages 500 pages': each column label starts with its number
        if word[:1].isdigit() or not groups:
            groups.append([word])
        else:
            groups[-1].append(word)
    if len(groups) == width and all(g[0][:1].isdigit() for g in groups):
        return [corner, *(" ".join(g) for g in groups)]
    if len(rest) == width:
        return [corner, *rest]
    glued = _glue_parentheses(rest)  # 'Stock (median) Patched (median) Speedup'
    if len(glued) == width:
        return [corner, *glued]
    repeated = repeated_labels(rest, width, last_cells)  # 'Size Size Last Year Difference %'
    if repeated and len(set(repeated)) == 1 and repeated[0][:1].islower():
        return None  # 'Pricing fully free fully free': a spec row of two equal words, no header
    return [corner, *repeated] if repeated else None


def _glue_parentheses(words: list[str]) -> list[str]:
    """Words with each parenthesised group joined to the word before it: a column label's
    note ('(median)', '(est.)') is not a column of its own."""
    out: list[str] = []
    depth = 0
    for word in words:
        if out and (depth > 0 or word.startswith("(")):
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
        depth = max(0, depth + word.count("(") - word.count(")"))
    return out


def name_labels(header: str, width: int, gazetteer: Gazetteer | None = None) -> list[str] | None:
    """[corner, name...] of a header whose columns are `width` known names with their variant
    words ('Quarkus JVM Micronaut JVM Spring Boot JVM ...'): each column starts where a known
    name starts; the corner is what comes before the first one (often nothing). None unless
    exactly `width` names start columns."""
    words = header.split()
    if len(words) > _MAX_NAME_HEADER_WORDS * (width + 1):
        return None
    gazetteer = gazetteer or load_gazetteer()
    found: list[tuple[int, str, bool]] = []  # (start, alias, right after another name)
    i = end = 0
    while i < len(words):
        for alias in gazetteer.by_first_word.get(words[i].lower(), ()):
            size = alias.count(" ") + 1
            if " ".join(words[i : i + size]).lower() == alias:
                found.append((i, alias, bool(found) and i == end))
                i = end = i + size
                break
        else:
            i += 1
    starts = [start for start, _, _ in found]
    if len(starts) != width:
        # a name that only ever follows another name is a variant word ('Quarkus JVM')
        lead = {alias for _, alias, after in found if not after}
        starts = [start for start, alias, _ in found if alias in lead]
    if len(starts) != width:
        return None
    bounds = [*starts, len(words)]
    labels = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
    if any(len(label.split()) > _MAX_NAME_HEADER_WORDS for label in labels):
        return None
    return [" ".join(words[: starts[0]]), *labels]


_MAX_NAME_SPAN = 4


def _named_columns(header: str, width: int, known: Gazetteer) -> list[str] | None:
    """'Specification NVIDIA A100 (Ampere) NVIDIA H100 (Hopper)' over rows of two figures:
    a corner word naming the metric axis, then exactly `width` known names (longest first,
    a parenthesis after a name is its own) → [corner, name...]; else None."""
    words = header.split()
    if len(words) < 2 or words[0].lower() not in vocabulary().label_headers:
        return None
    names: list[str] = []
    i = 1
    while i < len(words):
        for n in range(min(_MAX_NAME_SPAN, len(words) - i), 0, -1):
            if known.canonical(" ".join(words[i : i + n])):
                names.append(" ".join(words[i : i + n]))
                i += n
                break
        else:
            if not (words[i].startswith("(") and words[i].endswith(")") and names):
                return None  # a word that is neither a known name nor a name's (Variant)
            i += 1
    return [words[0], *names] if len(names) == width else None


def _cut_row(lines: list[str], at: int, width: int) -> list[str] | None:
    """'Tensor Cores 432 (3r' as the page's last line: a row the stored copy cut, its name
    and the figures before the cut (fewer than `width`), the missing cells empty."""
    if at >= len(lines) or any(line.strip() for line in lines[at + 1 :]):
        return None
    tokens = lines[at].split()
    j = 0
    while j < len(tokens) and not _BARE.match(tokens[j]):
        j += 1
    k = j
    while k < len(tokens) and _VALUE.match(tokens[k]):
        k += 1
    name = " ".join(tokens[:j])
    if not 0 < j <= _MAX_NAME_WORDS or not 0 < k - j < width or not _NAME_LEAD.match(name):
        return None
    return [name, *tokens[j:k], *([""] * (width - (k - j)))]


def read_spaced_rows(
    lines: list[str], start: int, table_index: int, known: Gazetteer | None = None
) -> tuple[Block, int] | None:
    """The table whose header line is `lines[start]` and the index after its last row, or
    None: rows of a name and the same number of figures, two rows at least (three when each
    holds one figure: a spec list 'Apache Bench 2.3', 'nginx 1.10.3' is no table); one row
    is enough under a header that names one known entity per figure column."""
    header = lines[start].strip()
    if not header or "|" in header or "\t" in header or is_spaced_row(header):
        return None
    noted = without_notes_column(header)  # '... uv Performance Notes': words after the figures
    header = noted or header
    rows: list[list[str]] = []
    texts: dict[tuple[str, ...], str] = {}
    # a copy that put every row in a paragraph of its own: one blank line before each row
    gapped = start + 2 < len(lines) and not lines[start + 1].strip()
    run: list[tuple[str, tuple[str, tuple[str, ...]], int]] = []  # (text, split, next line)
    end = start + 1
    while end < len(lines):
        at = end + 1 if gapped else end
        text = lines[at].strip() if at < len(lines) and not (gapped and lines[end].strip()) else ""
        found = _split(text) if text else None
        if found is None and noted and text:
            found = _split_noted(text)
        if found is None:
            break
        run.append((text, found, at + 1))
        end = at + 1
    width = min((len(found[1]) for _, found, _ in run), default=0)
    end = start + 1
    for text, found, after in run:
        fitted = _fit(found, width)
        if fitted is None:
            break
        row = [fitted[0], *fitted[1]]
        rows.append(row)
        texts[tuple(row)] = text
        end = after
    if gapped and width < 2:  # a name and one figure a paragraph: stat cards, not a table
        return None
    known = known or load_gazetteer()
    named = _named_columns(header, width, known) if rows and width > 1 else None
    if named is None and len(rows) < (2 if width > 1 else 3):  # one figure a row: 3 rows
        return None
    if named is None and width >= 2:
        named = name_labels(header, width, known)
    labels = named or _labels(header, width, [r[-1] for r in rows])
    if labels is None:
        return None
    cut = _cut_row(lines, end, width) if named else None
    if cut is not None:  # the page ends inside the next row: its figures so far, in order
        rows.append(cut)
        texts[tuple(cut)] = lines[end].strip()
        end += 1
    block = Block(
        BlockKind.TABLE,
        header=labels,
        rows=rows,
        table_index=table_index,
        origin="flattened",
        # a header of known names holds the entities, a corner naming the rows' conditions
        # ('Scenario', 'Case') says the columns do: the table extractor orients those
        entities_as_rows=named is None and condition_kind(labels[0]) is None,
        cell_separator=" ",
        row_texts=texts,
    )
    return block, end
