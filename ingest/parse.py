"""One interface over both front ends: a snapshot in, its title, entities and claims out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crosscheck.contracts import Snapshot
from ingest.blocks import Block, BlockKind, entities_from_title, guess_single_entity
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


def _first_title_line(blocks: list[Block]) -> str:
    for block in blocks:
        if block.kind is BlockKind.LINE and block.text.strip():
            return block.text.strip()
    return ""


def parse_snapshot(snapshot: Snapshot) -> ParsedPage:
    """Claims of one page; the parser is chosen by content type (HTML or text/markdown)."""
    if "html" in snapshot.content_type:
        title, blocks = html_to_blocks(snapshot.text)
    else:
        blocks = text_to_blocks(snapshot.text)
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
    return ParsedPage(
        snapshot.source, snapshot.sha256, title, entities, extract_claims(blocks, context)
    )
