"""The datasheet reader's two speed gates (a colon before the label pattern, a run shorter
than a sheet skipped) find the sheets the ungated loop found, on every short page built from a
few line shapes (issue 20)."""

from __future__ import annotations

import itertools

from crosscheck.ingest import datasheet_heads as dh
from crosscheck.ingest.blocks import Block, BlockKind

LINES = [
    Block(BlockKind.LINE, text="Sonicare DiamondClean"),  # a head
    Block(BlockKind.LINE, text="Battery life: 16 days"),  # a row with a figure
    Block(BlockKind.LIST_ITEM, text="Cleaning modes: 5"),  # a row with a figure, as an item
    Block(BlockKind.LINE, text="SmarTimer: Yes"),  # a labelled row, no figure
    Block(BlockKind.LINE, text="The brush is quiet and light"),  # prose, no colon
    Block(BlockKind.LINE, text="Weight 120 g"),  # a figure, no label
]


def _reference_sheets(blocks: list[Block]) -> list[tuple[int, str]]:
    """`_sheets` as it was before the gates: every block tested with the label pattern, every
    run read."""

    def labelled(block: Block) -> bool:
        return (
            block.kind in (BlockKind.LIST_ITEM, BlockKind.LINE)
            and len(block.text) <= 100
            and dh._LABELLED.match(block.text) is not None
        )

    found: list[tuple[int, str]] = []
    i, n = 0, len(blocks)
    while i < n:
        j = i
        while j < n and labelled(blocks[j]):
            j += 1
        lines = [b.text for b in blocks[i:j] if dh._FIGURE_AFTER.search(b.text)]
        head = dh._head(blocks[i - 1]) if len(lines) >= dh._MIN_LINES and i > 0 else None
        if head is not None:
            found.append((i - 1, head))
        i = max(j, i + 1)
    return found


def test_the_gated_sheets_are_the_ungated_ones() -> None:
    pages = 0
    for size in range(1, 6):
        for page in itertools.product(LINES, repeat=size):
            blocks = list(page)
            assert [(s.at, s.head) for s in dh._sheets(blocks)] == _reference_sheets(blocks)
            pages += 1
    assert pages == sum(len(LINES) ** k for k in range(1, 6))


def test_a_head_over_two_rows_is_found() -> None:
    """The fixture holds sheets at all: the equality above is not two empty lists."""
    blocks = [LINES[0], LINES[1], LINES[2]]
    assert [(s.at, s.head) for s in dh._sheets(blocks)] == [(0, "Sonicare DiamondClean")]
