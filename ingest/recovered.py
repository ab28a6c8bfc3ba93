"""Claims of recovered tables whose orientation their reader already knows.

A code-block table named by its caption ("net/http server:") or by a titled rule
("=== serde_json ===") speaks of one entity: rows are conditions (benchmark, dataset), columns
are metrics. A bar chart names one entity per row. Other recovered tables are left to the
general table extractor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from crosscheck.ingest.blocks import Block, is_empty_value, row_evidence, split_label_unit
from crosscheck.ingest.config_columns import title_subject
from crosscheck.ingest.nonfigure_shapes import is_contact
from crosscheck.ingest.run_labels import chain_label, comma_lead
from crosscheck.ingest.table_cells import CellKind, cell_kind
from crosscheck.ingest.textdata import caption_generic, caption_setup

from crosscheck.common.gazetteer import load_tier_spellings
from crosscheck.contracts import LocationKind

if TYPE_CHECKING:
    from crosscheck.ingest.extract import ClaimCollector

_MARKUP = re.compile(r"(?<!\w)[*_`]+|[*_`]+(?!\w)|^#+")
_SPACED_UNIT = re.compile(
    r"^(?P<label>.+?)\s*\((?P<unit>[A-Za-zµ%#]{1,6}/[A-Za-zµ]{1,6}|[kKMGT]i?B|[mnµu]?s|sec|"
    r"min|%|x|W|[kMG]?Hz|rps|ops)\)$"
)


def label_and_unit(name: str) -> tuple[str, str | None]:
    """'Speed (GB/s)' → ('Speed', 'GB/s'): a unit in parentheses, glued or spaced."""
    label, unit = split_label_unit(name)
    if unit is None:
        match = _SPACED_UNIT.match(label)
        if match:
            return match.group("label").strip(), match.group("unit")
    return label, unit


def has_known_orientation(block: Block) -> bool:
    """True for recovered tables this module claims (the others go to the table extractor)."""
    return block.caption_entity or block.entities_as_rows


def caption_entity(
    caption: str,
    entities: list[str],
    known: Callable[[str], str | None] | None = None,
    names: list[str] | None = None,
) -> tuple[str, str | None]:
    """The entity a caption names and the rest of it as a condition:
    'net/http server:' → ('net/http', 'server'), 'Results for fastsrv:' → ('fastsrv', None);
    a page entity inside the caption wins, unless a name `known` to the gazetteer leads the
    caption ('Deno JS' on a page whose title made 'JS' an entity); a code span may end in one of
    the entities or of the page's other `names` (`rt-wasmer`); a sentence names none ('')."""
    text = " ".join(_MARKUP.sub(" ", caption).split()).rstrip(":").strip()
    chain = chain_label(text)  # 'Nginx --> Nginx': the run measured the whole chain
    if chain is not None:
        return chain, None
    for name in sorted(entities, key=len, reverse=True):
        match = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE)
        if match:
            start, end = match.start(), match.end()
            lead = _known_lead(text[:start], known) if start else None
            if lead is not None:  # 'Deno JS': the known name that opens the caption
                name, start, end = lead, 0, len(lead)
            rest = (text[:start] + " " + text[end:]).strip(" :-")
            return name, " ".join(rest.split()) or None
    spanned = _code_span_entity(caption, [*entities, *(names or [])])
    if spanned is not None:  # 'The best of 10 samples of `rt-wasmer`'
        return spanned, None
    said = text.split()
    setup = next((i for i, w in enumerate(said) if w.lower() in caption_setup()), None)
    if setup is not None:  # 'Benchmark results on my M2 MBP Pro': the rest is the machine
        own, setting = caption_entity(" ".join(said[:setup]), entities, known, names)
        return own, "; ".join(c for c in (setting, " ".join(said[setup:])) if c)
    lead = comma_lead(text, caption_generic())  # 'Rocket, Rust (nightly) web framework'
    if lead is not None:
        return lead, None
    words = [w for w in text.split() if w.lower().strip(":,.") not in caption_generic()]
    if not words:
        return "", None
    if len(words) == 1:
        return words[0], None
    if len(words) <= 4:
        return words[0], " ".join(words[1:])
    return "", None  # a sentence above the block names no entity: the page's own


_CODE_SPAN = re.compile(r"`([^`\s]+)`")
_ID_SEP = re.compile(r"[-_./:]")


def _code_span_entity(caption: str, entities: list[str]) -> str | None:
    """The page entity that ends an identifier in a code span of the caption (`rt-wasmer`,
    `bench_wasmedge-async`): a program or package named after what it runs, under a prefix;
    the longest entity wins, so 'wasmedge-async' is not read as 'wasmedge'."""
    for span in _CODE_SPAN.findall(caption):
        cuts = [0, *(m.end() for m in _ID_SEP.finditer(span))]
        for name in sorted(entities, key=len, reverse=True):
            if any(span[cut:].lower() == name.lower() for cut in cuts[1:]):
                return name
    return None


def _known_lead(before: str, known: Callable[[str], str | None] | None) -> str | None:
    """The known name of one or two words that opens `before` (the caption up to a page
    entity), as written; None when there is none or no gazetteer."""
    if known is None:
        return None
    words = before.split()
    for size in (2, 1):
        if len(words) >= size and known(" ".join(words[:size])):
            return " ".join(words[:size])
    return None


def recovered_claims(out: ClaimCollector, block: Block) -> None:
    """One claim per value cell of a caption-named or entity-per-row recovered table."""
    if block.entities_as_rows:
        _row_entity_claims(out, block)
        return
    prose = out.page.prose
    known = prose.finder.gazetteer.canonical if prose is not None else None
    # names the page gave figures to already, or introduced: what a code span may end in
    claimed = list(dict.fromkeys(row["entity_raw"] for row in out.rows))
    page_names = [*(prose.finder.page_names if prose is not None else []), *claimed]
    entity, role = caption_entity(block.caption or "", out.page.entities, known, page_names)
    if not entity and not out.page.entities and block.row_entities:
        _named_rows_claims(out, block, block.row_entities)  # nothing names one: the rows do
        return
    if not entity:  # no caption, or a sentence: the page's (first) entity, else its title
        entity = out.page.entities[0] if out.page.entities else out.page.title[:80]
    shared = [c for c in (role, block.conditions) if c]
    header = block.header or []
    t = block.table_index
    where = f"{block.origin} table {t} (one entity: {entity})"
    for r, row in enumerate(block.rows, 1):
        if not row:
            continue
        evidence = block.row_texts.get(tuple(row)) or "  ".join(c for c in row if c)
        conditions = "; ".join([*shared, row[0]]) if row[0] else "; ".join(shared)
        for col, cell in enumerate(row[1:], 1):
            if is_empty_value(cell):
                continue
            name = header[col] if col < len(header) else f"column {col + 1}"
            label, unit = label_and_unit(name)
            if block.metric_rows:  # the row is the metric, the column its statistic
                label, unit = label_and_unit(row[0])
                conditions = "; ".join([*shared, name])
            out.add(
                entity=entity,
                label=label,
                unit_hint=unit,
                raw_value=cell,
                kind=LocationKind.TABLE_CELL,
                locator=f"{where} / row {r} / column {name}",
                evidence=evidence,
                row_key=f"t{t}r{r}",
                conditions=conditions or None,
            )


def _row_entity_claims(out: ClaimCollector, block: Block) -> None:
    header = block.header or []
    t = block.table_index
    for r, row in enumerate(block.rows, 1):
        if len(row) < 2 or not row[0].strip():
            continue
        entity, variant = _variant(row[0].strip(), out.page.entities)
        if cell_kind(entity) is CellKind.VERSION:  # '3.12.0 - ~45 sec' under a Python title
            entity = f"{owner} {entity}" if (owner := _version_owner(out)) else entity
        own = block.row_conditions[r - 1] if block.row_conditions else None
        conditions = "; ".join(c for c in (block.conditions, variant, own) if c) or None
        evidence = row_evidence(block, row)
        for col, cell in enumerate(row[1:], 1):
            if is_empty_value(cell) or is_contact(cell):  # "+49 391 55 86 42 52": a phone
                continue
            name = header[col] if col < len(header) else block.caption or f"column {col + 1}"
            label, unit = label_and_unit(name)
            out.add(
                entity=entity,
                label=label,
                unit_hint=unit,
                raw_value=cell,
                kind=LocationKind.TABLE_CELL,
                locator=f"{block.origin} table {t} (entities as rows) / row {r} / column {name}",
                evidence=evidence,
                row_key=f"t{t}r{r}",
                conditions=conditions,
            )


def _named_rows_claims(
    out: ClaimCollector, block: Block, subjects: list[tuple[str, str | None]]
) -> None:
    """A caption-entity table read as one entity per row, the rows' own subjects (the row
    names kept as each row's condition beside the subject's own: 'GOMAXPROCS=4')."""
    rows = [[subject, *row[1:]] for (subject, _), row in zip(subjects, block.rows, strict=True)]
    texts = {
        tuple(new): row_evidence(block, old) for new, old in zip(rows, block.rows, strict=True)
    }
    _row_entity_claims(
        out,
        replace(
            block,
            rows=rows,
            row_texts=texts,
            entities_as_rows=True,
            caption_entity=False,
            row_conditions=[c or "" for _, c in subjects],
        ),
    )


_VERSION = re.compile(r"^v?\d+(?:\.\d+)*\S*$")


def _version_owner(out: ClaimCollector) -> str | None:
    """Whose version a row named by a bare version is: the page's one entity, else the one
    known name of its title."""
    if len(out.page.entities) == 1:
        return out.page.entities[0]
    prose = out.page.prose
    if prose is None:
        return None
    return title_subject(out.page.title, lambda w: bool(prose.finder.gazetteer.canonical(w)))


def _variant(name: str, entities: list[str]) -> tuple[str, str | None]:
    """'LZ4 Block' with the page entity LZ4 → ('LZ4', 'Block'): a mode of a known entity is a
    condition; a version stays in the name ('PHP 8.0': normalize reads it as a qualifier)."""
    for entity in sorted(entities, key=len, reverse=True):
        rest = name[len(entity) :].strip() if name.startswith(entity + " ") else ""
        if rest and not _VERSION.match(rest) and not _is_tier(rest):
            return entity, rest
    return name, None


def _is_tier(rest: str) -> bool:
    """'iPhone 15 Pro Max' beside the page entity 'iPhone 15': a model tier after a name
    ('Pro', 'Max', 'Plus', 'Ultra'; normalize/data/entities.toml) names another model."""
    return rest.split()[0].lower() in load_tier_spellings()
