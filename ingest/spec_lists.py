"""A metric heading over "Entity: value" lines → a recovered table, one entity per row.

Why: spec pages list one metric at a time ("Sensor resolution", then "Camera A: 30.3 MP" and
"Camera B: 24.5 MP" lines). Read as cells one a line, the heading became an entity and each
line a column; read as prose, every figure went to the page's first name. Here the figure
belongs to the name its own line starts with and the metric is the heading's. The shape is
taken only when two or more such lines follow a short heading and their values share a unit
(one metric), so a heading naming one product over "Metric: value" lines is left alone.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.lexicon import Lexicon, load_lexicon

from crosscheck.common.gazetteer import Gazetteer

_ENTRY = re.compile(
    r"^\s*(?:[-*•]\s+)?(?P<name>[A-Z0-9][^:]{0,48}?)\s*:\s+"
    r"(?P<value>[~≈<>$€£]?\s?\d[\d.,]*(?:\s?[-–]\s?\d[\d.,]*)?(?P<unit>\s?[^\s\d,;]{0,12})[^:]{0,40})$"
)
_MAX_HEADING = 60
_MAX_NAME_WORDS = 6
_MIN_ENTRIES = 2
_SENTENCE_END = (".", "!", "?")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.)]\s+|#{1,6}\s+)")
_DIGIT = re.compile(r"\d")
_VERSUS = re.compile(r"\b(?:vs\.?|versus)\s", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
# a 'Label: value' line (a datasheet's row with a word for value) is no metric heading
_LABELLED = re.compile(r"^[^:]{1,40}:\s+\S")
_QUANTITY = re.compile(r"(?<![\w.])\d[\d.,]*\s?(?:[A-Za-z]{1,3}/|[KMGT]i?B\b|%)")


def may_start_spec_list(lines: list[str], i: int) -> bool:
    """Cheap first test: a short line without figures, an "Entity: value" line below it.
    The next line's colon is looked at first: three lines in four have none, and the
    heading's regular expressions are then never run."""
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if ":" not in nxt:  # one blank line allowed; a blank line holds no colon
        if nxt.strip() or i + 2 >= len(lines):
            return False
        nxt = lines[i + 2]
        if ":" not in nxt:
            return False
    line = lines[i].strip()
    if not line or len(line) > _MAX_HEADING or line.endswith(_SENTENCE_END):
        return False
    return not _DIGIT.search(_NUMBERED.sub("", line)) and bool(_ENTRY.match(nxt))


def _split_metric(rows: list[list[str]], lex: Lexicon) -> tuple[list[list[str]], str] | None:
    """The rows with their names cut before a metric phrase all of them end with ("A cold
    start", "B cold start" → A, B and 'cold start'), the rows as they are when no name holds
    a metric, or None when some do and others do not ("Stars: 68k" under a product heading)."""
    found = [lex.metric.search(name) for name, _ in rows]
    if not any(found):
        return rows, ""
    phrases = {m.group().lower() if m else "" for m in found}
    if len(phrases) != 1:
        return None
    cut: list[list[str]] = []
    for (name, value), match in zip(rows, found, strict=True):
        if match is None or match.end() != len(name) or not name[: match.start()].strip():
            return None
        cut.append([name[: match.start()].strip(), value])
    return cut, found[0].group() if found[0] else ""


def _bare(name: str) -> str:
    """A row's name without its parenthesised variant, lower case: 'Alpha (tuned)' → 'alpha'."""
    return _PARENTHESIS.sub("", name).strip().lower()


def _unit(value: str) -> str:
    match = _ENTRY.match(f"X: {value}")
    return (match.group("unit") if match else "").strip().lower()


def read_spec_list(
    lines: list[str], start: int, table_index: int, known: Gazetteer | None = None
) -> tuple[list[Block], int] | None:
    """The heading line and its table, and the index after the entries; None when the lines
    after `start` are not a spec list (fewer than two entries, mixed units, repeated names,
    or a heading that is itself a known product: its lines then name metrics)."""
    heading = _NUMBERED.sub("", lines[start].strip()).strip(" *_#")
    if known is not None and known.canonical(heading):
        return None
    if _LABELLED.match(heading):
        return None  # 'Heatsink: NO' over 'Sequential read: 3500 MB/s': rows of one datasheet
    rows: list[list[str]] = []
    j = start + 1
    while j < len(lines):
        if not lines[j].strip():
            if rows:
                break
            j += 1
            continue
        match = _ENTRY.match(lines[j])
        if match is None:
            break
        name = match.group("name").strip(" *_")
        if len(name.split()) > _MAX_NAME_WORDS or _QUANTITY.search(name):
            return None  # "First 50TB/month: $0.023/GB": a tier of a quantity, no product
        rows.append([name, match.group("value").strip()])
        j += 1
    if len(rows) < _MIN_ENTRIES or len({_bare(r[0]) for r in rows}) != len(rows):
        return None  # one product twice ("B (with X)", "B (no X)"): variants under a condition
    if _VERSUS.search(heading) or any(_bare(r[0]) in heading.lower() for r in rows):
        return None  # a title "A vs B" or a heading naming the lines' products is no metric
    if len({_unit(value) for _, value in rows}) != 1:
        return None
    named = _split_metric(rows, load_lexicon())
    if named is None:
        return None
    rows, metric = named
    if not metric and _datasheet(lines, start, j, heading, [r[0] for r in rows]):
        return _datasheet_blocks(lines, start, rows, table_index), j
    heading = metric or heading.rstrip(":")  # the lines' own metric is the more precise
    table = Block(
        BlockKind.TABLE,
        header=["", heading],
        rows=rows,
        origin="spec list",
        caption=heading,
        entities_as_rows=True,
        table_index=table_index,
        cell_separator=": ",
    )
    title = Block(BlockKind.LINE, text=lines[start].strip(), is_heading=True)
    return [title, table], j


def _label_lines(lines: list[str], label: str) -> int:
    """How many lines of the page start with `label` and a colon ('Escaped   : 7797ms')."""
    lead = re.compile(rf"^\s*(?:[-*•]\s+)?{re.escape(label)}\s*:")
    return sum(1 for line in lines if lead.match(line))


def _said_elsewhere(lines: list[str], start: int, end: int, text: str) -> bool:
    """Whether a line outside lines[start:end] writes `text` as a word run ('[Gaikan](...)'),
    not as a line's label."""
    word = re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])")
    for k, line in enumerate(lines):
        if start <= k < end or not (found := word.search(line)):
            continue
        if not line[found.end() :].lstrip().startswith(":"):
            return True
    return False


def _datasheet(lines: list[str], start: int, end: int, heading: str, labels: list[str]) -> bool:
    """Whether the lines are one product's datasheet, not a metric's list of products: the same
    labels head lines under other headings too ('Gaikan', then 'ECT', each over 'Escaped: N ms'
    and 'Total: N ms'), and the page writes the heading elsewhere (an engine list) but the
    labels nowhere else. A metric's list repeats its products' names under each metric, and
    those names are the ones the page writes elsewhere."""
    if not all(_label_lines(lines, label) >= 2 for label in labels):
        return False
    if any(_said_elsewhere(lines, start, end, label) for label in labels):
        return False
    return _said_elsewhere(lines, start, end, heading)


def _datasheet_blocks(
    lines: list[str], start: int, rows: list[list[str]], index: int
) -> list[Block]:
    """The heading line and its datasheet: a table of the heading's product whose rows are
    its metrics, each row quoting its own line."""
    texts = {
        tuple(row): line.strip()
        for row, line in zip(rows, _entry_lines(lines, start), strict=False)
    }
    table = Block(
        BlockKind.TABLE,
        header=["", ""],
        rows=rows,
        origin="spec list",
        caption=lines[start].strip(" *_#\t"),
        caption_entity=True,
        metric_rows=True,
        table_index=index,
        row_texts=texts,
    )
    return [Block(BlockKind.LINE, text=lines[start].strip(), is_heading=True), table]


def _entry_lines(lines: list[str], start: int) -> list[str]:
    """The 'Label: value' lines below lines[start], in order (one blank line allowed first)."""
    found: list[str] = []
    for line in lines[start + 1 :]:
        if not line.strip():
            if found:
                break
            continue
        if _ENTRY.match(line) is None:
            break
        found.append(line)
    return found
