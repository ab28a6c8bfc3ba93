"""Blocks → claims: tables, collapsed rows, cards, list items and prose, with provenance.

One extractor serves every front end. Table cells are claims as written (including text
values); in free text only the figures are claims, each attributed to the entity it speaks of.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from crosscheck.ingest.blocks import (
    Block,
    BlockKind,
    is_empty_value,
    split_label_unit,
    strip_trophy,
)
from crosscheck.ingest.cards import card_claims
from crosscheck.ingest.collapsed import split_collapsed
from crosscheck.ingest.entities import EntityFinder, finder_for_page
from crosscheck.ingest.image_refs import without_code_lead
from crosscheck.ingest.lines import LineRecord, line_record
from crosscheck.ingest.page_subject import page_product
from crosscheck.ingest.prose import ProseState
from crosscheck.ingest.recovered import has_known_orientation, recovered_claims
from crosscheck.ingest.sections import FreeTextReader
from crosscheck.ingest.spans import FigureSpan, find_figures
from crosscheck.ingest.specline import spec_line_claims
from crosscheck.ingest.table_emit import Columns, KnownNames, TableContext, repeated_headers
from crosscheck.ingest.tables import table_claims

from crosscheck.contracts import ClaimRole, LocationKind

# "added in 2.0", "since 3.4": a release number, not a figure about the entity.
_VERSION_CONTEXT = re.compile(r"\b(?:in|since|after|before|until|from|version|v)\s*$", re.I)
_DECIMAL_ONLY = re.compile(r"^\d+\.\d+\+?$")
_RATIO = re.compile(r"\d\s?(?:x|×)(?![A-Za-z])")
_SPEC_LINE_MIN = 40  # a flattened spec line holds two names and three rows at least


@dataclass
class PageContext:
    """What every claim of a page shares."""

    source: str
    sha256: str
    title: str
    entities: list[str]
    prose: ProseState | None = None  # entity finder and focus names for free text


@dataclass
class ClaimCollector:
    """Accumulates claim rows (dicts with the CLAIM_COLUMNS) for one page."""

    page: PageContext
    rows: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # stable_id(source, sha256, locator, role) with the page's part hashed once per page
        self._ids = hashlib.sha256(f"{self.page.source}\x1f{self.page.sha256}\x1f".encode())

    def add(
        self,
        *,
        entity: str,
        label: str,
        raw_value: str,
        kind: LocationKind,
        locator: str,
        evidence: str,
        unit_hint: str | None = None,
        role: ClaimRole = ClaimRole.VALUE,
        counterpart: str | None = None,
        row_key: str | None = None,
        conditions: str | None = None,
    ) -> None:
        raw = raw_value.strip()
        clean_label = label.strip()
        if not raw or not clean_label:
            return
        if entity[:1] in "Fdp" and " " in entity:  # "FROM ubuntu:22.04": the image's name
            entity = without_code_lead(entity)
        role_value: str = role._value_  # Enum.value is a descriptor call: ~3 a claim added up
        digest = self._ids.copy()  # the claim id: stable_id's hash, the page's part copied
        digest.update(f"{locator}\x1f{role_value}".encode())
        self.rows.append(
            {
                "claim_id": digest.hexdigest()[:16],
                "source": self.page.source,
                "page_sha256": self.page.sha256,
                "page_title": self.page.title,
                "entity_raw": entity,
                "counterpart_raw": counterpart,
                "label": clean_label,
                "unit_hint": unit_hint,
                "raw_value": raw,
                "role": role_value,
                "location_kind": kind._value_,
                "locator": locator,
                "row_key": row_key,
                "evidence": evidence,
                "value_start": evidence.find(raw),
                "conditions": conditions or None,
            }
        )


def _gazetteer_names(finder: EntityFinder) -> Callable[[str], bool]:
    """Whether a table cell names a known product, perhaps with a short prefix ("Rust Axum",
    "JS Bun"): lets a table's orientation count gazetteer names, not only the page's own.
    The answers are kept per text for the page (its finder's names are set before its claims
    are read; a page's tables ask of the same labels again)."""
    answers: dict[str, bool] = {}

    def known(text: str) -> bool:
        answer = answers.get(text)
        if answer is None:
            mentions = finder.mentions(text, cache=False) if len(text.split()) <= 3 else []
            answer = answers[text] = any(finder.gazetteer.canonical(m.text) for m in mentions)
        return answer

    return known


def extract_claims(blocks: list[Block], page: PageContext) -> list[dict[str, Any]]:
    """All claims of a page, in page order."""
    out = ClaimCollector(page)
    reader = FreeTextReader(out, page.prose or ProseState(finder_for_page(), set()))
    last_columns: Columns | None = None
    current_entity: str | None = None
    entity_line_at = -10
    section = ""
    card = 0
    names = KnownNames(
        frozenset(e.lower() for e in page.entities), lookup=_gazetteer_names(reader.state.finder)
    )
    table_context = TableContext(
        page.entities, names=names, title=page.title, repeated=repeated_headers(blocks)
    )
    subjects = page.entities or reader.state.compared
    one = len(subjects) == 1 or not page.entities
    table_context.page_subject = subjects[0] if subjects and one else None
    table_context.page_product = functools.cache(lambda: page_product(blocks, reader.state.finder))
    skip = _key_difference_cards(blocks, page.entities)
    consumed = card_claims(out, blocks, skip, table_context.page_subject)
    for index, block in enumerate(blocks):
        table_context.note(block)
        if index in consumed:
            continue
        if block.kind is BlockKind.TABLE and has_known_orientation(block):
            recovered_claims(out, block)
        elif block.kind is BlockKind.TABLE:
            last_columns = table_claims(out, block, table_context, last_columns)
        elif block.kind is BlockKind.COLLAPSED:
            columns = last_columns or Columns(dict(enumerate(page.entities, 1)), None)
            _collapsed_claims(out, block, columns)
        elif block.kind is BlockKind.LIST_ITEM:
            reader.read_list_item(block, section, current_entity)
        else:
            line = _plain_record(block.text)
            text = line.text
            reader.setup.line(text, block.is_heading)
            if line.section:
                section = text
                if text.lower() not in ("pros", "cons"):
                    current_entity = None
                continue
            if text in page.entities:
                current_entity, entity_line_at = text, index
                continue
            follows_entity = index - entity_line_at == 1 and current_entity is not None
            if follows_entity and "difference" in section.lower():
                card += 1
                _card_claims(out, block.text, current_entity or "", f"card {card}")
                continue
            if len(text) > _SPEC_LINE_MIN and spec_line_claims(
                out, text, reader.state.finder.mentions(text), index
            ):
                continue  # a spec table flattened to one line ('RTX A RTX B CUDA cores ...')
            reader.read_line(block, line, current_entity if index - entity_line_at <= 2 else None)
            if reader.heading_entity is not None and (block.is_heading or line.heading_like):
                current_entity = None  # a nearer heading names the product of what follows
    return out.rows


def _plain_record(text: str) -> LineRecord:
    """The record of a line as the extractor reads it: without its winner mark."""
    line = line_record(text)
    return line if line.plain == text else line_record(line.plain)


def _key_difference_cards(blocks: list[Block], entities: list[str]) -> set[int]:
    """Blocks the 'key differences' card path below reads (a line right after an entity
    line in such a section), so that ingest.cards leaves them to it."""
    taken: set[int] = set()
    section = ""
    entity_at = -10
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.LINE:
            continue
        line = _plain_record(block.text)
        text = line.text
        if line.section:
            section = text
        elif text in entities:
            entity_at = index
        elif index - entity_at == 1 and "difference" in section.lower():
            taken.add(index)
    return taken


def _collapsed_claims(out: ClaimCollector, block: Block, columns: Columns) -> None:
    entity_names = list(columns.entities.values())
    items = split_collapsed(block.text, max(1, len(entity_names)))
    base = f"table {block.table_index} / collapsed 'Show {block.expected_items} more'"
    for i, item in enumerate(items, 1):
        label, unit = split_label_unit(item.header)
        row_key = f"t{block.table_index}c{block.expected_items}i{i}"
        for entity, value in zip(entity_names, item.values, strict=False):
            if value is None or is_empty_value(value):
                continue
            out.add(
                entity=entity,
                label=label,
                unit_hint=unit,
                raw_value=value,
                kind=LocationKind.COLLAPSED_ROW,
                locator=f"{base} / item {i} / column {entity}",
                evidence=item.text,
                row_key=row_key,
            )


def _role_of(span: FigureSpan) -> ClaimRole:
    return ClaimRole.RATIO if _RATIO.search(span.text) else ClaimRole.VALUE


def _counterpart(entity: str, entities: list[str]) -> str | None:
    others = [e for e in entities if e != entity]
    return others[0] if len(others) == 1 else None


def _card_claims(out: ClaimCollector, text: str, entity: str, where: str) -> None:
    value, _ = strip_trophy(text)
    figures = [
        f
        for f in find_figures(value)
        if not f.is_bare_year
        and not (_DECIMAL_ONLY.match(f.text) and _VERSION_CONTEXT.search(value[: f.start]))
    ]
    if not figures:
        out.add(
            entity=entity,
            label=value,
            raw_value=value,
            kind=LocationKind.CARD,
            locator=f"key differences / {where} / {entity}",
            evidence=text,
        )
        return
    for span in figures:
        role = _role_of(span)
        out.add(
            entity=entity,
            label=value,
            raw_value=span.text,
            kind=LocationKind.CARD,
            role=role,
            counterpart=_counterpart(entity, out.page.entities)
            if role is ClaimRole.RATIO
            else None,
            locator=f"key differences / {where} / {entity} / chars {span.start}-{span.end}",
            evidence=text,
        )
