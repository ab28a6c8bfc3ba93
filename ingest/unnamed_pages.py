"""The owner of the figures of a page that names no entity: its address's model, a labelled
name, model codes, the category it speaks of, or nobody (quarantined).

Why: these fallbacks run only once the page's own readers found no owner at all, so no page
that names its products changes; kept apart from parse.py, which only calls them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from crosscheck.ingest.address_subject import address_subject, foreign_lines_unowned
from crosscheck.ingest.blocks import Block
from crosscheck.ingest.entities import EntityFinder
from crosscheck.ingest.extract import PageContext, extract_claims
from crosscheck.ingest.kind_words import page_kind
from crosscheck.ingest.model_codes import model_codes
from crosscheck.ingest.page_subject import category_subject, labelled_name
from crosscheck.ingest.prose import ProseState

from crosscheck.contracts import NO_ENTITY_RAW

__all__ = ["unnamed_page_claims"]


def _unowned(
    blocks: list[Block], context: PageContext, finder: EntityFinder, owner: str = NO_ENTITY_RAW
) -> list[dict[str, Any]]:
    """The figures of a page that names no entity, each under NO_ENTITY_RAW (normalize
    quarantines them with that reason: a page nobody is named on loses no figure silently),
    or under the category the whole page speaks of (ingest.page_subject)."""
    state = ProseState(finder, set(), [owner], [owner], last_subject=owner)
    return extract_claims(blocks, replace(context, entities=[owner], prose=state))


def unnamed_page_claims(
    source: str,
    title: str,
    texts: list[str],
    blocks: list[Block],
    cells: list[str],
    context: PageContext,
    finder: EntityFinder,
) -> tuple[list[dict[str, Any]], bool]:
    """The page's claims under the first owner found, and whether they are still nobody's.

    A spec page that names its product only after a 'Model' label or in its address owns its
    figures by that name (names30); else model codes own their lines (kinds28, 'TIGER
    PDR-G221') and the category the page speaks of ("la autonomía media de los coches
    eléctricos", 'Luftentfeuchter') takes the rest.
    """
    address = address_subject(source, texts)
    named = labelled_name(blocks) or address
    codes = model_codes(texts, cells) if not named else []
    if codes:
        finder.add_page_names(codes)
    category = named or category_subject(texts, source) or page_kind(title, texts)
    if category is not None:
        claims = _unowned(blocks, context, finder, category)
        if category == address:  # names30: '… MSI Optix MAG341CQ 399 €' is no BenQ's figure
            claims = foreign_lines_unowned(claims, category)
        return claims, not claims
    claims = _unowned(blocks, context, finder)  # kept, owned by nobody: quarantined in normalize
    return claims, all(c["entity_raw"] == NO_ENTITY_RAW for c in claims)
