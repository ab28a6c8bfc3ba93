"""The intermediate form both front ends produce: a page as a stream of blocks.

The text/markdown parser and the HTML parser differ only in how they find these blocks; one
extractor (:mod:`ingest.extract`) turns blocks into claims, so every site shape is handled once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block is on the page."""

    LINE = "line"  # a paragraph, a heading-like line, a card part
    LIST_ITEM = "list_item"
    TABLE = "table"
    COLLAPSED = "collapsed"  # a "Show N more attributes" row flattened into one line


@dataclass
class Block:
    """One block of a page; `rows` for tables, `text` otherwise."""

    kind: BlockKind
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    header: list[str] | None = None
    is_heading: bool = False
    heading_level: int = 0  # 1-6 for a markdown or HTML heading whose level is written (else 0)
    expected_items: int | None = None  # the N of "Show N more attributes"
    table_index: int = 0  # for collapsed rows: the table they belong to
    attribute_rows: bool = False  # a table recovered from repeated div blocks, not a <table>
    # Tables recovered from code blocks, flattened text and bar charts (ingest.textblocks):
    origin: str = ""  # "code block", "flattened", "bar chart" ("" for a markdown/HTML table)
    caption: str | None = None  # the line that names what a recovered table measures
    caption_entity: bool = False  # every cell speaks of the caption's entity (rows = conditions)
    entities_as_rows: bool = False  # the first column names one entity per row (leaderboard)
    metric_rows: bool = False  # with caption_entity: rows are metrics, columns statistics
    row_conditions: list[str] | None = None  # with entities_as_rows: each row's own condition
    # with caption_entity: what each row names when neither the caption nor the page names an
    # entity (a bare `go test -bench` block: BenchmarkSHA256-4 → SHA256 under GOMAXPROCS=4)
    row_entities: list[tuple[str, str | None]] | None = None
    conditions: str | None = None  # conditions shared by every cell ("GOMAXPROCS=4")
    markup: bool = False  # table cells still hold markdown/inline HTML markup (text pages)
    header_groups: list[str] | None = None  # a header row above `header` (colspan groups)
    # how the page itself separates a row's cells, so a row's evidence quotes the page
    # (a table whose cells stand one per line joins them with a line break)
    cell_separator: str = " | "
    # a row's line as the page wrote it, where the cells were taken out of it (benchmark output)
    row_texts: dict[tuple[str, ...], str] = field(default_factory=dict)


def row_evidence(block: Block, row: list[str]) -> str:
    """A table row's evidence: the page's own line when known, else its cells joined the way
    the page separates them."""
    return block.row_texts.get(tuple(row)) or block.cell_separator.join(row)


_VS_TITLE = re.compile(r"^\s*(.+?)\s+(?:vs\.?|versus)\s+(.+?)\s*$", re.IGNORECASE)
_TITLE_SUFFIX = re.compile(r"\s*[:|–—-]\s.*$")
_ABOUT = re.compile(r"^About\s+(\S.{0,40})$")
_GRADE = re.compile(r"^[A-F][+-]$")
EMPTY_VALUES = frozenset({"", "—", "–", "-", "β", "n/a", "N/A", "NA", "?", "none listed"})
TROPHY_MARKS = ("🏆", "π")


def entities_from_title(title: str) -> list[str]:
    """'Flask vs FastAPI' → ['Flask', 'FastAPI']; a site suffix after ':' is dropped."""
    match = _VS_TITLE.match(title)
    if not match:
        return []
    left, right = match.group(1).strip(), _TITLE_SUFFIX.sub("", match.group(2)).strip()
    return [e for e in (left, right) if e]


def may_name_single(line: str) -> bool:
    """Whether `guess_single_entity` could take this line: an 'About X' line or a short one
    opening in a capital (a cheap gate before the costlier tests its caller adds)."""
    text = line.strip()
    if not text[:1].isupper() or _GRADE.match(text):
        return False  # "A+", "B-": a rating card's letter grade names nothing
    return text.startswith("About") or (len(text) > 1 and len(text.split()) <= 3)


_FIELD_LINE = re.compile(r"^[^:]{1,30}:\s+\S")


def guess_single_entity(lines: list[str], skip: Callable[[str], bool] | None = None) -> list[str]:
    """For a page about one product: 'About X', else the first short line that repeats.
    `skip` (a status or section line) is asked only of the lines that could count."""
    lines = [t for t in lines if may_name_single(t) and not (skip and skip(t))]
    for line in lines:
        about = _ABOUT.match(line.strip())
        if about:
            return [about.group(1).strip()]
    counts: dict[str, int] = {}
    for line in lines:
        text = line.strip()
        if 1 <= len(text.split()) <= 3 and len(text) > 1 and text[0].isupper():
            if _FIELD_LINE.match(text):
                continue  # "Urteil: „gut“" under each model: a field and its value, no name
            counts[text] = counts.get(text, 0) + 1
    repeated = [t for t, n in counts.items() if n >= 2]
    return repeated[:1]


def strip_trophy(text: str) -> tuple[str, bool]:
    """Split a winner mark (🏆, or its mojibake 'π') off the end of a card value."""
    stripped = text.rstrip()
    for mark in TROPHY_MARKS:
        if stripped.endswith(mark) and (mark != "π" or len(stripped) > 1):
            return stripped[: -len(mark)].rstrip(), True
    return stripped, False


def is_empty_value(text: str) -> bool:
    """Em dash, '-', the mojibake 'β' and empty cells mean 'no value' (not a claim)."""
    return text.strip() in EMPTY_VALUES


_GLUED_UNIT = re.compile(r"^(?P<label>.*?[^\s(])\((?P<unit>[^()]{1,40})\)\s*$")


def split_label_unit(header: str) -> tuple[str, str | None]:
    """'Startup Time(milliseconds)' → ('Startup Time', 'milliseconds'); spaced parens stay."""
    text = " ".join(header.split())
    match = _GLUED_UNIT.match(text)
    if not match:
        return text, None
    return match.group("label").strip(), match.group("unit").strip()


def output_table(
    header: list[str],
    rows: list[list[str]],
    caption: str | None,
    conditions: list[str] | None = None,
    texts: dict[tuple[str, ...], str] | None = None,
) -> Block:
    """The table a tool's output in a code block gives: one named run per row (its entity),
    each row's own condition and the output line it was read from."""
    return Block(
        BlockKind.TABLE,
        header=header,
        rows=rows,
        origin="code block",
        caption=caption,
        entities_as_rows=True,
        row_conditions=conditions,
        row_texts=texts or {},
    )
