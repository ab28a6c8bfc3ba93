"""Ranked lists → a recovered table with one entity per row.

'#1 PHP 8.0 0,6 ms' then '37 627' on the next line, or '1. Name .... 12 345': a rank, a
name (its version stays in the name), a value, and sometimes an unlabelled number below.
Two or more lines with consecutive ranks make a list; one alone stays prose.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind

from crosscheck.common.gazetteer import Gazetteer, load_gazetteer

_NUMBER = r"[~≈]?(?:\d{1,3}(?:[  ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_RANKED = re.compile(
    rf"^\s*(?:#\s?(?P<hash>\d{{1,3}})|(?P<dot>\d{{1,3}})[.)])\s+(?P<name>[^\d\s].*?)"
    rf"(?P<leader>\s*\.{{2,}}\s*|\s+)(?P<value>{_NUMBER}(?:\s?[A-Za-zµ%/]+)?)\s*$"
)
_BELOW = re.compile(rf"^\s*(?P<value>{_NUMBER})\s*$")
_UNIT = re.compile(r"[A-Za-zµ%/]+$")
_FORMATTED = re.compile(r"\d[  ,.]\d")


# '1 GPT-4o OpenAI 88.7 2024-05-13': a bare rank, a name (and its maker), a score, a date.
_DATED = re.compile(
    rf"^\s*(?P<rank>\d{{1,3}})\s+(?P<name>[^\d\s].*?)\s+(?P<value>{_NUMBER}(?:\s?%)?)"
    r"\s+(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d)\s*$"
)


def _known_lead(name: str, known: Gazetteer) -> tuple[str, str | None]:
    """'Llama 3.3 70B Meta' → ('Llama 3.3 70B', 'Meta'): the longest run of leading words
    that is a known name is the entity, the words after it (its maker) a condition."""
    words = name.split()
    for n in range(len(words) - 1, 0, -1):
        lead = " ".join(words[:n])
        if known.canonical(lead):
            return lead, " ".join(words[n:])
    return name, None


def _dated_rows(
    lines: list[str], start: int, table_index: int, caption: str | None, known: Gazetteer
) -> tuple[Block, int] | None:
    rows: list[list[str]] = []
    own: list[str] = []
    end = start
    first = -1
    while end < len(lines) and (match := _DATED.match(lines[end])):
        rank = int(match.group("rank"))
        first = rank if first < 0 else first
        if rank != first + len(rows):  # ranks follow each other
            break
        name, maker = _known_lead(match.group("name").strip(), known)
        rows.append([name, match.group("value")])
        own.append("; ".join(x for x in (maker, f"dated {match.group('date')}") if x))
        end += 1
    if len(rows) < 2:
        return None
    block = Block(
        BlockKind.TABLE,
        header=["", "value (ranked list)"],
        rows=rows,
        table_index=table_index,
        origin="ranked list",
        caption=caption,
        entities_as_rows=True,
        row_conditions=own,
        row_texts={tuple(r): lines[start + i].strip() for i, r in enumerate(rows)},
    )
    return block, end


def read_ranked(
    lines: list[str],
    start: int,
    table_index: int,
    caption: str | None,
    known: Gazetteer | None = None,
) -> tuple[Block, int] | None:
    """The ranked list starting at `lines[start]` and the index after it, or None (`known`:
    the names a dated row's maker is split from, default the packaged gazetteer)."""
    if _DATED.match(lines[start]):
        return _dated_rows(lines, start, table_index, caption, known or load_gazetteer())
    rows: list[list[str]] = []
    ranks: list[int] = []
    units: set[str] = set()
    below = False
    strong = True  # a '#' rank, dotted leaders, a unit or a formatted number on every line
    end = start
    while end < len(lines):
        match = _RANKED.match(lines[end])
        if not match:
            break
        rank = int(match.group("hash") or match.group("dot"))
        if ranks and rank != ranks[-1] + 1:
            break
        value = match.group("value")
        unit = _UNIT.search(value)
        units.add(unit.group() if unit else "")
        strong = strong and bool(
            match.group("hash") or "." in match.group("leader") or unit or _FORMATTED.search(value)
        )
        row = [match.group("name").strip(" —–-:"), value]
        end += 1
        if end < len(lines) and (extra := _BELOW.match(lines[end])):
            row.append(extra.group("value"))
            below = True
            end += 1
        rows.append(row)
        ranks.append(rank)
    if len(rows) < 2 or len(units) > 1:  # a numbered how-to list mixes its units
        return None
    if not (strong or below):  # '1. Install Node 18': steps ending in versions
        return None
    header = ["", "value (ranked list)"] + (["unlabelled number (ranked list)"] if below else [])
    padded = [r + [""] * (len(header) - len(r)) for r in rows]
    block = Block(
        BlockKind.TABLE,
        header=header,
        rows=padded,
        table_index=table_index,
        origin="ranked list",
        caption=caption,
        entities_as_rows=True,
        conditions=caption,
    )
    return block, end
