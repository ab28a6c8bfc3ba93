"""Prose and list items → claims, clause by clause.

Why: comparative prose names several entities and metrics per sentence ("A serves 48 210 QPS
... compared to 9 870 QPS for B"); each figure belongs to the entity and metric its own clause
names, comparisons ("2.7x faster than B", "a 35% improvement") are RELATION claims, and numbers
that are not figures (versions, dates, loads) are kept out or become the claim's conditions.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from crosscheck.ingest.anaphors import note_pair, with_anaphors
from crosscheck.ingest.attribution import (
    GROUP_ENTITY,
    ProseState,
    attribute,
    clause_of,
    counterpart_of,
    entity_name,
    named,
)
from crosscheck.ingest.cardlines import is_section_heading
from crosscheck.ingest.clause_subjects import with_clause_subjects
from crosscheck.ingest.contrast import (
    contrast_pairs,
    other_side,
    owner_after,
    unnamed_counterpart,
)
from crosscheck.ingest.corrections import RETRACTED_CONDITION, find_corrections
from crosscheck.ingest.figure_hints import context_hint, sizes_in_bytes
from crosscheck.ingest.labels import clause_text, metric_label, relation_label, role_of, unit_of
from crosscheck.ingest.lexicon import Lexicon
from crosscheck.ingest.lines import (
    LineRecord,
    is_code_line,
    is_heading_like,
    line_record,
    list_lead_metric,
)
from crosscheck.ingest.model_pairs import (
    listed_owners,
    respective_owners,
    shared_owners,
    sibling_mentions,
)
from crosscheck.ingest.nonfigures import NotFigure
from crosscheck.ingest.page_kinds import kind_page
from crosscheck.ingest.prose_figures import (
    beyond_limit,
    lead_in_metric,
    outside_names,
    plain_values,
    sentence_figures,
    widen,
)
from crosscheck.ingest.prose_subjects import group_of, note_subject, with_versions
from crosscheck.ingest.sentence_gates import no_values
from crosscheck.ingest.sentence_text import says_multiplier, sentence_text
from crosscheck.ingest.sinks import ClaimSink
from crosscheck.ingest.size_spans import size_side
from crosscheck.ingest.spans import FigureSpan, split_sentences
from crosscheck.ingest.value_at import at_chains
from crosscheck.ingest.value_pairs import is_word, paired_values, versus_seconds
from crosscheck.ingest.verdicts import read_verdicts

from crosscheck.contracts import NO_ENTITY_RAW, ClaimRole, LocationKind

__all__ = [
    "ClaimSink",
    "FreeText",
    "ProseState",
    "is_code_line",
    "is_heading_like",
    "list_lead_metric",
    "read_free_text",
]

_OPENS_WITH_MARKER = re.compile(
    r"[\s,;:—–(]*(?:compared\s+(?:to|with)|versus|vs\.?|than|比|与|與)\s", re.IGNORECASE
)
_SENTENCE_LEAD = re.compile(r"\s*([A-Za-z][\w ./%()-]{1,30}?)\s*:\s+\D")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_SETUP_REASONS = (NotFigure.SETTING, NotFigure.VARIANT, NotFigure.CONDITION)
_SCALE_ONLY = re.compile(r"^(?:[KkMB]|bn|thousand|million|billion|trillion|[万萬亿億])$")
# "4 million operations per second where Redis tops out at 150,000": the neighbour's scale word
# is its own figure's, only the unit after it is lent
_LEADING_SCALE = re.compile(r"^(?:thousand|million|billion|trillion)\s+(?=\S)", re.IGNORECASE)
# Shapes that never take a unit from a neighbour: versions ("3.10.2"), dates, model numbers.
# a block this long is a paragraph, not a heading or a label line ("Lowest Performance: Thin Film")
_PARAGRAPH = 120
_NOT_A_MEASURE = re.compile(r"^\d+\.\d+\.\d+|^\d{1,4}[-/]\d{1,2}[-/]\d{1,4}$|^\d{3,}[A-Za-z]\w*$")


class FreeText(NamedTuple):
    """One block of free text to read: a paragraph or a list item (a tuple: one is built for
    every line of a page, most of them read no further than their first test)."""

    text: str
    kind: LocationKind
    where: str
    default: str | None
    metric: str | None = None  # the metric a lead-in line ending in ":" names for its list
    line: LineRecord | None = None  # the text's record, when the caller has it


def read_free_text(out: ClaimSink, block: FreeText, state: ProseState) -> int:
    """Add the claims of a paragraph or list item to `out` (a ClaimCollector); returns how many
    figures were added. A row of cells with link and tooltip markup ("[<sub>23</sub>](# ...) |")
    is a table row prose cannot read: the table readers own it. Verdicts without a number
    ("A uses less memory than B") are read first (ingest.verdicts)."""
    added = _read_block(out, block, state)
    if (
        state.last_subject is not None
        and block.kind is LocationKind.PROSE
        and len(block.text) >= _PARAGRAPH
        and kind_page(tuple(state.compared))
    ):  # a kind a paragraph names is no subject of the next paragraph's figures (a heading's is)
        state.last_subject = None
    return added


def _read_block(out: ClaimSink, block: FreeText, state: ProseState) -> int:
    text = block.text
    line = block.line if block.line is not None else line_record(text)
    sentences: list[tuple[int, str]] | None = None
    if line.pipes < 2 and line.verdict:
        sentences = split_sentences(text, [*state.compared, *state.focus])
        _read_verdicts(out, block, state, sentences)
    if not line.has_digit and not says_multiplier(text, state.lex):
        note_subject(text, state)  # no digit, no figure: most lines end here
        return 0
    if line.pipes >= 3 and ("](" in text or "<sub>" in text):
        return 0
    if is_section_heading(text):  # '3.1 Enabling fsync': the number is the section's
        note_subject(text, state)
        return 0
    if sentences is None:
        sentences = split_sentences(block.text, [*state.compared, *state.focus])
    added = 0
    for start, sentence in sentences:
        where = (
            f"{block.where} sentence at {start}"
            if block.kind is LocationKind.PROSE
            else block.where
        )
        added += _read_sentence(out, sentence, block, where, state)
    return added


def _read_verdicts(
    out: ClaimSink, block: FreeText, state: ProseState, sentences: list[tuple[int, str]]
) -> None:
    for start, sentence in sentences:
        where = (
            f"{block.where} sentence at {start}"
            if block.kind is LocationKind.PROSE
            else block.where
        )
        # a list item's lead name ("**Bun**: the fastest") is its subject; a paragraph's
        # default (a heading's entity) is too far from a verdict to be its subject
        default = block.default if block.kind is LocationKind.LIST_ITEM else None
        read_verdicts(out, sentence, block.kind, where, default, state)


def _read_sentence(
    out: ClaimSink, text: str, block: FreeText, where: str, state: ProseState
) -> int:
    lex = state.lex
    scans = sentence_text(text, lex)
    if not scans.spans or scans.cross_reference:
        note_subject(text, state)
        return 0
    names = with_anaphors(text, named(text, state), state)  # "the former averages 121.6 FPS"
    every = sibling_mentions(text, state.finder.mentions(text), state.families())  # "945 and 245"
    names, every = with_clause_subjects(text, block.text, names, every, state)  # "Yahoo Mail.."
    ends = {n.mention.end for n in names} | {m.end for m in every}
    ends |= {m.start + len(m.text) for m in every}
    parts = scans.parts
    covered = scans.covered
    conditions: list[str] = list(scans.conditions)
    key = frozenset(ends)
    figures: list[tuple[FigureSpan, NotFigure | None]] | None = scans.reasons.get(key)
    if figures is None:
        figures = scans.reasons[key] = sentence_figures(text, scans.spans, lex, ends, covered)
    figures, chained = at_chains(text, outside_names(figures, every))  # '52 CUs @ 1.8 GHz'
    if all(reason is not None for _, reason in figures):  # no figure is a value: no claim;
        return no_values(text, names, figures, state)  # the subject alone is noted
    for span, reason in figures:
        if reason not in (NotFigure.SETTING, NotFigure.VARIANT, NotFigure.CONDITION):
            continue
        if not any(a < span.end and span.start < b for a, b in covered):
            conditions.append(widen(text, span))
    added = 0
    previous_label: str | None = None
    previous_unit = ""
    spans = [span for span, _ in figures]
    size_ends = {span.end for span in spans if size_side(span.text) is not None}
    in_bytes = sizes_in_bytes(spans)
    paired = paired_values(text, figures, names)
    both: dict[int, list[str]] = {}
    if len(names) >= 2:  # "A and B … $450 and $600, respectively"; "the 945 and 245 arrived"
        owners = [(n.mention.start, n.mention.end, entity_name(n, text)) for n in names]
        plain = [(s.start, s.end) for s, why in figures if why is None and not is_word(s)]
        paired = {**respective_owners(text, plain, owners), **paired}
        both = shared_owners(text, plain, owners) or listed_owners(text, plain, owners)
    lead = _SENTENCE_LEAD.match(text)  # "Memory: Django 180 MB, Flask 95 MB"
    if lead and any(m.start < lead.end(1) for m in every):
        lead = None  # "H100: ..." names an entity, not a metric
    lead_label = lead.group(1) if lead else lead_in_metric(text, every, lex)
    versioned = with_versions(text, figures, names)
    starts = [n.mention.start for n in names] + [m.start for m in every]
    setup = covered + [(f.start, f.end) for f, why in figures if why in _SETUP_REASONS]
    fixes = find_corrections(text, plain_values(text, figures, lex), lex, starts, setup)
    restates = {c.restated: c.first for c in fixes}
    retracted = {c.retracted for c in fixes}
    decided: dict[int, tuple[str, str | None]] = {}
    values = [span for span, reason in figures if reason is None]
    against = contrast_pairs(text, values, lex) if len(values) > 1 else {}
    versus = {} if names else versus_seconds(text, values)
    partners = {b.start for b in against.values()}
    seconds = {span.start: span for span in values}
    pair_units = {first.start: unit_of(seconds[at].text) for at, first in versus.items()}
    recommended = lex.recommend_if.match(text) if len(state.compared) == 2 else None
    beyond = recommended.end() if recommended else 0

    def entity_of(span: FigureSpan, relation: bool = False) -> str | None:
        if not names and state.last_part and _names_the_part(text, span.start, lex):
            return state.last_part  # "The benchmark credits the chip with 3.30 GHz"
        clause = clause_of(parts, span.start)
        opens = bool(_OPENS_WITH_MARKER.match(text, clause[0]))
        return paired.get(span.start) or attribute(
            text,
            span,
            names,
            clause,
            block.default,
            state.last_subject,
            relation,
            opens,
            state.last_relation_subject,
        )

    for span, reason in figures:
        if reason is not None:
            continue
        clause = clause_of(parts, span.start)
        worded = is_word(span) and not lex.spelled_quantity.search(span.text)
        role = ClaimRole.RATIO if worded else role_of(text, span, lex)
        entity = entity_of(span, role is not ClaimRole.VALUE)
        partner = against.get(span.start)
        if partner is not None and entity is not None and role is ClaimRole.VALUE:
            entity = other_side(
                text, span, entity, partner, names, state, lambda p=partner: entity_of(p)
            )
        if span.start in partners and role is ClaimRole.VALUE:
            entity = owner_after(text, span, names, lex) or entity  # "432 ... on A100"
        if span.start in versus and role is ClaimRole.VALUE:
            entity = _other_compared(entity_of(versus[span.start]), state) or entity
        if beyond and role is ClaimRole.VALUE and beyond_limit(text, span, beyond, lex):
            entity = _other_compared(entity, state) or entity  # "Use A if you need more than"
        if role is ClaimRole.VALUE and unnamed_counterpart(text, span, names, values, lex, entity):
            entity = _other_compared(entity, state) or entity  # "A has 24GB, compared to 16GB"
        own = metric_label(text, span, clause, lex, spans)
        if own is None and lead_label and span.start > text.find(":"):
            own = lead_label
        unit = unit_of(span.text)
        generic = own is not None and own.lower() in _GENERIC_LABELS
        if generic and previous_label and role is ClaimRole.VALUE:
            own = previous_label  # "A scored 1,874 in the single-core test, B's score 1,480"
        # "12GB of RAM, 2044067 points": a figure its score word follows is a score, never
        # the figure before's metric in that one's unit
        scored = not unit and bool(lex.score_after.match(text[span.end : span.end + 40]))
        if scored and previous_unit and previous_label and not _SCORE_LABEL.search(previous_label):
            own = None if own == previous_label else own
            previous_label, previous_unit = "score", ""
        label = own or (previous_label if unit in ("", previous_unit) else None)
        if label is None and not unit and role is ClaimRole.VALUE:
            label = _score_of_paragraph(text, span, block, state)
        form = lex.form_after.match(text, span.end) if label and unit else None
        if form is not None and label is not None:  # "~400 kB gzipped": not the plain size
            label = f"{label} ({form.group().strip()})"
        # "Bun claims 52,000 req/sec, Deno hits 29,000": the bare figure takes the unit too
        hint = previous_unit if not unit and previous_unit and not is_word(span) else None
        if hint and own is not None and own != previous_label:
            hint = None  # "a clock of 4,051MHz, a single-core score of 3,095": its own metric
        if hint and (_YEAR.match(span.text) or _NOT_A_MEASURE.match(span.text)):
            hint = None  # "54 billion transistors ... released in 2020": a year takes no unit
        if hint and _SCALE_ONLY.match(hint):
            hint = None  # "1M patients for 4000 doctors": a scale is the figure's own, no unit
        paired_unit = pair_units.get(span.start)
        if not unit and paired_unit and not _YEAR.match(span.text):
            hint = paired_unit  # "(513 vs 460 PPI)": the first takes the second's unit
        if hint:
            hint = _LEADING_SCALE.sub("", hint)
        hint = context_hint(text, span, unit, hint, in_bytes, lex)
        if label is None and "/" in unit:
            label = unit  # "48 210 inserts/s": the unit names the metric
        if label is None and block.metric and block.kind is LocationKind.LIST_ITEM:
            label = block.metric  # "… requests per second:" then "- C - 45k"
        if _YEAR.match(span.text):
            verbs = list(lex.release_verb.finditer(text[max(0, span.start - 70) : span.start]))
            label = verbs[-1].group() if verbs else label
        if role is ClaimRole.VALUE and label:
            previous_label, previous_unit = label, unit_of(span.text)
            if _SCORE_LABEL.search(label):
                state.last_score = (block.where, label)
        if entity is not None and entity.startswith(GROUP_ENTITY):
            entity = group_of(entity.removeprefix(GROUP_ENTITY), state)
        if entity is None and kind_page(tuple(state.compared)):
            entity = NO_ENTITY_RAW  # a kind page's figure no kind owns: quarantined, not lost
        if entity is None:
            continue
        entity = versioned.get(entity, entity)
        if span.start in restates and restates[span.start] in decided:
            # "X is 73%, but in fact it is 93%": the restated value is X's, of X's metric
            entity, label = decided[restates[span.start]]
        decided[span.start] = (entity, label)
        if role is not ClaimRole.VALUE:
            state.last_relation_subject = entity
            phrase = relation_label(text, span, clause[1], lex)
            metric = own or metric_label(text, span, (0, clause[1]), lex, spans)
            if phrase and metric and metric.lower() not in phrase.lower():
                phrase = f"{phrase} ({metric})"
            label = phrase or label or "ratio"
        figure_conditions = [*conditions, *chained.get(span.start, ())]
        side = size_side(span.text)
        if side is None and span.end in size_ends and not span.text.startswith(("x", "×")):
            side = "size side 1 from the end"  # "67.5 mm" of "… × 67.5 mm"
        if side is not None:  # "134.1 × 100.5 × 67.5 mm": each side its own figure
            figure_conditions = [*conditions, side]
        if role is ClaimRole.VALUE and lex.difference_after.match(text, span.end):
            figure_conditions = [*conditions, DIFFERENCE_CONDITION]  # "30 minutes more battery"
        for nth, owner in enumerate(both.get(span.start, [entity])):
            out.add(
                entity=owner,
                label=label or clause_text(text, clause),
                raw_value=span.text,
                kind=block.kind,
                role=role,
                counterpart=counterpart_of(text, span, names, entity, state)
                if role is not ClaimRole.VALUE
                else None,
                locator=f"{where} chars {span.start}-{span.end}"
                + (f" owner {nth + 1}" if nth else ""),
                evidence=text,
                conditions="; ".join(
                    [*figure_conditions, RETRACTED_CONDITION]
                    if span.start in retracted
                    else figure_conditions
                )
                or None,
                unit_hint=hint if role is ClaimRole.VALUE else None,
            )
            added += 1
    note_subject(text, state, names, versioned)
    if len(names) >= 2:  # the pair "the former"/"the latter" speak of
        note_pair([entity_name(n, text) for n in names], state)
    return added


_SCORE_LABEL = re.compile(r"\bscores?\b", re.IGNORECASE)
DIFFERENCE_CONDITION = "difference"  # a figure by which one product leads another


def _names_the_part(text: str, end: int, lex: Lexicon) -> bool:
    """Whether the words before `end` speak of "the chip" itself, not of a subject "with the
    processor" (ingest/data/prose.toml, part_reference)."""
    found = lex.part_reference.search(text, 0, end)
    return found is not None and not lex.part_reference_not_after.search(
        text, max(0, found.start() - 12), found.start()
    )


def _score_of_paragraph(
    text: str, span: FigureSpan, block: FreeText, state: ProseState
) -> str | None:
    """A bare number right after a score verb ("A, on the other hand, scored 1874") whose
    sentence names no metric: the score the paragraph's sentence before named."""
    last = state.last_score
    if last is None or last[0] != block.where:
        return None
    return (
        last[1]
        if state.lex.score_before.search(text[max(0, span.start - 24) : span.start])
        else None
    )


# Metric words too plain to tell two measures apart: after a figure of a named metric in the
# same sentence, such a figure is of that metric.
_GENERIC_LABELS = frozenset({"score", "scores", "result", "results", "performance"})


def _other_compared(entity: str | None, state: ProseState) -> str | None:
    """The page's other compared entity, when it compares exactly two and `entity` is one."""
    if entity is None or len(state.compared) != 2:
        return None
    own = state.finder.canonical(entity)
    others = [c for c in state.compared if state.finder.canonical(c) != own]
    return others[0] if len(others) == 1 else None
