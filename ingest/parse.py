"""One interface over both front ends: a snapshot in, its title, entities and claims out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from crosscheck.contracts import Snapshot
from ingest.blocks import Block, BlockKind, entities_from_title, guess_single_entity
from ingest.budgets import (
    DEFAULT_BUDGET,
    BudgetNotes,
    PageBudget,
    PageQuarantined,
    ParseTimeout,
    cap_claims,
    parse_time_limit,
    prepare_html,
    prepare_text,
)
from ingest.extract import PageContext, extract_claims
from ingest.html_parser import html_to_blocks
from ingest.text_parser import text_to_blocks


@dataclass(frozen=True)
class ParsedPage:
    """A page's claims (rows with the CLAIM_COLUMNS) and what was read to get them."""

    source: str
    sha256: str
    title: str
    entities: list[str]
    claims: list[dict[str, Any]]
    note: str = ""  # what a page budget cut, or why the page was quarantined (ingest.budgets)

    @property
    def quarantined(self) -> bool:
        """Over a page budget: no claims were taken (the note says why)."""
        return self.note.startswith("quarantined:")


def _first_title_line(blocks: list[Block]) -> str:
    for block in blocks:
        if block.kind is BlockKind.LINE and block.text.strip():
            return block.text.strip()
    return ""


def parse_snapshot(snapshot: Snapshot, budget: PageBudget = DEFAULT_BUDGET) -> ParsedPage:
    """Claims of one page; the parser is chosen by content type (HTML or text/markdown).
    A page over a budget is cut (noted) or quarantined: no claims, and the note says why."""
    notes = BudgetNotes()
    try:
        with parse_time_limit(budget.max_parse_seconds):
            page = _parse(snapshot, budget, notes)
    except (PageQuarantined, ParseTimeout) as exc:
        notes.quarantined = str(exc)
        return ParsedPage(snapshot.source, snapshot.sha256, "", [], [], notes.text)
    return replace(page, note=notes.text) if notes.text else page


def _parse(snapshot: Snapshot, budget: PageBudget, notes: BudgetNotes) -> ParsedPage:
    if "html" in snapshot.content_type:
        root = prepare_html(snapshot.text, budget, notes)
        title, blocks = html_to_blocks(snapshot.text, root=root)
    else:
        blocks = text_to_blocks(prepare_text(snapshot.text, budget, notes))
        title = _first_title_line(blocks)
    entities = entities_from_title(title)
    if not entities:
        for block in blocks[:6]:  # a heading "X vs Y" near the top, not a FAQ deep down
            found = entities_from_title(block.text) if block.kind is BlockKind.LINE else []
            if found and len(block.text) <= 80:
                entities = found
                break
    if not entities:
        lines = [b.text for b in blocks if b.kind is BlockKind.LINE]
        entities = guess_single_entity(lines)
    context = PageContext(snapshot.source, snapshot.sha256, title, entities)
    claims = cap_claims(extract_claims(blocks, context), budget, notes)
    return ParsedPage(snapshot.source, snapshot.sha256, title, entities, claims)
