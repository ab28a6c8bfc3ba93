"""Stat cards flattened to short lines → claims (location_kind CARD).

A card is a value line ("185k", "51.22 TFLOPS", "+40%") with a label line before it
("Weekly" / "77.1M") or, for a bare value, a unit/label line after it ("185k" / "req/sec").
The entity is the nearest card heading naming a page entity ("Bun 1.5"); without headings the
cards follow the page's entity order: a label met again starts the next entity's card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.cardlines import NAME_VERSION, Kind, Line, classify, entity_value
from crosscheck.ingest.lexicon import alternation, word_list
from crosscheck.ingest.table_headers import vocabulary

from crosscheck.contracts import ClaimRole, LocationKind

if TYPE_CHECKING:
    from crosscheck.ingest.extract import ClaimCollector

_MAX_LINE = 60
_RATIO = re.compile(r"\d\s?[x×]$")
_DIGIT = re.compile(r"\d")
# "Next 450TB/month": a price sheet's volume tier, a condition of the price (prose.toml)
_TIER = re.compile(rf"^(?i:{alternation(word_list('tier_openers'))})\s+[$€£]?\d")
_UNIT_LABEL = re.compile(r"^(?:[A-Za-z]+/[A-Za-z]+|ms|s|%|[kKMG]?B|rps|ops|x)$")


@dataclass
class _Run:
    lines: list[Line] = field(default_factory=list)


def _runs(blocks: list[Block], names: list[str], title: str, skip: set[int]) -> list[_Run]:
    runs: list[_Run] = []
    current: list[tuple[int, str, bool]] = []  # (index, text, a list item) of a run's lines

    def close() -> None:
        # a card run needs two value lines, and a value holds a digit: a run of prose lines
        # (most runs) is dropped before any of its lines is classified
        if sum(1 for _, text, item in current if not item and _DIGIT.search(text)) >= 2:
            runs.append(_Run([_line(i, text, item, names, title) for i, text, item in current]))
        current.clear()

    for index, block in enumerate(blocks):
        text = block.text.strip()
        if index in skip:  # a block another path reads ends the run
            close()
            continue
        if block.kind is BlockKind.LINE and 0 < len(text) <= _MAX_LINE:
            current.append((index, text, False))
            continue
        if block.kind is BlockKind.LIST_ITEM and 0 < len(text) <= _MAX_LINE and current:
            current.append((index, text, True))  # '04. Startup Time': a title
            continue
        close()
    close()
    runs = [r for r in runs if sum(1 for x in r.lines if x.kind is Kind.VALUE) >= 2]
    for run in runs:  # 'Bun 1.5', 'Deno 2.1': two or more name + version lines head cards
        named = {
            x.index: m.group("name")
            for x in run.lines
            if x.kind is Kind.LABEL
            for m in [NAME_VERSION.match(x.text)]
            if m
        }
        if len(set(named.values())) >= 2:
            for x in run.lines:
                if x.index in named:
                    x.kind = Kind.ENTITY
        _promote_names(run)
        _promote_inline_names(run)
        _promote_pair_names(run)
        heads = {
            m.group("name")
            for x in run.lines
            if x.kind is Kind.ENTITY
            for m in [NAME_VERSION.match(x.text)]
            if m
        }
        heads |= {x.text for x in run.lines if x.kind is Kind.ENTITY}
        for k, x in enumerate(run.lines):  # 'Bun 8ms' under cards headed 'Bun 1.5'
            if x.kind is Kind.LABEL and heads:
                run.lines[k] = entity_value(x.index, x.text, heads) or x
    return runs


def _line(index: int, text: str, item: bool, names: list[str], title: str) -> Line:
    return Line(index, text, Kind.LABEL) if item else classify(index, text, names, title)


def _promote_names(run: _Run) -> None:
    """'Koa' / '36293 req/sec' / '50.5%', 'Hapi' / ...: distinct short lines each heading the
    same number (≥ 2) of value lines are the entities of a stat list, not metric labels."""
    heads: list[tuple[Line, int]] = []
    for k, line in enumerate(run.lines):
        if line.kind is not Kind.LABEL:
            continue
        count = 0
        while k + 1 + count < len(run.lines) and run.lines[k + 1 + count].kind is Kind.VALUE:
            count += 1
        if count >= 2:
            heads.append((line, count))
    texts = [line.text for line, _ in heads]
    if (
        len(heads) >= 2
        and len(set(texts)) == len(texts)
        and len({count for _, count in heads}) == 1
        and all(len(t.split()) <= 3 for t in texts)
    ):
        for line, _ in heads:
            line.kind = Kind.ENTITY


_WORD = re.compile(r"\w+(?:\.\w+)*")
_MIN_LISTED = 3


def _promote_inline_names(run: _Run) -> None:
    """'json: 137,248,217 bytes', 'msgpack + lz4: 61,381,468 bytes', ... under a title line:
    three or more 'name: figure' lines with one unit and distinct names that hold no metric
    word list things measured by the title's metric, not metric labels ('p50: 4 ms' stays)."""
    metric_words = vocabulary().metric_words
    k = 0
    lines = run.lines
    while k < len(lines):
        end = k
        while end < len(lines) and lines[end].inline_label is not None:
            end += 1
        listed = lines[k:end]
        units = {(x.unit or "").split()[0].lower() if x.unit else "" for x in listed}
        names = [x.inline_label or "" for x in listed]
        if any(_TIER.match(n) for n in names):
            for x in listed:  # volume tiers of one price: the tier is the price's condition
                x.note = "; ".join(c for c in (x.inline_label, x.note) if c)
                x.inline_label = None
        elif (
            len(listed) >= _MIN_LISTED
            and k > 0
            and lines[k - 1].kind is Kind.LABEL
            and len(units) == 1
            and "" not in units
            and len(set(names)) == len(names)
            and not any(w.lower() in metric_words for n in names for w in _WORD.findall(n))
        ):
            for x in listed:
                x.inline_entity, x.inline_label = x.inline_label, None
        k = max(end, k + 1)


_MIN_PAIRS = 3
_PERCENTILE_NAME = re.compile(r"^[pP]\d{1,2}(?:\.\d+)?$")  # 'p50' / '4 ms' / 'p99' / '14 ms'
_MAX_NAME_WORDS = 4


def _promote_pair_names(run: _Run) -> None:
    """'React 18 + ReactDOM' / '42.2 KB (gzip)' / 'Vue 3' / '22.8 KB (gzip)' / ... under a title
    line: three or more name lines, each followed by one value line in one unit, with distinct
    short names holding no metric word, list things measured by the title's metric: each
    value is its name's (the title stays the label), not a card labelled by the name."""
    metric_words = vocabulary().metric_words
    lines = run.lines
    k = 1
    while k + 1 < len(lines):
        end = k
        while (
            end + 1 < len(lines)
            and lines[end].kind in (Kind.LABEL, Kind.ENTITY)
            and lines[end + 1].kind is Kind.VALUE
            and lines[end + 1].inline_label is None
            and lines[end + 1].inline_entity is None
        ):
            end += 2
        pairs = [(lines[i], lines[i + 1]) for i in range(k, end, 2)]
        names = [name.text for name, _ in pairs]
        units = {(value.unit or "").split()[0] if value.unit else "" for _, value in pairs}
        if (
            len(pairs) >= _MIN_PAIRS
            and lines[k - 1].kind is Kind.LABEL
            and len(units) == 1
            and "" not in units
            and len(set(names)) == len(names)
            and all(len(_WORD.findall(n)) <= _MAX_NAME_WORDS + 1 for n in names)
            and not any(w.lower() in metric_words for n in names for w in _WORD.findall(n))
            and not any(_PERCENTILE_NAME.match(n) for n in names)
        ):
            for name, value in pairs:
                name.kind, value.inline_entity = Kind.ENTITY, name.text
        k = max(end, k + 1)


def card_claims(
    out: ClaimCollector,
    blocks: list[Block],
    skip: set[int] | None = None,
    subject: str | None = None,
) -> set[int]:
    """Claims of every stat card on the page, but for the blocks in `skip` (read by another
    path); returns the block indexes they consumed. A page whose title names no entity has
    its cards of bare values ('VRAM Usage' / '4-6GB') about its one `subject` (the name it
    uses most), when it has one; 'Poetry: 1.1.5' lines name their own thing, not the subject."""
    names = [e for e in out.page.entities if e]
    consumed: set[int] = set()
    for number, run in enumerate(_runs(blocks, names, out.page.title, skip or set()), 1):
        owners = names
        if not names and subject and not any(x.inline_label or x.inline_entity for x in run.lines):
            owners = [subject]
        consumed |= _run_claims(out, run, number, owners)
    return consumed


@dataclass
class _Pairing:
    label: str | None
    explicit: bool  # the label is a line of its own, not the value's unit words
    unit_hint: str | None = None
    label_line: int | None = None


def _pair(lines: list[Line], k: int, used: set[int], headed: bool) -> _Pairing | None:
    line = lines[k]
    prev = lines[k - 1] if k > 0 else None
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    if line.inline_label is not None:
        return _Pairing(line.inline_label, True)
    if line.inline_entity is not None:
        return _Pairing(line.unit or "value", False)
    if prev is not None and prev.kind is Kind.LABEL and prev.index not in used:
        return _Pairing(prev.text, True, label_line=prev.index)
    if line.unit is None and nxt is not None and nxt.kind is Kind.LABEL:
        unit = nxt.text if _UNIT_LABEL.match(nxt.text) else None
        return _Pairing(nxt.text, True, unit_hint=unit, label_line=nxt.index)
    if line.unit:
        return _Pairing(line.unit, False)
    if headed and line.kind is Kind.VALUE:
        return _Pairing("unlabelled value", False)  # a bare number under an entity's heading
    return None


def _card_values(lines: list[Line], k: int) -> str | None:
    """For a value below the first one of a card ('311.87 TFLOPS Tensor Sparse' under
    '155.94 TFLOPS Tensor', both under 'TF32'), the card's name and its value lines down to
    it ('TF32: 155.94 TFLOPS Tensor / 311.87 TFLOPS Tensor Sparse', a line each): a later
    value is read against the ones above it (sparse beside dense). None for a first value."""
    start = k
    while start > 0 and lines[start - 1].kind in (Kind.VALUE, Kind.EMPTY):
        start -= 1
    if start == 0 or lines[start - 1].kind is not Kind.LABEL:
        return None
    values = [x.text for x in lines[start : k + 1] if x.kind is Kind.VALUE]
    if len(values) < 2:
        return None
    return f"{lines[start - 1].text}: " + "\n".join(values)


def _run_claims(out: ClaimCollector, run: _Run, number: int, names: list[str]) -> set[int]:
    lines = run.lines
    headed = [x for x in lines if x.kind is Kind.ENTITY]
    paired = sum(
        1
        for k, x in enumerate(lines)
        if x.kind is Kind.VALUE
        and (
            x.inline_label is not None
            or x.inline_entity is not None
            or (k and lines[k - 1].kind is Kind.LABEL)
        )
    )
    if not headed and paired < 2:
        return set()
    order = names or [x.text for x in headed]
    seen: dict[str, set[str]] = {name: set() for name in order}
    used: set[int] = set()
    consumed: set[int] = set()
    heading: str | None = None
    card_entity: str | None = None
    card_label: str | None = None
    section: str | None = None  # the last label line: the title over 'Name value' lines
    for k, line in enumerate(lines):
        if line.kind is Kind.LABEL:
            section = line.text
        if line.kind is Kind.ENTITY:
            after_heading = k > 0 and lines[k - 1].kind is Kind.ENTITY
            # two headings in a row list the cards' entities: the cards then follow that order
            heading = None if after_heading else line.text
            if after_heading:
                order = [x.text for x in lines[k - 1 : k + 1]] + [
                    n for n in order if n not in (lines[k - 1].text, line.text)
                ]
                seen = {name: set() for name in order}
            card_entity = card_label = None
            continue
        if line.kind not in (Kind.VALUE, Kind.EMPTY):
            continue
        if k and lines[k - 1].kind is Kind.PLACEHOLDER:
            consumed |= {line.index, lines[k - 1].index}  # 'N/A' / '0%': read by no one
            continue
        pairing = _pair(lines, k, used, heading is not None)
        if pairing is None:
            continue
        if pairing.label_line is not None:
            used.add(pairing.label_line)
        if line.inline_entity is not None:
            entity = line.inline_entity
        elif heading is not None:
            entity = heading
        elif pairing.explicit or card_entity is None:
            entity = _next_entity(seen, order, pairing.label or "")
            card_entity = entity if pairing.explicit else card_entity
        else:
            entity = card_entity
        if pairing.explicit:
            card_label = pairing.label
        label = pairing.label
        extra = None
        if line.inline_entity is not None and section is not None:
            # a rate names its metric ('88,200 req/s': the title is the case); a plain unit
            # does not ('Bun 8ms' under 'Startup Time': the title is the metric)
            if "/" in (line.unit or ""):
                extra = section
            else:
                label = section
        elif not pairing.explicit and card_label is not None and heading is None:
            label = card_label  # '756.45 TFLOPS Tensor' under the card 'FP16'
        # the words after the unit ('Tensor (FP16 Accumulate)') qualify the measurement
        words = " ".join((line.unit or "").split()[1:]) if label != line.unit else ""
        conditions = "; ".join(c for c in (extra, words, line.note) if c)
        if line.kind is Kind.EMPTY or not entity or not label:
            continue
        evidence = f"{pairing.label} {line.text}" if pairing.label_line is not None else line.text
        if label == card_label and card_label not in evidence:
            evidence = f"{card_label}\n{line.text}"  # the card's name line heads the value
        if label == card_label and heading is None:
            evidence = _card_values(lines, k) or evidence
        ratio = bool(_RATIO.search(line.raw))  # '2.5x' on a card: a comparison, not a value
        others = [n for n in order if n != entity]
        out.add(
            entity=entity,
            label=label,
            unit_hint=pairing.unit_hint,
            conditions=conditions or None,
            raw_value=line.raw,
            role=ClaimRole.RATIO if ratio else ClaimRole.VALUE,
            counterpart=others[0] if ratio and len(others) == 1 else None,
            kind=LocationKind.CARD,
            locator=f"cards {number} / line {k + 1} / {entity}",
            evidence=evidence,
            row_key=f"cards{number}",
        )
        consumed.add(line.index)
    if consumed:  # the cards' headings name entities (and versions), they hold no figures
        consumed |= {x.index for x in headed}
    return consumed


def _next_entity(seen: dict[str, set[str]], order: list[str], label: str) -> str:
    """The first entity (page order) without a card of this label yet; a label every entity
    already has starts a new round of cards."""
    if not order:
        return ""
    for name in order:
        if label not in seen[name]:
            seen[name].add(label)
            return name
    for labels in seen.values():
        labels.clear()
    seen[order[0]].add(label)
    return order[0]
