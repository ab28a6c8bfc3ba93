"""Qualitative verdicts → direction-only RATIO claims ("A uses less memory than B", "Kafka has
the best throughput", "the winner on cold start is A").

Why: a page's verdicts are what a reader remembers, and a verdict the page's own table
contradicts is an error; without a number they were no claims at all. Each becomes a RATIO
claim whose raw_value is the verdict word as written, counterpart B (or "next best" for a
superlative), label the word with its metric phrase; normalize reads its direction. Words
live in ingest/data/verdicts.toml. Conservative: a comparison needs its other side named, a
vague superlative ("the best choice") is no verdict, negations and ranks ("one of the
fastest") turn it off, and a number before the word leaves it to the numeric reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from crosscheck.ingest.attribution import (
    Named,
    ProseState,
    clause_of,
    clauses,
    entity_name,
    named,
)
from crosscheck.ingest.lexicon import alternation
from crosscheck.ingest.sentence_text import read_before, sentence_text
from crosscheck.ingest.sinks import ClaimSink

from crosscheck.common import toml_cache
from crosscheck.contracts import ClaimRole, LocationKind

__all__ = ["NEXT_BEST", "Verdict", "find_verdicts", "read_verdicts"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "verdicts.toml"
NEXT_BEST = "next best"  # the counterpart of a superlative: every other entity measured
Form = Literal["comparative", "outranks", "superlative", "leads", "winner"]
_DIGIT = re.compile(r"\d")
_NUMBER_BEFORE = re.compile(r"(?:\d|%|×|倍|\btimes|\bfold|\bfois)[^\w]*(?:\w+\s+){0,1}$", re.I)
# "outperforms B by 30%", "faster than B by 2x": a margin after the word is a number
_NUMBER_AFTER = re.compile(r"[^.;:!?]{0,40}?\b(?:by|par|de)\s+(?:about\s+|~|≈)?\d", re.I)
_JOINED = re.compile(r"\s*(?:and|or|&|,|\+|/|et|和|与|與)\s*", re.IGNORECASE)
_JOINED_AFTER = re.compile(r"\s*(?:and|&|\+|/|et|和|与|與)\s*\w", re.IGNORECASE)
_METRIC_GAP = 40  # characters between a comparative and "than" that may hold its metric
_WORDS_BETWEEN = 4  # words between a verdict word and its metric ("lowest end-to-end latency")


@dataclass(frozen=True)
class _Patterns:
    comparative: re.Pattern[str]
    outranks: re.Pattern[str]
    than: re.Pattern[str]  # at a position: the marker, then an optional "the"
    superlative: re.Pattern[str]
    leads: re.Pattern[str]
    winner: re.Pattern[str]
    any: re.Pattern[str]
    needs_metric: frozenset[str]
    tails: re.Pattern[str]
    rest: re.Pattern[str]  # "the rest", "the others": every other entity
    zh: re.Pattern[str]  # "比 B [metric] [hedge] 快": the word after the other side
    hedge_before: re.Pattern[str]
    blocker_before: re.Pattern[str]
    blocker_after: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))

    def rx(key: str) -> re.Pattern[str]:
        return re.compile(alternation([str(w) for w in doc[key]]), re.IGNORECASE)

    every = [*doc["comparatives"], *doc["outranks"], *doc["superlatives"], *doc["leads"]]
    every += [*doc["winners"], *doc["zh_markers"]]
    return _Patterns(
        comparative=rx("comparatives"),
        outranks=rx("outranks"),
        than=re.compile(rf"\s*(?:{alternation(doc['than'])})\s*(?:the\s+|both\s+)?", re.IGNORECASE),
        superlative=re.compile(
            rf"(?:the\s+|le\s+|la\s+)?(?:{alternation(doc['superlatives'])})", re.IGNORECASE
        ),
        leads=rx("leads"),
        winner=rx("winners"),
        any=re.compile(alternation([str(w) for w in every]), re.IGNORECASE),
        needs_metric=frozenset(str(w).lower() for w in doc["needs_metric"]),
        tails=re.compile(
            rf"\s*(?:[.;:,!)]|$|(?:{alternation(doc['superlative_tails'])})|"
            rf"(?:[\w.+#/-]+\s+){{0,2}}(?:{alternation(doc['category_nouns'])}))",
            re.IGNORECASE,
        ),
        rest=re.compile(rf"(?:{alternation(doc['rest'])})(?!\s+(?:of|in)\b)", re.I),
        zh=re.compile(
            rf"(?:{alternation(doc['zh_markers'])})\s*(?P<b>[^\s\d，。；、]{{1,30}}?)\s*"
            rf"(?P<metric>[^\s\d，。；、]{{0,8}}?)(?P<hedge>{alternation(doc['zh_hedges'])})?"
            rf"(?P<word>{alternation(doc['zh_words'])})(?!\s*[\d~≈])"
        ),
        hedge_before=re.compile(rf"(?:{alternation(doc['hedges'])})\s*$", re.IGNORECASE),
        blocker_before=re.compile(alternation(doc["blockers"]), re.IGNORECASE),
        blocker_after=re.compile(rf"[\s-]*(?:{alternation(doc['after_blockers'])})", re.IGNORECASE),
    )


@dataclass(frozen=True)
class Verdict:
    """One verdict of a sentence: who, against whom, which word, on what."""

    entity: str
    counterpart: str  # B as written, or NEXT_BEST
    word: str  # the verdict word as written (the claim's raw_value)
    start: int
    end: int
    label: str  # hedge + word + metric phrase ("slightly faster", "less memory")
    form: Form


def read_verdicts(
    out: ClaimSink,
    text: str,
    kind: LocationKind,
    where: str,
    default: str | None,
    state: ProseState,
    conditions: str | None = None,
) -> int:
    """Add the verdict claims of one sentence to `out`; returns how many."""
    found = find_verdicts(text, default, state)
    for v in found:
        out.add(
            entity=v.entity,
            label=v.label,
            raw_value=v.word,
            kind=kind,
            role=ClaimRole.RATIO,
            counterpart=v.counterpart,
            locator=f"{where} verdict chars {v.start}-{v.end}",
            evidence=text,
            conditions=conditions,
        )
    return len(found)


@lru_cache(maxsize=16384)
def has_verdict_word(text: str) -> bool:
    """Cheap test before a block is split into sentences (kept per text: pages repeat lines)."""
    return _patterns().any.search(text) is not None


@lru_cache(maxsize=4096)
def _form_matches(text: str) -> tuple[tuple[Form, re.Match[str]], ...]:
    """Every verdict word of a sentence with its form, form by form (kept per text: pages
    repeat their sentences)."""
    p = _patterns()
    forms: tuple[tuple[Form, re.Pattern[str]], ...] = (
        ("comparative", p.comparative),
        ("outranks", p.outranks),
        ("superlative", p.superlative),
        ("leads", p.leads),
        ("winner", p.winner),
    )
    return tuple((form, m) for form, pattern in forms for m in pattern.finditer(text))


def find_verdicts(text: str, default: str | None, state: ProseState) -> list[Verdict]:
    """The verdicts of one sentence, at most one per entity pair and word."""
    p = _patterns()
    if not p.any.search(text) or text.rstrip().endswith("?"):
        return []
    lex = state.lex
    scans = read_before(text, lex)
    if scans is None and _DIGIT.search(text) is None:
        # no digit: the prose reader scans the sentence for figures only if it says a
        # multiplier, so its two scans read here are made alone (the same answers as
        # sentence_text's), the clauses only for a sentence naming someone
        if lex.cross_reference.search(text) is not None:
            return []
        names = named(text, state)
        if not names and default is None:
            return []
        parts = clauses(text, lex)
    else:
        scans = scans or sentence_text(text, lex)
        if scans.cross_reference:
            return []
        names = named(text, state)
        if not names and default is None:
            return []
        parts = scans.parts
    out: dict[tuple[str, str, str], Verdict] = {}
    for form, m in _form_matches(text):
        verdict = _verdict(text, m, form, names, parts, default, state)
        if verdict is not None:
            key = (verdict.entity, verdict.counterpart, verdict.word.lower())
            out.setdefault(key, verdict)
    for m in _patterns().zh.finditer(text):
        verdict = _zh_verdict(text, m, names, parts, state)
        if verdict is not None:
            out.setdefault((verdict.entity, verdict.counterpart, verdict.word), verdict)
    return sorted(out.values(), key=lambda v: v.start)


def _zh_verdict(
    text: str, m: re.Match[str], names: list[Named], parts: list[tuple[int, int]], state: ProseState
) -> Verdict | None:
    """ "A 比 B 快": A the name before the marker, B the name right after it."""
    other = next((n for n in names if n.mention.start == m.start("b")), None)
    if other is None or not m.group("b").startswith(other.mention.text):
        return None
    clause = clause_of(parts, m.start())
    if _patterns().blocker_before.search(text[max(clause[0], m.start() - 6) : m.end("word")]):
        return None
    before = [n for n in names if n.mention.end <= m.start() and n.mention.start >= clause[0]]
    if not before:
        return None
    entity, counterpart = entity_name(before[-1]), entity_name(other)
    if _same(entity, counterpart, state):
        return None
    found = list(state.lex.metric.finditer(text, clause[0], m.end()))
    metric = found[-1].group().strip() if found else ""
    word = m.group("word")
    label = "".join(x for x in (m.group("hedge") or "", word, metric) if x)
    if word.removeprefix("更") not in ("快", "慢") and not metric:
        return None  # "多" or "高" of what?
    start = m.start("word")
    return Verdict(entity, counterpart, word, start, m.end(), label, "comparative")


def _word_of(m: re.Match[str]) -> tuple[str, int]:
    """The verdict word without a leading article ("the best" → "best") and where it starts."""
    found = re.match(r"(?:the|le|la)\s+", m.group(), re.IGNORECASE)
    skip = found.end() if found else 0
    return m.group()[skip:], m.start() + skip


def _verdict(
    text: str,
    m: re.Match[str],
    form: Form,
    names: list[Named],
    parts: list[tuple[int, int]],
    default: str | None,
    state: ProseState,
) -> Verdict | None:
    p = _patterns()
    word, start = _word_of(m)
    end = m.end()
    clause = clause_of(parts, start)
    before = text[max(clause[0], start - 30) : start]
    if p.blocker_before.search(before) or _NUMBER_BEFORE.search(before):
        return None
    if p.blocker_after.match(text, end) or _NUMBER_AFTER.match(text, end):
        return None
    hedge = p.hedge_before.search(before)
    near = _metric_near(text, start, end, clause, form, state)
    metric = near[0] if near else None
    if word.lower() in p.needs_metric and metric is None:
        return None
    counterpart: str | None
    if form in ("comparative", "outranks"):
        counterpart = _other_side(text, end, form, names, p)
        if counterpart is None and form == "comparative":
            counterpart = _implied_other(text, start, end, near, clause, names, default, state)
        if counterpart is None:
            return None
    else:
        counterpart = NEXT_BEST
        if form == "superlative" and metric is None and not p.tails.match(text, end):
            return None  # "the fastest way to ...": no verdict on the page's figures
        if form == "leads" and metric is None:
            return None
    entity = _subject(text, start, end, clause, names, default, form)
    if entity is None or _same(entity, counterpart, state):
        return None
    if near and near[1] > end and form != "outranks":  # as written: "leads on downloads"
        said = " ".join(text[start : near[1]].split())
    else:
        said = " ".join(x for x in (word, metric or "") if x)
    label = f"{hedge.group().strip()} {said}" if hedge else said
    return Verdict(entity, counterpart, word, start, end, label, form)


_CLAUSE_ENDS = re.compile(r"\s*(?:[.;!)]|,|$|(?:and|but|while|whereas)\b)", re.IGNORECASE)


def _implied_other(
    text: str,
    start: int,
    end: int,
    near: tuple[str, int] | None,
    clause: tuple[int, int],
    names: list[Named],
    default: str | None,
    state: ProseState,
) -> str | None:
    """On a page whose title compares exactly two entities, "A is faster." or "A uses less
    memory, but …" compares A with the other one: only when the comparison ends its clause
    (no "than" to something else, no "faster to set up")."""
    if len(state.titled) != 2:
        return None
    after = near[1] if near and near[1] > end else end
    if not _CLAUSE_ENDS.match(text, after) or re.search(r"\bthan\b", text[end : clause[1]]):
        return None
    entity = _subject(text, start, end, clause, names, default, "comparative")
    if entity is None:
        return None
    canonical = state.finder.canonical
    own = canonical(entity) or entity
    others = [t for t in state.titled if (canonical(t) or t) != own]
    return others[0] if len(others) == 1 else None


def _metric_near(
    text: str, start: int, end: int, clause: tuple[int, int], form: Form, state: ProseState
) -> tuple[str, int] | None:
    """The metric phrase a verdict is about and where it ends: right after the word ("less
    memory than", "the best throughput", "leads on downloads", at most a few words between);
    a comparison may also name it elsewhere in its clause ("A's memory is lower than B's")."""
    after = state.lex.metric.search(text, end, min(len(text), end + _METRIC_GAP))
    if after:
        gap = text[end : after.start()]
        if not re.search(r"[.;:!?,()]|\bthan\b", gap) and len(gap.split()) <= _WORDS_BETWEEN:
            return after.group().strip(), after.end()
    if form not in ("comparative", "outranks"):
        return None
    found = list(state.lex.metric.finditer(text, clause[0], clause[1]))
    if not found:
        return None
    best = min(found, key=lambda f: abs(f.start() - start))
    return best.group().strip(), -1


def _other_side(text: str, end: int, form: Form, names: list[Named], p: _Patterns) -> str | None:
    """B: the name right after "than" (within the metric gap: "less memory than B"), or the
    object of "outperforms"."""
    if form == "outranks":
        gap = re.match(r"\s*(?:the\s+|both\s+)?", text[end:])
        at = end + (gap.end() if gap else 0)
        if p.rest.match(text, at):
            return NEXT_BEST  # "outperforms the rest"
        return next((entity_name(n) for n in names if n.mention.start == at), None)
    window = text[end : end + _METRIC_GAP + 20]
    for marker in re.finditer(r"\S", window):
        found = p.than.match(text, end + marker.start())
        if found is None:
            continue
        if re.search(r"[.;:!?,]", text[end : found.start()]):
            return None
        if p.rest.match(text, found.end()):
            return NEXT_BEST  # "faster than the rest": against every other entity
        return next((entity_name(n) for n in names if n.mention.start == found.end()), None)
    return None


def _subject(
    text: str,
    start: int,
    end: int,
    clause: tuple[int, int],
    names: list[Named],
    default: str | None,
    form: Form,
) -> str | None:
    """A: the clause's subject before the word; for a superlative or winner written first
    ("the winner on cold start is A"), the name after "is"; else the sentence's subject, the
    block's entity."""
    before = [n for n in names if n.mention.end <= start and not n.counterpart]
    if any(_JOINED_AFTER.match(text, n.mention.end) for n in before[-1:]):
        return None  # "A and X (a name the page does not know) are the fastest"
    in_clause = [n for n in before if n.mention.start >= clause[0]]
    if in_clause:
        if len(in_clause) >= 2 and _JOINED.fullmatch(
            text, in_clause[-2].mention.end, in_clause[-1].mention.start
        ):
            return None  # "Go and Rust are the fastest": a joint subject, no one entity
        return entity_name(in_clause[-1])
    if form in ("superlative", "winner", "leads"):
        tail = re.compile(r"[^.;!?]{0,40}?\b(?:is|was|goes to|:)\s+(?:the\s+)?", re.IGNORECASE)
        found = tail.match(text, end)
        if found:
            hit = next((n for n in names if n.mention.start == found.end()), None)
            if hit is not None:
                return entity_name(hit)
    if len(before) == 1:  # the sentence's one subject ("A is faster than B, but slower …")
        return entity_name(before[0])
    return default if not before else None


def _same(entity: str, counterpart: str, state: ProseState) -> bool:
    if counterpart == NEXT_BEST:
        return False
    canonical = state.finder.canonical
    return (canonical(entity) or entity) == (canonical(counterpart) or counterpart)
