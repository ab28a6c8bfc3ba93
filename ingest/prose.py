"""Prose and list items → claims, clause by clause.

Why: comparative prose names several entities and metrics per sentence ("A serves 48 210 QPS
... compared to 9 870 QPS for B"); each figure belongs to the entity and metric its own clause
names, comparisons ("2.7x faster than B", "a 35% improvement") are RELATION claims, and numbers
that are not figures (versions, dates, loads) are kept out or become the claim's conditions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from crosscheck.contracts import ClaimRole, LocationKind
from ingest.entities import EntityFinder, Mention
from ingest.lexicon import Lexicon, load_lexicon
from ingest.nonfigures import NotFigure, why_not
from ingest.spans import FigureSpan, find_prose_figures, split_sentences

_RATIO_MARK = re.compile(r"\d\s?(?:x|X|×)(?![A-Za-z])|倍|\btimes\b|\bfold\b")
_MERGE_GAP = re.compile(r"^\s*(?:\+|&|with|and|/)?\s*$")
_IMMEDIATE = re.compile(r"^\s*(?:\(|:|-|–|—|=)?\s*(?:at|is|of|in|had|has|hits?|with)?\s*[~≈]?\s*$")
# "Fastify 4.x:  92,400", "Express (with Zod validation):  11,100": the variant is the entity's
_VARIANT_AFTER = re.compile(r"(?P<variant>\s+v?\d[\w.]*|\s*\([^()]{1,40}\))(?=\s*:)")
_VARIANT_THEN = re.compile(r"^(?P<variant>\s+v?\d[\w.]*|\s*\([^()]{1,40}\))\s*[:=–-]\s*[~≈]?\s*$")
_OWNER_PAREN = re.compile(r"^\s*\(\s*$")
_LEAD_LABEL = re.compile(r"\s*(?P<label>[A-Za-z][\w .%/+-]{1,30}?)\s*:\s*[~≈]?\s*$")
_STOP_WORD = re.compile(
    r"^(?:than|compared|vs\.?|versus|of|over|for|on|in|at|with|to|and|or|the|a|an|when|while|"
    r"whereas|but|that|which|as|by|from|on)$",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3000-\u9fff]")
_OBJECT_OF = re.compile(r"\b(?:of|over|to)\s+(?:the\s+)?$", re.IGNORECASE)
_OPENS_WITH_MARKER = re.compile(
    r"[\s,;:—–(]*(?:compared\s+(?:to|with)|versus|vs\.?|than|比|与|與)\s", re.IGNORECASE
)
_CONTRAST = re.compile(r"\b(?:whereas|while|but|compared|versus|vs\.?)\b|;|—", re.IGNORECASE)
_ARTICLE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)
_QUALIFIED = re.compile(
    r"\s+(?:web\s+|micro)?(?:frameworks?|microframework|librar(?:y|ies)|runtime|ecosystem|developers|"
    r"code|packages?|APIs?|apps?|projects?|community|stdlib|standard library|versions?|"
    r"implementation|bindings|SDK|client|server|solution|tooling)\b",
    re.IGNORECASE,
)
# "all three runtimes deliver ~12,000 RPS", "both frameworks": every compared entity at once
_GROUP = re.compile(
    r"\b(?:all\s+(?:three|four|five|six|\d+)|both|all of them|each of them|neither)\b",
    re.IGNORECASE,
)
_GROUP_ENTITY = "\x00group"
_LIST_GAP = re.compile(r"\s*(?:and|or|et|und|i|,)\s*$")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass
class ProseState:
    """What the reader carries from sentence to sentence on one page."""

    finder: EntityFinder
    focus: set[str]  # canonical names the page compares (empty: every name counts)
    compared: list[str] = field(default_factory=list)  # the title's entities as written
    # (or, without such a title, the names the page mentions most)
    titled: list[str] = field(default_factory=list)  # the title's entities only
    lex: Lexicon = field(default_factory=load_lexicon)
    last_subject: str | None = None


@dataclass(frozen=True)
class _Named:
    """A mention with its role in the sentence."""

    mention: Mention
    counterpart: bool
    closed_paren_end: int | None  # where its (…) closes, when it sits inside one
    object_of: bool  # after "of"/"over"/"to": the other side of a multiplier ("4x the rate of B")


def _paren_close(text: str, pos: int) -> int | None:
    """End of the (...) holding `pos` (the nearest unclosed "(" before it), or None."""
    opened = text.rfind("(", 0, pos)
    if opened < 0 or text.rfind(")", 0, pos) > opened:
        return None
    close = text.find(")", pos)
    return close if close >= 0 else None


def _merged(mentions: list[Mention], text: str) -> list[Mention]:
    """Adjacent names form one entity as written: "Go jackc/pgx", "Actix-web + Sqlx"."""
    out: list[Mention] = []
    for m in mentions:
        if out and _MERGE_GAP.match(text[out[-1].end : m.start]) and m.start - out[-1].end <= 3:
            prev = out[-1]
            out[-1] = Mention(prev.start, m.end, text[prev.start : m.end], prev.canonical)
            continue
        out.append(m)
    return out


def _named(text: str, state: ProseState) -> list[_Named]:
    mentions = [m for m in state.finder.mentions(text) if not _is_modifier(text, m, state)]
    if state.focus:
        mentions = [m for m in mentions if m.canonical in state.focus]
    out = []
    for m in _merged(mentions, text):
        window = text[max(0, m.start - 40) : m.start]
        counterpart = bool(state.lex.comparison_marker.search(window))
        object_of = bool(_OBJECT_OF.search(window))
        out.append(_Named(m, counterpart, _paren_close(text, m.start), object_of))
    return out


def _is_modifier(text: str, mention: Mention, state: ProseState) -> bool:
    """A language named as an adjective ("a Python web framework", "Go stdlib"): the figure
    is about the thing it qualifies, not about the language."""
    known = state.finder.gazetteer.names.get(mention.canonical)
    titled = {state.finder.canonical(t) for t in state.titled}
    if known is None or known.kind != "language" or mention.canonical in titled:
        return False
    before = text[max(0, mention.start - 8) : mention.start]
    return bool(_ARTICLE.search(before) or _QUALIFIED.match(text, mention.end))


def _clauses(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    bounds = [0]
    for match in lex.clause_break.finditer(text):
        bounds.append(match.start())
    bounds.append(len(text))
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for start, end in clauses:
        if start <= pos < end:
            return start, end
    return clauses[-1]


def _visible(named: _Named, span: FigureSpan) -> bool:
    """A name inside a parenthesis closed before the figure ("(Node.js creator) in 2018")."""
    return named.closed_paren_end is None or named.closed_paren_end >= span.start


def _entity_name(named: _Named, text: str = "") -> str:
    """The name as written, with the variant that follows it ("Fastify 4.x:", "Express (no
    validation):"), so figures of two variants never look like one entity's conflict."""
    name = named.mention.text.rstrip("’'").removesuffix("’s").removesuffix("'s")
    variant = _VARIANT_AFTER.match(text, named.mention.end) if text else None
    return name + variant.group("variant") if variant else name


def attribute(
    text: str,
    span: FigureSpan,
    names: list[_Named],
    clause: tuple[int, int],
    default: str | None,
    last_subject: str | None,
    relation: bool = False,
    opens_with_marker: bool = False,
) -> str | None:
    """The entity a figure speaks of, clause first (see the module docstring). In a clause
    that opens with "compared to B" the values are B's; a relation's subject is never B."""
    for n in reversed(names):  # a name right before: "Node.js (5,240 req/s)", "Deno’s 6,180"
        m = n.mention
        if m.end <= span.start and _IMMEDIATE.match(text[m.end : span.start]):
            return _entity_name(n, text)
        if m.end <= span.start and _VARIANT_THEN.match(text[m.end : span.start]):
            return _entity_name(n, text)
        if m.end <= span.start:
            break
    for n in names:  # a name right after: "9 870 QPS for B", "31 ms (B)"
        m = n.mention
        if m.start < span.end:
            continue
        gap = text[span.end : m.start]
        if len(gap) <= 12 and (
            re.match(r"^\s*\)?\s*(?:for|on|pour|dla)\s+(?:the\s+)?$", gap, re.I)
            or (_OWNER_PAREN.match(gap) and text[m.end : m.end + 1] == ")")
        ):
            return _entity_name(n, text)
        break
    start = clause[0]
    group = _GROUP.search(text, 0, span.start)
    if group and not any(group.end() <= n.mention.start < span.start for n in names):
        return _GROUP_ENTITY + group.group()
    before = [n for n in names if n.mention.end <= span.start and _visible(n, span)]
    in_clause = [
        n
        for n in before
        if n.mention.start >= start
        and (not n.counterpart or (opens_with_marker and not relation))
        and not (relation and n.object_of)
    ]
    if in_clause:
        return _entity_name(in_clause[-1], text)
    if default is not None:
        return default
    subjects = [n for n in before if not n.counterpart and not (relation and n.object_of)]
    if subjects:
        return _entity_name(subjects[-1], text)
    after = [n for n in names if n.mention.start >= span.end and not n.counterpart]
    if after and not _CONTRAST.search(text, span.end, after[0].mention.start):
        return _entity_name(after[0], text)
    return last_subject or (_entity_name(after[0], text) if after else None)


def _counterpart(
    text: str, span: FigureSpan, names: list[_Named], entity: str | None, state: ProseState
) -> str | None:
    """The other side of a comparison: a name after a marker ("than B", "of B"), else the
    page's only other entity."""
    after = text[span.end :]
    match = state.lex.counterpart_after_ratio.match(after)
    for n in names:
        name = _entity_name(n)
        if name == entity:
            continue
        if n.counterpart:
            return name
        if match and n.mention.start == span.end + match.end():
            return name
    canonical = state.finder.canonical
    own = canonical(entity or "")
    compared = {canonical(c): c for c in state.compared}
    others = [written for c, written in compared.items() if c != own]
    return others[0] if len(others) == 1 and own in compared else None


def _metric_label(
    text: str,
    span: FigureSpan,
    clause: tuple[int, int],
    lex: Lexicon,
    others: list[FigureSpan],
) -> str | None:
    """The metric phrase a figure's clause names, nearest first (after the figure preferred);
    a phrase that belongs to another figure (inside it, or beyond it) is not this one's."""
    seg_start = max(text.rfind(c, 0, span.start) for c in "|(;,") + 1
    lead = _LEAD_LABEL.match(text, seg_start, span.start)
    if lead and not re.search(r"\s\d", lead.group("label")):
        return lead.group("label").strip()
    start, end = clause
    found = [(m.start(), m.end()) for m in lex.metric.finditer(text, start, end)]
    if not found:
        return None
    runs: list[tuple[int, int]] = []
    for a, b in found:  # adjacent phrases form one label: "FP32 CUDA cores"
        if runs and re.match(r"^[\s-]*$", text[runs[-1][1] : a]):
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))

    def owned_by_other(run: tuple[int, int]) -> bool:
        a, b = run
        for o in others:
            if o.start == span.start:
                continue
            if o.start <= a and b <= o.end + 1:
                return True
            if (b <= o.start and o.end <= span.start) or (span.end <= o.start and o.end <= a):
                return True
        return False

    runs = [r for r in runs if not owned_by_other(r)] or [
        r for r in runs if r[0] <= span.end and r[1] >= span.start
    ]
    if not runs:
        return None

    def distance(run: tuple[int, int]) -> tuple[int, int]:
        a, b = run
        if a <= span.end and b >= span.start:
            return (0, 0)
        if a >= span.end:
            return (0 if a - span.end <= 25 else 1, a - span.end)
        return (1, span.start - b)

    a, b = min(runs, key=distance)
    return text[a:b]


def _relation_label(text: str, span: FigureSpan, clause_end: int, lex: Lexicon) -> str:
    """The comparative phrase after a ratio or difference ("faster", "more throughput"), else
    the comparative word before it ("dropped 7%", "少 30%")."""
    tail = text[span.end : clause_end]
    before = lex.comparative_before.search(text[max(0, span.start - 40) : span.start])
    if before:
        return before.group().strip()
    if _CJK.search(tail[:3]):
        return tail.strip()[:8] or "ratio"
    words: list[str] = []
    for word in re.findall(r"[\w'’-]+", tail):
        if _STOP_WORD.match(word) and words:
            break
        if not _STOP_WORD.match(word):
            words.append(word)
        if len(words) == 3:
            break
    return " ".join(words)


def _role(text: str, span: FigureSpan, lex: Lexicon) -> ClaimRole:
    if _RATIO_MARK.search(span.text):
        return ClaimRole.RATIO
    if "%" in span.text and (
        lex.comparative_after.match(text[span.end :])
        or lex.comparative_before.search(text[max(0, span.start - 40) : span.start])
    ):
        return ClaimRole.DIFF
    return ClaimRole.VALUE


@dataclass
class FreeText:
    """One block of free text to read: a paragraph or a list item."""

    text: str
    kind: LocationKind
    where: str
    default: str | None


def read_free_text(out: object, block: FreeText, state: ProseState) -> int:
    """Add the claims of a paragraph or list item to `out` (a ClaimCollector); returns how many
    figures were added. A row of cells with link and tooltip markup ("[<sub>23</sub>](# ...) |")
    is a table row prose cannot read: the table readers own it."""
    if not _DIGIT.search(block.text):
        _note_subject(block.text, state)  # no digit, no figure: most lines end here
        return 0
    if block.text.count("|") >= 3 and ("](" in block.text or "<sub>" in block.text):
        return 0
    added = 0
    for start, sentence in split_sentences(block.text):
        where = (
            f"{block.where} sentence at {start}"
            if block.kind is LocationKind.PROSE
            else block.where
        )
        added += _read_sentence(out, sentence, block, where, state)
    return added


def _read_sentence(out: object, text: str, block: FreeText, where: str, state: ProseState) -> int:
    lex = state.lex
    spans_found = find_prose_figures(text) if _DIGIT.search(text) else []
    if not spans_found or lex.cross_reference.search(text):
        _note_subject(text, state)
        return 0
    names = _named(text, state)
    every = state.finder.mentions(text)
    ends = {n.mention.end for n in names} | {m.end for m in every}
    ends |= {m.start + len(m.text) for m in every}
    clauses = _clauses(text, lex)
    covered = [(m.start(), m.end()) for m in lex.condition.finditer(text)]
    conditions: list[str] = list(dict.fromkeys(text[a:b].strip() for a, b in covered))
    figures: list[tuple[FigureSpan, NotFigure | None]] = []
    for span in spans_found:
        reason = why_not(text, span, lex, ends, covered)
        if reason is None and figures and figures[-1][1] is not None:
            # "cores 2 and 3", "between 150 and 9600 VUs": the second number is like the first
            previous = figures[-1][0]
            if _LIST_GAP.match(text, previous.end, span.start):
                reason = figures[-1][1]
        figures.append((span, reason))
    for span, reason in figures:
        if reason not in (NotFigure.SETTING, NotFigure.VARIANT, NotFigure.CONDITION):
            continue
        if not any(a < span.end and span.start < b for a, b in covered):
            conditions.append(_widen(text, span))
    added = 0
    previous_label: str | None = None
    previous_unit = ""
    spans = [span for span, _ in figures]
    for span, reason in figures:
        if reason is not None:
            continue
        clause = _clause_of(clauses, span.start)
        role = _role(text, span, lex)
        opens = bool(_OPENS_WITH_MARKER.match(text, clause[0]))
        entity = attribute(
            text,
            span,
            names,
            clause,
            block.default,
            state.last_subject,
            role is not ClaimRole.VALUE,
            opens,
        )
        own = _metric_label(text, span, clause, lex, spans)
        unit = _unit(span.text)
        label = own or (previous_label if unit in ("", previous_unit) else None)
        if _YEAR.match(span.text):
            verbs = list(lex.release_verb.finditer(text[max(0, span.start - 70) : span.start]))
            label = verbs[-1].group() if verbs else label
        if role is ClaimRole.VALUE and label:
            previous_label, previous_unit = label, _unit(span.text)
        if entity is not None and entity.startswith(_GROUP_ENTITY):
            # every compared entity, else the group as written ("All four")
            as_written = entity.removeprefix(_GROUP_ENTITY)
            entity = " + ".join(state.compared) if len(state.compared) >= 2 else as_written
        if entity is None:
            continue
        if role is not ClaimRole.VALUE:
            phrase = _relation_label(text, span, clause[1], lex)
            metric = own or _metric_label(text, span, (0, len(text)), lex, spans)
            if phrase and metric and metric.lower() not in phrase.lower():
                phrase = f"{phrase} ({metric})"
            label = phrase or label or "ratio"
        out.add(  # type: ignore[attr-defined]
            entity=entity,
            label=label or _clause_text(text, clause),
            raw_value=span.text,
            kind=block.kind,
            role=role,
            counterpart=_counterpart(text, span, names, entity, state)
            if role is not ClaimRole.VALUE
            else None,
            locator=f"{where} chars {span.start}-{span.end}",
            evidence=text,
            conditions="; ".join(conditions) or None,
        )
        added += 1
    _note_subject(text, state, names)
    return added


def _note_subject(text: str, state: ProseState, names: list[_Named] | None = None) -> None:
    """Remember the sentence's subject: a later clause without a name may speak of it."""
    if names is None:  # the cheap path for the many lines without a figure
        for m in state.finder.mentions(text):
            if state.focus and m.canonical not in state.focus:
                continue
            before = text[max(0, m.start - 40) : m.start]
            if state.lex.comparison_marker.search(before) or _paren_close(text, m.start):
                continue
            if _is_modifier(text, m, state):
                continue
            state.last_subject = m.text.rstrip("’'").removesuffix("’s").removesuffix("'s")
            return
        return
    for n in names:
        if not n.counterpart and n.closed_paren_end is None:
            state.last_subject = _entity_name(n)
            return


def _unit(raw: str) -> str:
    """The words of a figure after its number ("ms", "req/s", "" for a bare number)."""
    return re.sub(r"^[^A-Za-z%×\u3000-\u9fff]*", "", raw.split(" ", 1)[-1] if " " in raw else raw)


def _widen(text: str, span: FigureSpan) -> str:
    """A condition number with the word after it ("80 GB SXM", "setting 100")."""
    match = re.match(r"\s+[A-Za-z][\w-]*", text[span.end :])
    return (span.text + match.group()) if match else span.text


def _clause_text(text: str, clause: tuple[int, int]) -> str:
    return text[clause[0] : clause[1]].strip(" ,;:—–")[:120]


_CODE_LINE = re.compile(
    r"^\s*(?:--?[A-Za-z][\w-]*(?:\s|=|$)|\$\s|>\s|\./|(?:npx|npm|pnpm|yarn|docker|curl|wget|wrk|"
    r"oha|k6|ab|hey|memtier_benchmark|redis-benchmark|go|cargo|pip|python3?|node|bun|deno)\s+"
    r"[\w./-]+.*(?:\s--?[A-Za-z]|\s#\s))|^\s*(?://|#!|import\s|const\s|let\s|var\s|def\s)"
)


def is_code_line(text: str) -> bool:
    """A shell command, a flag line or a code comment that text snapshots leave unfenced."""
    if " // " in text or "/*" in text or text.rstrip().endswith(("{", "};", "});")):
        return True
    return (
        bool(_CODE_LINE.match(text))
        or len(re.findall(r"(?:^|\s)--?[A-Za-z][\w-]*[\s=]\S", text)) >= 2
    )


def is_heading_like(text: str) -> bool:
    """A short line without sentence punctuation: a heading in a text snapshot."""
    stripped = text.strip()
    if not stripped or len(stripped) > 80 or "|" in stripped:
        return False
    if len(stripped.split()) > 10 or stripped[-1] in ".,;":
        return False
    return stripped[0].isupper() or stripped[0].isdigit() or stripped.startswith(("*", "#"))
