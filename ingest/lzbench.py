"""lzbench output run together into one line → a table of compressors; lzbench's README
table quoted without its header → the same table with it.

Why: a page quoting lzbench's output without its line breaks keeps the header
(`Compressor name Compress. Decompress. Compr. size Ratio`) and every row on one line
(`… memcpy 9814 MB/s 9852 MB/s 211947520 100.00 brotli 2017-12-12 -11 0.48 MB/s …`); read as
prose, each figure went to the nearest name. Each row is a compressor (its version and level a
condition), two speeds, the compressed size in bytes and the ratio in percent of the input.
The README form (`| lz4 1.10.0 | 2.101 | 675 MB/s | 3850 MB/s |`, as compressors' READMEs
print it) is a name, the ratio as a factor, then the compression and decompression speeds.
"""

from __future__ import annotations

import re
from dataclasses import replace

from crosscheck.ingest.blocks import Block, BlockKind

__all__ = ["lzbench_tables"]

_HEADER = "Compressor name Compress. Decompress. Compr. size Ratio"
_COLUMNS = ["Compressor name", "Compress.", "Decompress.", "Compr. size (bytes)", "Ratio (%)"]
_ROW = re.compile(
    r"(?P<name>[A-Za-z][\w.+-]*)(?P<setting>(?:\s+(?!\d+(?:\.\d+)?\s+MB/s)[-\w.:=]+){0,3})"
    r"\s+(?P<compress>\d+(?:\.\d+)?\s+MB/s)\s+(?P<decompress>\d+(?:\.\d+)?\s+MB/s)"
    r"\s+(?P<size>\d+)\s+(?P<ratio>\d+(?:\.\d+)?)(?=\s|$)"
)
_MIN_ROWS = 2
_README_COLUMNS = ["Compressor name", "Ratio", "Compression", "Decompress."]
_FACTOR = re.compile(r"\d+\.\d{2,3}")
_SPEED = re.compile(r"\d+(?:\.\d+)? MB/s")


def lzbench_tables(blocks: list[Block]) -> list[Block]:
    """`blocks` with each line holding lzbench's header and rows split into the line before
    the header and a table of the rows."""
    blocks = [
        _readme_header(b) if b.kind is BlockKind.TABLE and not b.header else b for b in blocks
    ]
    if not any(_HEADER in b.text for b in blocks if b.kind is BlockKind.LINE):
        return blocks
    out: list[Block] = []
    index = max((b.table_index for b in blocks), default=0) + 1
    for block in blocks:
        table = _table(block, index) if block.kind is BlockKind.LINE else None
        if table is None:
            out.append(block)
            continue
        before = block.text[: block.text.index(_HEADER)].strip()
        if before:
            out.append(Block(BlockKind.LINE, text=before))
        out.append(table)
        index += 1
    return out


def _table(block: Block, index: int) -> Block | None:
    at = block.text.find(_HEADER)
    if at < 0:
        return None
    body = block.text[at + len(_HEADER) :]
    rows: list[list[str]] = []
    settings: list[str] = []
    texts: dict[tuple[str, ...], str] = {}
    cursor = 0
    for match in _ROW.finditer(body):
        if body[cursor : match.start()].strip():
            break  # words between two rows: the output ended
        cells = [match[k] for k in ("name", "compress", "decompress", "size", "ratio")]
        rows.append(cells)
        settings.append(match["setting"].strip())
        texts[tuple(cells)] = match.group().strip()
        cursor = match.end()
    if len(rows) < _MIN_ROWS:
        return None
    return Block(
        BlockKind.TABLE,
        header=list(_COLUMNS),
        rows=rows,
        table_index=index,
        origin="flattened",
        entities_as_rows=True,
        row_conditions=settings,
        row_texts=texts,
    )


def _readme_header(block: Block) -> Block:
    """A table with no header whose every row is a compressor, a ratio and two speeds in MB/s
    gets the README's header; any other table stays as it is."""
    rows = block.rows
    if len(rows) < _MIN_ROWS or any(len(r) != len(_README_COLUMNS) for r in rows):
        return block
    for row in rows:
        if not (
            _FACTOR.fullmatch(row[1]) and _SPEED.fullmatch(row[2]) and _SPEED.fullmatch(row[3])
        ):
            return block
    return replace(block, header=list(_README_COLUMNS))
