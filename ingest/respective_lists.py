"""Spec lists written "A vs B, respectively": a label line, then one value line per product.

Why: "Pixel 8 vs iPhone 15, respectively" over "– Weight:" / "187 grams" / "171 grams" gives the
first line to the first name and the second to the second; read as prose every value went to the
page's first product. The list becomes a table with the names as columns.
"""

from __future__ import annotations

import re
from itertools import pairwise

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.entities import EntityFinder

_RESPECTIVELY = re.compile(r"^(?P<names>[^.;:]{3,120}?),?\s*\(?respectively\)?:?\s*$", re.I)
_NAME_GAP = re.compile(r"\s*(?:vs\.?|versus|and|&|,)\s*", re.IGNORECASE)
_BULLET = " \t-–—•*·"
_MAX_LABEL_WORDS = 6
_MIN_ROWS = 2


def respective_tables(blocks: list[Block], finder: EntityFinder) -> list[Block]:
    """`blocks` with each "A vs B, respectively" spec list made one table (names as columns);
    the caller asks only for a page whose text holds "respectively"."""
    out: list[Block] = []
    index = max((b.table_index for b in blocks), default=0) + 1
    k = 0
    while k < len(blocks):
        names = _names(blocks[k], finder)
        rows, end = _rows(blocks, k + 1, len(names)) if names else ([], k + 1)
        if len(rows) < _MIN_ROWS:
            out.append(blocks[k])
            k += 1
            continue
        out.append(blocks[k])  # the line itself stays (its words are no figures)
        header = ["", *names]
        out.append(
            Block(BlockKind.TABLE, rows=rows, header=header, table_index=index, origin="flattened")
        )
        index += 1
        k = end
    return out


def _names(block: Block, finder: EntityFinder) -> list[str]:
    """The names of an "A vs B, respectively" line, as written, when it holds nothing else."""
    if block.kind is not BlockKind.LINE or "respectively" not in block.text:
        return []
    match = _RESPECTIVELY.match(block.text.strip())
    if match is None:
        return []
    text = match.group("names")
    mentions = finder.mentions(text)
    if len({m.canonical for m in mentions}) != len(mentions) or len(mentions) < 2:
        return []
    gaps = [text[a.end : b.start] for a, b in pairwise(mentions)]
    if mentions[-1].end != len(text.rstrip()) or not all(_NAME_GAP.fullmatch(g) for g in gaps):
        return []
    lead = text[: mentions[0].start].split()
    if len(lead) > 1:  # a brand word before the first name ("Google Pixel 8") at most
        return []
    starts = [mentions[0].start - len(lead[0]) - 1 if lead else mentions[0].start]
    starts += [m.start for m in mentions[1:]]
    written = [text[s : m.end].strip() for s, m in zip(starts, mentions, strict=True)]
    # a brand word before a later name ("vs Apple iPhone 15") is in its gap: keep it with the name
    for j, gap in enumerate(gaps, 1):
        word = _NAME_GAP.split(gap)[-1].strip()
        if word:
            written[j] = f"{word} {written[j]}"
    return written


def _rows(blocks: list[Block], start: int, width: int) -> tuple[list[list[str]], int]:
    """The label-and-values groups from `start`: a label line ending with ':' then `width`
    value lines; the rows and the index after the last group."""
    rows: list[list[str]] = []
    k = start
    while k < len(blocks) and _label(blocks[k]) is not None:
        label = _label(blocks[k]) or ""
        stop = k + 1
        while stop < len(blocks) and blocks[stop].kind is BlockKind.LINE:
            if _label(blocks[stop]) is not None or stop - k > width:
                break
            stop += 1
        if stop - k - 1 == width:
            rows.append([label, *(b.text.strip() for b in blocks[k + 1 : stop])])
        elif stop - k - 1 == 0 or stop >= len(blocks) or _label(blocks[stop]) is None:
            break  # no value, or the list ended: what follows is the page again
        k = stop  # one value shared by all (`5G, LTE, NFC`): no row, the list goes on
    return rows, k


def _label(block: Block) -> str | None:
    """'– Screen size:' → 'Screen size': a short line (or item) ending with a colon."""
    if block.kind not in (BlockKind.LINE, BlockKind.LIST_ITEM):
        return None
    text = block.text.strip().strip(_BULLET).strip()
    if not text.endswith(":") or len(text.split()) > _MAX_LABEL_WORDS:
        return None
    return text[:-1].strip() or None
