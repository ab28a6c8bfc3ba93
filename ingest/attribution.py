"""Which entity a figure in a sentence speaks of, clause by clause.

Why: comparative sentences name several entities ("A serves 48 210 QPS compared to 9 870 QPS
for B"); a figure belongs to the name its own clause gives it, never to the other side of a
comparison, and the order of the rules below is what makes that hold (docs/prose.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from crosscheck.ingest.attribute_slots import without_attributes  # roles31
from crosscheck.ingest.bound_names import BoundMention, bound_mentions, bound_owner
from crosscheck.ingest.entities import EntityFinder, Mention, PhraseMention
from crosscheck.ingest.fronted import is_setting
from crosscheck.ingest.group_owners import group_owner
from crosscheck.ingest.lexicon import Lexicon, load_lexicon
from crosscheck.ingest.model_pairs import model_families, sibling_mentions
from crosscheck.ingest.model_years import with_model_year
from crosscheck.ingest.name_patterns import in_focus
from crosscheck.ingest.over_objects import over_owner
from crosscheck.ingest.spans import FigureSpan

_MERGE_GAP = re.compile(r"^\s*(?:\+|&|with|and|/)?\s*$")
# (a possessive first: "versus Google’s 7.17 ms"; a mention's end stops before it)
_IMMEDIATE = re.compile(
    r"^(?:['’]s(?!\w))?\s*(?:\(|:|-|–|—|=)?\s*(?:at|is|of|in|had|has|hits?|with)?\s*[~≈]?\s*$"
)
# "Fastify 4.x:  92,400", "Express (with Zod validation):  11,100": the variant is the entity's
_VARIANT_AFTER = re.compile(r"(?P<variant>\s+v?\d[\w.]*|\s*\([^()]{1,40}\))(?=\s*:)")
_VARIANT_THEN = re.compile(
    r"^(?:(?P<variant>\s+v?\d[\w.]*|\s*\([^()]{1,40}\))\s*[:=–-]|\s+v?\d+(?:\.\d+)+)\s*[~≈]?\s*$"
)
# "9 870 QPS for B", "2 000 et 6 500 pour B": the name after owns the figure (and "and"'s)
_OWNER_GAP = re.compile(
    r"^\s*(?:(?:and|et|und|e|y|i|och|и)\s+[~≈]?\d[\d\s.,]*\s+)?(?:[A-Za-z/]+\s+)?\)?\s*"
    r"(?:for|on|pour|dla)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_OWNER_PAREN = re.compile(r"^\s*\(\s*$")
_OBJECT_OF = re.compile(r"\b(?:of|over|to)\s+(?:the\s+)?$", re.IGNORECASE)
_CONTRAST = re.compile(r"\b(?:whereas|while|but|compared|versus|vs\.?|than)\b|;|—", re.IGNORECASE)
_COUNT_BEFORE = re.compile(r"\d[\d,.]*[kKM+]?\s+$")
_PLURAL_AFTER = re.compile(r"\s+[a-z]{3,}s\b")
_ARTICLE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)
_QUALIFIED = re.compile(
    r"\s+(?-i:[A-Z]{2,6}\s+)?(?:web\s+|micro)?"  # "a Python JSON library": an acronym between
    r"(?:frameworks?|microframework|librar(?:y|ies)|runtime|ecosystem|developers|"
    r"code|packages?|APIs?|apps?|projects?|community|stdlib|standard library|versions?|"
    r"implementation|bindings|SDK|client|server|solution|tooling)\b",
    re.IGNORECASE,
)
GROUP_ENTITY = "\x00group"


@dataclass
class ProseState:
    """What the reader carries from sentence to sentence on one page."""

    finder: EntityFinder
    focus: set[str]  # canonical names the page compares (empty: every name counts)
    compared: list[str] = field(default_factory=list)  # the title's entities as written
    # (or, without such a title, the names the page mentions most)
    titled: list[str] = field(default_factory=list)  # the title's entities only
    # roles31: the title's, headings', tables' and most repeated names (ingest.attribute_slots)
    page_compared: list[str] = field(default_factory=list)
    lex: Lexicon = field(default_factory=load_lexicon)
    bound: frozenset[str] = frozenset()  # owners28: names bound to a figure (ingest.bound_names)
    last_subject: str | None = None
    last_part: str | None = None  # the name a part word introduced last ("Prozessor B")
    last_relation_subject: str | None = None
    last_pair: tuple[str, str] | None = None  # the last two names, for "the former/latter"
    # (paragraph, label) of the last score figure read: "B gained a single-core score of
    # 1480. A, on the other hand, scored 1874." gives the 1874 that label
    last_score: tuple[str, str] | None = None
    # named() of each sentence read (for verdicts, then figures; the finder's names are fixed)
    named_memo: dict[str, list[Named]] = field(default_factory=dict, repr=False)
    family_memo: dict[int, str] | None = field(default=None, repr=False)
    # per paragraph: whether it writes a known name as a clause's subject (ingest.clause_subjects)
    subject_memo: dict[str, bool] = field(default_factory=dict, repr=False)

    def families(self) -> dict[int, str]:
        """The model families of the page's own names (ingest.model_pairs), read once: the
        finder's names are fixed once the reading starts."""
        if self.family_memo is None:
            self.family_memo = model_families(self.finder.page_names)
        return self.family_memo


@dataclass(frozen=True)
class Named:
    """A mention with its role in the sentence."""

    mention: Mention
    counterpart: bool
    closed_paren_end: int | None  # where its (…) closes, when it sits inside one
    object_of: bool  # after "of"/"over"/"to": the other side of a multiplier ("4x the rate of B")
    part: bool = False  # after "based on", "with processor": a part of the name before it


def paren_close(text: str, pos: int) -> int | None:
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
        sibling = m.text.isdigit() and m.canonical != m.text  # "265 & 965": two models
        if out and _MERGE_GAP.match(text[out[-1].end : m.start]) and m.start - out[-1].end <= 3:
            if sibling:
                out.append(m)
                continue
            prev = out[-1]
            out[-1] = Mention(prev.start, m.end, text[prev.start : m.end], prev.canonical)
            continue
        out.append(m)
    return out


def named(text: str, state: ProseState) -> list[Named]:
    """The sentence's mentions with their roles (kept per sentence on the page's state; the
    caller must not change the list)."""
    found = state.named_memo.get(text)
    if found is None:
        found = state.named_memo[text] = _named(text, state)
    return found


def _named(text: str, state: ProseState) -> list[Named]:
    mentions = [m for m in state.finder.mentions(text) if not is_modifier(text, m, state)]
    mentions = sibling_mentions(text, mentions, state.families())  # "the Forerunner 945 and 245"
    if state.focus:  # the compared names, and their known siblings ("Kindle Oasis")
        mentions = [m for m in mentions if in_focus(m.canonical, state.focus)]
    # roles31: "written in Rust", "by OpenAI", "on an iPhone 8": no owner unless compared
    compared = [*state.compared, *state.titled, *state.focus, *state.page_compared]
    mentions = without_attributes(text, mentions, compared, state.finder.canonical)
    if len(mentions) > 1 and is_setting(text, mentions[0], mentions[1], state.lex):
        mentions = mentions[1:]
    if state.bound:  # owners28: "Brand X (78 Euro)": the slot's unknown name owns its figure
        found = bound_mentions(text, state.bound, state.finder.mentions(text))
        mentions = sorted([*mentions, *found], key=lambda m: m.start)
    out = []
    parts_named = state.lex.part_word.search(text) is not None
    for m in _merged(mentions, text):
        if type(m) is Mention:
            m = with_model_year(text, m)  # "the 2015 X1 Carbon": X1 Carbon (2015)
        window = text[max(0, m.start - 40) : m.start]
        counterpart = bool(state.lex.comparison_marker.search(window))
        object_of = bool(_OBJECT_OF.search(window))
        part = parts_named and is_part(text, m.start, state.lex)
        out.append(Named(m, counterpart, paren_close(text, m.start), object_of, part))
    return out


def is_part(text: str, start: int, lex: Lexicon) -> bool:
    """Whether the name at `start` follows a part word ("based on the", "with processor")
    that no comparison word turns into the other side ("compared with")."""
    window = max(0, start - 40)
    found = lex.part_before.search(text, window, start)
    return found is not None and not lex.part_not_after.search(text, window, found.start())


def _hosts(names: list[Named]) -> list[Named]:
    """The names less the parts named after their host ("A based on the B chip scored 2.095
    points": A's); a part named alone, or first, stays."""
    if not any(n.part for n in names):
        return names
    out: list[Named] = []
    for n in names:
        if n.part and any(not o.part for o in out):
            continue
        out.append(n)
    return out


def is_modifier(text: str, mention: Mention, state: ProseState) -> bool:
    """A name used as an adjective: a language ("a Python web framework", "Go stdlib"), or a
    name between a count and its noun ("~185 Redis commands"): the figure is about the thing
    it qualifies, not about the name."""
    if _COUNT_BEFORE.search(
        text, max(0, mention.start - 24), mention.start
    ) and _PLURAL_AFTER.match(text, mention.end):
        return True
    known = state.finder.gazetteer.names.get(mention.canonical)
    if known is None or known.kind != "language":
        return False  # most names: the titled names need not be read
    if mention.canonical in {state.finder.canonical(t) for t in state.titled}:
        return False
    before = text[max(0, mention.start - 8) : mention.start]
    return bool(_ARTICLE.search(before) or _QUALIFIED.match(text, mention.end))


def clauses(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    bounds = [0]
    for match in lex.clause_break.finditer(text):
        bounds.append(match.start())
    bounds.append(len(text))
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for start, end in clauses:
        if start <= pos < end:
            return start, end
    return clauses[-1]


def _visible(named: Named, span: FigureSpan) -> bool:
    """A name inside a parenthesis closed before the figure ("(Node.js creator) in 2018")."""
    return named.closed_paren_end is None or named.closed_paren_end >= span.start


def entity_name(named: Named, text: str = "") -> str:
    """The name as written, with the variant that follows it ("Fastify 4.x:", "Express (no
    validation):"), so figures of two variants never look like one entity's conflict."""
    name = named.mention.text.rstrip("’'").removesuffix("’s").removesuffix("'s")
    if name.isdigit() and named.mention.canonical != name:
        name = named.mention.canonical  # "the 4080": the page's RTX 4080
    if isinstance(named.mention, PhraseMention):
        return named.mention.canonical  # "pour le modèle Plus": the page's Galaxy S24+
    variant = _VARIANT_AFTER.match(text, named.mention.end) if text else None
    return name + variant.group("variant") if variant else name


def attribute(
    text: str,
    span: FigureSpan,
    names: list[Named],
    clause: tuple[int, int],
    default: str | None,
    last_subject: str | None,
    relation: bool = False,
    opens_with_marker: bool = False,
    last_relation_subject: str | None = None,
) -> str | None:
    """The entity a figure speaks of, clause first (see the module docstring). In a clause
    that opens with "compared to B" the values are B's; a relation's subject is never B."""
    if any(type(n.mention) is BoundMention for n in names):  # owners28: "Brand X (78 Euro)"
        owner = bound_owner(text, span.start, span.end, [n.mention for n in names])
        if owner is not None:
            return owner
        names = [n for n in names if type(n.mention) is not BoundMention]
    for n in reversed(names):  # a name right before: "Node.js (5,240 req/s)", "Deno’s 6,180"
        m = n.mention
        if m.end <= span.start and _IMMEDIATE.match(text[m.end : span.start]):
            return entity_name(n, text)
        if m.end <= span.start and _VARIANT_THEN.match(text[m.end : span.start]):
            return entity_name(n, text)
        if m.end <= span.start and _RELATIVE.match(text[m.end : span.start]):
            return entity_name(n, text)  # "than B, which notched a score of 4,584": B's
        if m.end <= span.start:
            break
    for n in names:  # a name right after: "9 870 QPS for B", "31 ms (B)"
        m = n.mention
        if m.start < span.end:
            continue
        gap = text[span.end : m.start]
        if len(gap) <= 30 and (
            _OWNER_GAP.match(gap) or (_OWNER_PAREN.match(gap) and text[m.end : m.end + 1] == ")")
        ):
            return entity_name(n, text)
        break
    if not relation and (owner := over_owner(text, span, names, lambda n: entity_name(n, text))):
        return owner  # "A brings improvements over B, such as 320MHz channels": A's
    start = clause[0]
    if (group := group_owner(text, span.start, span.end, clause, names)) is not None:
        return GROUP_ENTITY + group  # "all three runtimes deliver ~12,000 RPS"
    before = [n for n in names if n.mention.end <= span.start and _visible(n, span)]
    in_clause = [
        n
        for n in before
        if n.mention.start >= start
        and (not n.counterpart or (opens_with_marker and not relation))
        and not (relation and n.object_of)
    ]
    contrast = _summed_up_contrast(text, span) if relation else None
    if contrast is not None:
        # "A averaged 133 FPS, while B averaged 107 FPS, a 24.3% boost": the appositive sums
        # up the whole comparison, whose winner is the sentence's subject, not the contrast's
        leader = [n for n in before if n.mention.end <= contrast and not n.counterpart]
        other = [entity_name(n, text) for n in before if n.mention.start >= contrast]
        if leader and other:
            return entity_name(leader[0], text)
        if other and last_subject is not None and last_subject not in other:
            return last_subject  # "It averaged 133 FPS, while B ...": the subject went before
    hosts = [
        n
        for i, n in enumerate(in_clause)
        if _HOST_BEFORE.search(text, 0, n.mention.start)
        or (i and _IN_HOST.match(text[in_clause[i - 1].mention.end : n.mention.start]))
    ]
    if hosts and len(hosts) < len(in_clause):
        # "the Tensor G3 as fitted to the Pixel 8 Pro scored 1760": the part's, not the host's
        in_clause = [n for n in in_clause if n not in hosts]
    in_clause = _hosts(in_clause)
    in_clause = in_clause if relation else _without_multiplied(text, in_clause)
    if in_clause:
        # a value belongs to the nearest name; a comparison to the clause's subject ("A and B
        # are within 5%", "A is 3x faster")
        return entity_name(in_clause[0] if relation else in_clause[-1], text)
    if default is not None:
        return default
    subjects = [n for n in before if not n.counterpart and not (relation and n.object_of)]
    parts = [n for n in subjects if not _HOST_BEFORE.search(text, 0, n.mention.start)]
    subjects = _hosts(parts or subjects)  # "the Tensor G3 as fitted to the Pixel 8 Pro ..."
    subjects = subjects if relation else _without_multiplied(text, subjects)
    if subjects:
        # "A 52,000, B 29,000 and C 14,000 — a 270% gap": a summing-up relation is the leader's
        return entity_name(subjects[0] if relation else subjects[-1], text)
    if relation and last_relation_subject is not None:
        # a page's comparisons keep their winner ("4.6x advantage"), unless this one's other
        # side is that winner ("14% more than the B's 94 FPS": never B's own lead)
        against = {entity_name(n, text).lower() for n in names if n.counterpart}
        if last_relation_subject.lower() not in against:
            return last_relation_subject
        if last_subject is not None and last_subject.lower() not in against:
            return last_subject
    after = [
        n
        for n in names
        if n.mention.start >= span.end and not n.counterpart and n.closed_paren_end is None
    ]
    if after and not _CONTRAST.search(text, span.end, after[0].mention.start):
        return entity_name(after[0], text)
    return last_subject or (entity_name(after[0], text) if after else None)


def _without_multiplied(text: str, names: list[Named]) -> list[Named]:
    """`names` less a last one on a multiplier's other side ("A has 5 times the pixels of B")."""
    if len(names) < 2 or not names[-1].object_of:
        return names
    other = _MULTIPLIED_OF.search(text, names[-2].mention.end, names[-1].mention.start)
    return names[:-1] if other else names


_MULTIPLIED_OF = re.compile(
    r"(?:\d\s*[x×]|\btimes\b)[^,;:()]{0,40}?\b(?:of|over|to)\s+(?:the\s+)?$", re.IGNORECASE
)
# a relative clause that opens right after a name and runs to the figure: the name's figure
_RELATIVE = re.compile(r"^\s*,?\s*(?:that|which|who)\s+[^,;:.()]{0,50}?\s$", re.IGNORECASE)
_HOST_BEFORE = re.compile(
    r"\b(?:as\s+)?(?:fitted|used|found|featured|installed)\s+(?:to|in|on|inside)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "the i5-4200U in the 2014 X1 Carbon has a base of 1.6GHz": the name after "in the" hosts it
_IN_HOST = re.compile(r"^\s+(?:in|inside)\s+(?:the\s+)?(?:(?:early|mid|late)[- ])?(?:\d{4}\s)?$")
_CONTRAST_WORD = re.compile(r"\b(?:whereas|while)\b", re.IGNORECASE)
_APPOSITIVE = re.compile(r",\s*(?:a|an)\s+[~≈]?$", re.IGNORECASE)


def _summed_up_contrast(text: str, span: FigureSpan) -> int | None:
    """Where the contrast ("while B ...", "whereas B ...") ends that a relation written as an
    appositive after it (", a 24% boost") sums up; None for any other relation."""
    if not _APPOSITIVE.search(text, 0, span.start):
        return None
    found = [m for m in _CONTRAST_WORD.finditer(text, 0, span.start)]
    return found[-1].end() if found else None


def counterpart_of(
    text: str, span: FigureSpan, names: list[Named], entity: str | None, state: ProseState
) -> str | None:
    """The other side of a comparison: a name after a marker ("than B", "of B"), else the last
    other name listed between the subject and the figure, else the page's only other entity;
    none when a baseline word follows the figure ("~0.3x raw")."""
    after = text[span.end :]
    if state.lex.baseline_after_ratio.match(after):
        return None  # "~0.3x raw": against its own baseline, not another product
    match = state.lex.counterpart_after_ratio.match(after)
    # the nearest name after the figure first ("2.3x faster than Deno"), then those before it
    ordered = [n for n in names if n.mention.start >= span.end]
    ordered += [n for n in reversed(names) if n.mention.start < span.end]
    for n in ordered:
        name = entity_name(n)
        if name == entity:
            continue
        if n.counterpart:
            return name
        if match and n.mention.start == span.end + match.end():
            return name
    own_end = next((n.mention.end for n in names if entity_name(n) == entity), -1)
    listed = [
        entity_name(n)
        for n in names
        if own_end <= n.mention.start and n.mention.end <= span.start and entity_name(n) != entity
    ]
    if listed:
        return listed[-1]  # "A 52,000, B 29,000 and C 14,000 — a 270% gap": A over C
    canonical = state.finder.canonical
    own = canonical(entity or "")
    compared = {canonical(c): c for c in state.compared}
    others = [written for c, written in compared.items() if c != own]
    return others[0] if len(others) == 1 and own in compared else None
