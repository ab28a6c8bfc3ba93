"""What the table extractors share: the page context around a table, the column mapping
kept for collapsed rows, and one way to turn a cell into claims."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.lines import is_heading_like
from crosscheck.ingest.table_cells import CellKind, Piece, cell_kind, clean_cell, split_figures
from crosscheck.ingest.table_headers import (
    is_metric_like,
    is_section_word,
    is_unit,
    split_header,
    vocabulary,
)

from crosscheck.contracts import LocationKind

if TYPE_CHECKING:
    from crosscheck.ingest.extract import ClaimCollector

_ENDS = (".", "!", "?")
_STATED_UNIT = re.compile(
    r"\b(?:measured|given|shown|expressed|reported|listed|are|is)\s+in\s+(?:units of\s+)?"
    r"(?P<unit>[A-Za-zµμ/%]+)\b"
)
SKIPPED = (CellKind.EMPTY, CellKind.DATE, CellKind.VERSION, CellKind.PROSE)
_FIGURE = re.compile(r"^[-+~≈<>$]?\s?\d")
_EMPTY_CELLS = frozenset({"-", "–", "—", "n/a", "N/A"})


def _names_a_measure(text: str) -> bool:
    """'Average Latency', 'Memory usage': a few words naming a metric, no section title
    ('Results', 'Performance overview')."""
    return len(text.split()) <= 4 and is_metric_like(text) and not _is_section_title(text)


def _is_section_title(text: str) -> bool:
    return any(w in vocabulary().sections for w in re.findall(r"[\w-]+", text.lower()))


@dataclass
class Columns:
    """How the columns of a table map to entities and the Diff column (for collapsed rows)."""

    entities: dict[int, str]
    diff: int | None
    skipped: frozenset[int] = frozenset()  # description columns: free text, no claims


@dataclass(frozen=True)
class KnownNames:
    """Names the page or the gazetteer knows; `text in known` ignores case and spacing.
    `lookup` lets entity discovery answer for names the page does not list."""

    names: frozenset[str] = frozenset()
    lookup: Callable[[str], bool] | None = None

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str) or not text.strip():
            return False
        clean = " ".join(text.split())
        return clean.lower() in self.names or (self.lookup is not None and self.lookup(clean))


@dataclass
class TableContext:
    """What the page says around a table: its entities, heading and lead-in line."""

    entities: list[str]
    heading: str = ""
    # the headings above `heading` by level ('## Results: MySQL 8' over '### Test 1'): a
    # table whose heading came before under another parent is told apart by its own parent
    outer: dict[int, str] = field(default_factory=dict)
    parent: str = ""
    parents_seen: dict[str, set[str]] = field(default_factory=dict)  # heading → its parents
    parent_shown: str = ""  # the parent that tells this table apart ('' when none need)
    names: KnownNames = field(default_factory=KnownNames)
    title: str = ""  # the page's title heading names the page, not a table's conditions
    repeated: frozenset[tuple[str, ...]] = frozenset()  # headers of two or more tables
    repeated_here: bool = False
    ordinal: str = ""
    contexts_seen: set[tuple[object, ...]] = field(default_factory=set)
    heading_link: bool = False
    stated_unit: str | None = None  # 'times are measured in seconds' just before the table
    heading_adjacent: bool = False  # nothing but the heading between it and the table
    # the block a lead-in would be read from: read only when a table asks (one block in
    # dozens is followed by a table), so most lines cost no cleaning
    lead_raw: str = ""
    lead_from_list: bool = False
    page_subject: str | None = None  # the page's one subject (title or most named)
    # the one product a page names (ingest.page_subject.page_product), asked only by a spec
    # table (ingest.spec_tables): most pages have none, and finding it reads every line
    page_product: Callable[[], str | None] | None = None

    @property
    def lead_in(self) -> str:
        """The lead-in line just before a table ('Build metrics:', 'Feature Matrix'), cleaned."""
        if not self.lead_raw:
            return ""
        text = " ".join(self.lead_raw.split())
        if self.lead_from_list or (len(text) <= 60 and not text.endswith(_ENDS)):
            return clean_cell(text)  # '[Json](json)' → 'Json'
        return ""

    def note(self, block: Block) -> None:
        """Follow the page: headings persist until the next one; a lead-in is the line just
        before a table (short, no sentence end: 'Build metrics:', 'Feature Matrix'), or a
        list item ending in a colon."""
        if block.kind is BlockKind.TABLE:
            return
        self.heading_adjacent = block.is_heading
        raw = block.text
        if block.kind is BlockKind.LIST_ITEM:  # '1. SETs (--ratio 1:0):' introduces a table
            short = len(raw) <= 80 and raw.rstrip().endswith(":")
            self.lead_raw, self.lead_from_list = (raw if short else ""), True
            return
        self.lead_raw, self.lead_from_list = "", False
        if block.kind is not BlockKind.LINE:
            return
        if " in " in raw and len(raw) <= 400:
            stated = _STATED_UNIT.search(raw)
            if stated and is_unit(stated.group("unit")):
                self.stated_unit = stated.group("unit")
        if len(raw) > 200:
            return
        if block.is_heading or self._subject_line(raw):
            text = " ".join(raw.split())
            heading = clean_cell(text)[:80]
            is_title = heading == " ".join(self.title.split())[:80]
            self.heading = "" if is_title else heading
            self._nest(block.heading_level, self.heading)
            self.heading_link = text.startswith("[") and "](" in text  # '### [Abc](#abc)'
            self.stated_unit = None
            if not block.is_heading:
                self.lead_raw = raw  # a plain subject line may also lead a table in
        else:
            self.lead_raw = raw  # cleaned by `lead_in` when a table follows

    def _subject_line(self, raw: str) -> bool:
        """A plain line of a stored copy that was a heading ('Ollama Performance', 'vLLM
        Results' between paragraphs): a short name, capitalized or known, before section-title
        words, and no sentence end."""
        words = raw.split()
        # no section word last: _name_before_section_words finds no name (most lines end here)
        if not words or words[-1].lower().strip(":") not in vocabulary().sections:
            return False
        text = " ".join(words)
        if len(text) > 60 or text.endswith((*_ENDS, ",", ";", ":")) or "|" in text:
            return False
        name = _name_before_section_words(text)
        return bool(name) and (is_heading_like(text) or name in self.names)

    def _nest(self, level: int, heading: str) -> None:
        """Keep the headings above the current one: a heading of level L closes those of level
        L and deeper; `parent` is the nearest one above (none for an unlevelled heading)."""
        if level <= 0:
            self.parent = ""
            return
        self.outer = {k: v for k, v in self.outer.items() if k < level}
        above = [self.outer[k] for k in sorted(self.outer) if self.outer[k]]
        self.parent = above[-1] if above else ""
        self.outer[level] = heading

    def after_table(self) -> None:
        self.lead_raw, self.stated_unit, self.heading_adjacent = "", None, False

    def measure(self, labels: list[str], values: list[str]) -> str | None:
        """The heading or lead-in right above a table ('#### Requests/sec', 'Latency (ms):',
        'Average Latency') when it names a measure (with its unit, or in a few words that are
        no section title) and the table's own labels name none ('plaintext', 'json') while
        its cells are mostly figures: then it is the table's metric and unit, the labels
        conditions."""
        lead = self.lead_in.rstrip(":").strip()
        text = lead or (self.heading if self.heading_adjacent else "")
        if not text or not (split_header(text)[1] is not None or _names_a_measure(text)):
            return None
        named = [label for label in labels if label.strip()]
        if not named or any(is_metric_like(label) for label in named):
            return None
        filled = [v for v in values if v.strip() and v.strip() not in _EMPTY_CELLS]
        figures = sum(1 for v in filled if _FIGURE.match(v.strip()))
        return text if filled and figures * 2 >= len(filled) else None

    @property
    def setup_lead(self) -> str:
        """The set-up line just above a table ('Benchmarked on RTX 4090 24 GB, 70B Q4, single
        request:'), opened by a set-up word and ending with a colon; '' when there is none."""
        text = " ".join(self.lead_raw.split()) if not self.lead_from_list else ""
        if not text.endswith(":") or len(text) > 200:
            return ""
        lowered = text.lower()
        return (
            text.rstrip(":").strip()
            if any(lowered.startswith(w) for w in vocabulary().setup_leads)
            else ""
        )

    def conditions(self, measure: str | None = None) -> list[str]:
        """The heading and lead-in, when they tell this table from another with the same
        header on the page ('react-1k' / 'react-5k'); a lone table's heading is a section
        title, and making it a condition would hide real conflicts with the rest of the page.
        The text that is the table's `measure` is its label, no condition. A set-up line
        over the table (`setup_lead`) is its conditions, lone or not: it says so itself."""
        setup = self.setup_lead
        if not self.repeated_here:
            return [setup] if setup and setup != measure else []
        if setup:
            parts = (self.parent_shown, self.heading, setup, self.ordinal)
            return [c for c in parts if c and c != measure]
        lead = self.lead_in.rstrip(":").strip()
        lead_part = lead if lead != self.heading else ""
        parts = (self.parent_shown, self.heading, lead_part, self.ordinal)
        return [c for c in parts if c and c != measure]

    def enter(self, block: Block) -> None:
        signature = header_signature(block)
        self.repeated_here = signature in self.repeated
        # A second table with the same header under the same heading and lead-in ('1. SETs:'
        # for two instance sizes) was measured otherwise: its number tells it apart.
        parents = self.parents_seen.setdefault(self.heading, set())
        self.parent_shown = self.parent if parents and self.parent not in parents else ""
        parents.add(self.parent)
        seen = (signature, self.heading, self.lead_in)
        self.ordinal = f"table {block.table_index}" if seen in self.contexts_seen else ""
        self.contexts_seen.add(seen)

    def subject(self) -> str:
        """Whom a table without names speaks of: a heading that is a known name or a link
        ('### [Abc](#abc)'), else the page's only entity, else a short heading that is not a
        section title or a metric ('Results', 'Growth', 'Latency')."""
        heading = self.heading
        named = _name_before_section_words(heading)
        if named and named in self.names:
            return named  # 'vLLM Performance': the known name, not its section title
        if heading and (heading in self.names or self.heading_link):
            return heading
        if len(self.entities) == 1:
            return self.entities[0]
        if heading and len(heading.split()) <= 3 and not is_section_word(heading):
            return heading  # '### Basalt': a short heading that is no section title
        return _name_before_section_words(heading)

    def label(self) -> str:
        """A metric label for tables that name none: the lead-in line, else the heading."""
        return self.lead_in.rstrip(":").strip() or self.heading or "value"


def _name_before_section_words(heading: str) -> str:
    """'Ollama Performance', 'vLLM Results': a short name followed by section-title words
    names whom the section's tables speak of; '' when nothing but section words is left."""
    words = heading.split()
    sections = vocabulary().sections
    while words and words[-1].lower().strip(":") in sections:
        words.pop()
    name = " ".join(words)
    if not name or len(words) > 3 or len(words) == len(heading.split()):
        return ""
    return "" if is_section_word(name) or not name[0].isalnum() else name


def header_signature(block: Block) -> tuple[str, ...]:
    header = block.header or (block.rows[0] if block.rows else [])
    return tuple(" ".join(h.lower().split()) for h in header)


def repeated_headers(blocks: list[Block]) -> frozenset[tuple[str, ...]]:
    """Header signatures shared by two or more tables of the page."""
    seen: dict[tuple[str, ...], int] = {}
    for block in blocks:
        if block.kind is BlockKind.TABLE:
            key = header_signature(block)
            seen[key] = seen.get(key, 0) + 1
    return frozenset(k for k, n in seen.items() if n >= 2 and any(k))


def column_names(header: list[str]) -> list[str]:
    """Header texts for locators; a repeated or empty header gets its column number."""
    names = []
    for col, head in enumerate(header):
        text = " ".join(head.split())
        repeated = sum(1 for h in header if " ".join(h.split()) == text) > 1
        names.append(f"{text} (#{col + 1})" if repeated or not text else text)
    return names


def join_conditions(parts: Sequence[str | None]) -> str | None:
    text = "; ".join(p for p in parts if p)
    return text or None


def emit(
    out: ClaimCollector,
    *,
    entity: str,
    piece: Piece,
    kind: LocationKind,
    locator: str,
    evidence: str,
    row_key: str,
    conditions: str | None,
) -> None:
    if piece.condition:
        conditions = f"{conditions}; {piece.condition}" if conditions else piece.condition
    out.add(
        entity=entity,
        label=piece.label,
        unit_hint=piece.unit_hint,
        raw_value=piece.raw,
        kind=kind,
        locator=locator,
        evidence=evidence,
        row_key=row_key,
        conditions=conditions,
    )


def pieces(value: str, label: str, unit: str | None) -> list[Piece]:
    kind = cell_kind(value)
    if kind in SKIPPED:
        return []
    if kind is CellKind.TEXT:
        return [Piece(value, label, unit)]
    return split_figures(value, label, unit)


def emit_cell(
    out: ClaimCollector,
    cell_pieces: list[Piece],
    entity: str,
    kind: LocationKind,
    locator: str,
    evidence: str,
    row_key: str,
    conditions: str | None,
) -> None:
    """One claim per figure of a cell; the second and later figures get "/ figure N"
    (`emit`'s claim, added here: a call less for each of a table's cells)."""
    for i, piece in enumerate(cell_pieces):
        own = piece.condition
        out.add(
            entity=entity,
            label=piece.label,
            unit_hint=piece.unit_hint,
            raw_value=piece.raw,
            kind=kind,
            locator=f"{locator} / figure {i + 1}" if i else locator,
            evidence=evidence,
            row_key=row_key,
            conditions=(f"{conditions}; {own}" if conditions else own) if own else conditions,
        )
