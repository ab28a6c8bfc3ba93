"""Figures written with words in prose: counts of parts and ratios named by a metric word.

Why: reviews in every language count a device's parts in words ("due porte USB 3.0", "zwei
Kerne", "vier SATA-Festplatten", "quad-core") and give a heat pump's ratio as a bare number
after its metric word ("eine JAZ von 3", "un COP minimum de 3", "COP compris entre 3 et 5");
the digit scanner of ingest.spans sees no figure in the first and a unitless "3" in the second.
The words are data (ingest/data/number_words.toml); a count needs a listed part after it, so
idioms ("one of the", "uno dei", "einer der") and articles ("un COP") are never counts.
Participles state a ratio alone ("doublées", "verdoppelt"); a clause-ending count counts the
part named before it ("gli slot ... sono quattro"); a word for "between" opens one ranged
figure ("tra il 15% e il 18%"). A figure glued to a German compound's noun ("92-mm-Lüfter",
"250g-Grenze") is read with its unit (compound_end).
Returns offsets only: ingest.spans makes the spans (it imports this module, not the reverse).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from crosscheck.common import toml_cache

__all__ = [
    "chain_count_nouns",
    "compound_end",
    "counted_after",
    "covered",
    "quantity_pattern",
    "worded_figures",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "number_words.toml"
PROSE_FILE = DATA_FILE.with_name("prose.toml")
_NUMBER = r"\d+(?:[.,]\d+)?"
_VERSION = r"\d+(?:\.\d+)*"


@functools.cache
def _words(key: str, path: Path = DATA_FILE) -> tuple[str, ...]:
    doc = toml_cache.loads(path.read_text(encoding="utf-8"))
    return tuple(str(w) for w in doc.get(key, []))


@functools.cache
def chain_count_nouns() -> frozenset[str]:
    """The counted parts a value chain's count keeps as its noun, lower case (data file)."""
    return frozenset(w.lower() for w in _words("chain_count_nouns"))


def prose_words(key: str) -> tuple[str, ...]:
    """A list of ingest/data/prose.toml (this module is below ingest.lexicon, which reads it)."""
    return _words(key, PROSE_FILE)


def _alt(words: tuple[str, ...]) -> str:
    """An alternation of literal words, longest first (spaces match any run of spaces)."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@functools.cache
def _count_pattern() -> re.Pattern[str]:
    """'<count word> [Mal] <part>[ <port kind or version>]{0,2}': the part is a listed noun, a
    German compound ending in one ("SATA-Festplatten", "92-mm-Lüfter"), or a port kind."""
    nouns = _alt(_words("count_nouns"))
    version = rf"\s+{_VERSION}(?![\w]|[.,]\d)"
    port = rf"(?:{_alt(_words('port_kinds'))})(?![\w-])(?:-[\w.]+)*(?:{version})?"
    # a compound led by a digit counts only with a German noun at its end ("92-mm-Lüfter"):
    # "one 8-core machine" counts machines, no cores
    capitalised = _alt(tuple(w for w in _words("count_nouns") if w[:1].isupper()))
    part = (
        rf"(?:[^\W\d][\w.+-]*-)?(?i:{nouns})(?![\w-])|\d[\w.+-]*-(?:{capitalised})(?![\w-])"
        rf"|{port}"
    )
    trailing = rf"(?:\s+(?:{port}|[A-Z][a-z]*[A-Z]\w*))"
    return re.compile(
        rf"(?<![\w-])(?i:(?P<count>{_alt(_words('count_words'))}))"
        rf"(?:\s+(?:{_alt(_words('count_times'))}))?\s+(?P<part>{part}){trailing}{{0,2}}"
    )


@functools.cache
def _core_pattern() -> re.Pattern[str]:
    """'quad-core', 'octa-core': a count of cores as one prefixed word."""
    prefixes = _alt(_words("core_prefixes"))
    return re.compile(
        rf"(?<![\w-])(?i:{prefixes})-(?:{_alt(_words('core_suffixes'))})(?![\w-])", re.IGNORECASE
    )


@functools.cache
def _ratio_pattern() -> re.Pattern[str]:
    """'[article] METRIC [adverb] [link] N [and M]': a ratio its metric word names; the metric
    word is matched as written (capitals matter: 'ERR', never 'err')."""
    articles = _alt(_words("ratio_articles"))
    links = _alt(_words("ratio_links"))
    joiners = r"und|and|et|y|e|to|bis|à|a"
    return re.compile(
        rf"(?<![\w-])(?:(?i:{articles})\s+)?(?:{_alt(_words('ratio_metrics'))})(?![\w-])"
        rf"(?:\s+[^\W\d_A-Z][^\W\d_]{{2,20}}(?=\s+(?i:{links})))??"
        rf"(?:\s*(?i:{links}))+\s*[~≈]?\s*{_NUMBER}(?:\s+(?i:{joiners})\s+{_NUMBER})?(?![\w]|[.,]\d)"
    )


# a capitalised comparative ("2x Faster Cores") makes a ratio, no count of parts
_NOT_COMPARING = (
    r"(?!(?:More|Fewer|Less|Faster|Slower|Bigger|Smaller|Higher|Lower|Better|Larger)\b)"
)


@functools.cache
def _counted_after() -> re.Pattern[str]:
    """After a multiplier sign: up to three capitalised or digit-led words, then a part noun."""
    return re.compile(
        rf"\s+(?:{_NOT_COMPARING}[A-Z0-9][\w.+-]*\s+){{0,3}}"
        rf"(?i:{_alt(_words('count_nouns'))})(?![\w-])"
    )


def counted_after(text: str, end: int) -> int | None:
    """Where the counted part after "8x" ends ("8x Zen 2 Cores", "8x Cores"), or None; a
    lower-case word before the noun ("3x more cores") leaves a ratio. quants28: normalize
    reads such a figure as a count of the part (normalize.number_words.counted_part)."""
    match = _counted_after().match(text, end)
    return match.end() if match else None


def quantity_pattern() -> str:
    """What a worded span that states a quantity (a count of parts, never a ratio) holds: the
    count and core-prefix patterns, for the lexicon's spelled_quantity."""
    return f"{_count_pattern().pattern}|{_core_pattern().pattern}"


def worded_figures(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, whether it owns its digits) of each worded figure of `text` ("zwei Kerne",
    "quad-core", "eine JAZ von 3", "tra il 15% e il 18%"), left to right; a later match inside
    an earlier one is dropped. A ratio's or a range's digits are its own; a count's ("beiden
    92-mm-Lüfter") may be figures."""
    lowered = text.lower()
    metric = any(metric in text for metric in _words("ratio_metrics"))
    words = frozenset(_WORD.findall(lowered))  # one scan; most texts hold no trigger word
    if words.isdisjoint(_triggers()) and not metric and "-core" not in lowered:
        return []
    found: list[tuple[int, int, bool]] = []
    if not words.isdisjoint(_count_words_lower()):
        found += [(*m.span(), False) for m in _count_pattern().finditer(text)]
    elided = ("d'" in lowered or "d’" in lowered) and not words.isdisjoint(_skipped())
    if elided or not words.isdisjoint(_unit_counts()):  # "drei Gramm", "tres años"
        found += [(*m.span(), True) for m in _unit_pattern().finditer(text)]
    if not words.isdisjoint(_verbs()):  # "gli slot frontali ... sono quattro"
        found += [(*m.span(), False) for m in _predicate_counts(text)]
    if "-core" in lowered:
        found += [(*m.span(), False) for m in _core_pattern().finditer(text)]
    if not words.isdisjoint(_participles()):  # "les performances sont doublées"
        found += [(*m.span(), True) for m in _participle_pattern().finditer(text)]
    if metric:
        found += [(*m.span(), True) for m in _ratio_pattern().finditer(text)]
    if not words.isdisjoint(_openers()):  # "tra il 15% e il 18%"
        found += [(*m.span(), True) for m in _range_pattern().finditer(text)]
    found.sort()
    kept: list[tuple[int, int, bool]] = []
    for start, end, ratio in found:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, ratio))
    return kept


@functools.cache
def _openers() -> frozenset[str]:
    return frozenset(w.lower() for w in _words("range_openers"))


@functools.cache
def _range_pattern() -> re.Pattern[str]:
    """'<between> [article] N[unit] <and> [article] M[unit]', never a pair of years."""
    article = rf"(?:(?i:{_alt(_words('range_articles'))})(?:\s+|(?<=['’])))?"
    unit = rf"(?:\s?(?:{_alt(_words('range_units'))})(?![\w/(]))?"
    end = rf"(?!(?:19|20)\d\d(?![\d.,])){_NUMBER}(?![\d.,]\d?){unit}"
    return re.compile(
        rf"(?<![\w-])(?i:{_alt(_words('range_openers'))})\s+{article}{end}"
        rf"\s+(?i:{_alt(_words('range_ands'))})\s+{article}{end}"
    )


@functools.cache
def _verbs() -> frozenset[str]:
    return frozenset(w.lower() for w in _words("count_verbs"))


@functools.cache
def _predicate_pattern() -> re.Pattern[str]:
    """'sono quattro' ending its clause."""
    return re.compile(
        rf"(?<![\w-])(?i:{_alt(_words('count_verbs'))})\s+(?i:{_alt(_words('count_words'))})"
        r"(?=\s*(?:[,.;:!?)]|$))"
    )


@functools.cache
def _part_before() -> re.Pattern[str]:
    nouns = _alt(_words("count_nouns"))
    return re.compile(rf"(?<![\w])(?i:{nouns})(?![\w])")


def _predicate_counts(text: str) -> list[re.Match[str]]:
    """'sono quattro' after a listed part named earlier in the sentence ("Gli slot ... sono
    quattro"): a count of that part; without one ("sono due anni") no figure."""
    return [
        m
        for m in _predicate_pattern().finditer(text)
        if _part_before().search(text, max(0, m.start() - 80), m.start())
    ]


@functools.cache
def _participles() -> frozenset[str]:
    return frozenset(w.lower() for w in _words("ratio_participles"))


@functools.cache
def _participle_pattern() -> re.Pattern[str]:
    """'doublées', 'verdoppelt', 'raddoppiata': a ratio stated by one word, whatever follows."""
    return re.compile(rf"(?<![\w-])(?:{_alt(_words('ratio_participles'))})(?![\w-])", re.I)


@functools.cache
def _count_words_lower() -> frozenset[str]:
    return frozenset(w.lower() for w in _words("count_words"))


_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _triggers() -> frozenset[str]:
    """Every word that may open a worded figure: a text holding none is skipped after one
    scan of its words (a set lookup per word, far cheaper than the patterns)."""
    return _count_words_lower() | _verbs() | _participles() | _openers() | _unit_counts()


@functools.cache
def _unit_counts() -> frozenset[str]:
    """The words that may count a unit: the count words but articles, and English ones."""
    skip = {w.lower() for w in _words("unit_count_skip")}
    counts = {w.lower() for w in (*_words("count_words"), *_words("unit_count_words"))}
    return frozenset(counts - skip)


@functools.cache
def _skipped() -> frozenset[str]:
    """The count words that are articles too ("une", "ein"): data unit_count_skip."""
    return frozenset(w.lower() for w in _words("unit_count_skip"))


@functools.cache
def _unit_pattern() -> re.Pattern[str]:
    """'[bound] <count word> <unit word>' ("bis zu drei Prozent", "tres años"): a quantity of
    a listed unit, its bound word part of it as in the digit forms. A bound elided before an
    article ("plus d'une heure") makes the article a count of one (quants28)."""
    words = _words("worded_bounds")
    bounds = _alt(tuple(w for w in words if w[-1:] not in "'’"))
    elided = _alt(tuple(w for w in words if w[-1:] in "'’"))
    counts = _alt(tuple(_unit_counts()))
    return re.compile(
        rf"(?<![\w-])(?:(?:(?i:{bounds})\s+)?(?i:{counts})"
        rf"|(?i:{elided})(?i:{counts}|{_alt(tuple(_skipped()))}))"
        rf"\s+(?i:{_alt(_words('worded_units'))})(?![\w-])"
    )


def covered(worded: list[tuple[int, int, bool]], start: int, raw: str) -> bool:
    """Whether a digit figure at `start` is part of a worded one: any inside a ratio ("eine JAZ
    von 3"); inside a count only a bare number, the part's version ("due USB 3.0"), while a
    figure with a unit is the part's size ("92-mm" of "beiden 92-mm-Lüfter")."""
    for begin, end, ratio in worded:
        if begin <= start < end and (ratio or _BARE.fullmatch(raw)):
            return True
    return False


_BARE = re.compile(r"[+-]?[\d.,]+")
# German compounds: "-mm" before "-Lüfter", a unit glued to the figure before "-Grenze"; never
# a variant's name ("2-TByte-Version"). Units and nouns: ingest/data/prose.toml.
_UNITS = "|".join(
    re.escape(u) for u in sorted(prose_words("compound_units"), key=len, reverse=True)
)
_VARIANTS = "|".join(map(re.escape, prose_words("compound_variant_nouns")))
_NOUN = rf"-(?!(?:{_VARIANTS})(?![a-zäöüß]))[A-ZÄÖÜ][a-zäöüß]{{2,}}"
_UNIT_THEN_NOUN = re.compile(rf"-(?:{_UNITS})(?={_NOUN})")
_ENDS_IN_UNIT = re.compile(rf"\d\s?(?:{_UNITS})$")
_NOUN_AFTER = re.compile(_NOUN)


def compound_end(text: str, raw: str, end: int) -> int | None:
    """Where the figure of a compound ends ("92-mm" of "92-mm-Lüfter", "3%" of "3%-Toleranz",
    "384-bit" of "a 384-bit memory bus"), or None when the words after the hyphen are no unit
    and capitalised noun, nor a width of a bus (a modifier)."""
    if raw[-1].isdigit():
        unit = _UNIT_THEN_NOUN.match(text, end)
        return unit.end() if unit else width_end(text, end - len(raw), end)
    if _ENDS_IN_UNIT.search(raw) and _NOUN_AFTER.match(text, end):
        return end
    return None


@functools.cache
def _width_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """'-bit' after a figure; a sized noun within a word after it; a width word before it
    (ingest/data/prose.toml width_*), or the first side of "from 14-bit RAW to 12-bit"."""
    units = _alt(prose_words("width_modifier_units"))
    nouns = _alt(prose_words("width_modifier_nouns"))
    before = _alt(prose_words("width_words_before"))
    return (
        re.compile(rf"-(?:{units})s?(?![\w-])"),
        re.compile(rf"\s+(?:[a-z][\w-]*\s+)?(?:{nouns})(?![\w-])"),
        re.compile(
            rf"(?<![\w-])(?i:{before})\s+(?:of\s+)?$"
            rf"|(?<![\w-])(?i:from)\s+\d+-(?:{units})s?\s+(?:[a-z][\w-]*\s+)?(?:{nouns})\s+to\s+$"
        ),
    )


def width_end(text: str, start: int, end: int) -> int | None:
    """The end of 'N-bit' when it sizes a bus, an interface or a raw file ("a 384-bit memory
    bus", "from 14-bit RAW" and its "to 12-bit") or follows a width word ("a memory bus width
    of 384-bit"), or stands in a run of widths one of which does ("384-bit 256-bit 192-bit",
    "256-bit vs 384-bit bus"), else None: a word size ("64-bit Arm cores") is a modifier."""
    unit = _width_patterns()[0].match(text, end)
    if unit is None:
        return None
    if _width_alone(text, start, unit.end()):
        return unit.end()
    at = unit.end()
    for _ in range(_MAX_RUN):  # the widths after it, while they are joined
        later = _NEXT_WIDTH.match(text, at)
        if later is None:
            break
        if _width_alone(text, later.start("n"), later.end()):
            return unit.end()
        at = later.end()
    at = start
    for _ in range(_MAX_RUN):  # the widths before it
        earlier = _PREVIOUS_WIDTH.search(text, max(0, at - 24), at)
        if earlier is None:
            break
        if _width_alone(text, earlier.start("n"), earlier.end("w")):
            return unit.end()
        at = earlier.start("n")
    return None


def _width_alone(text: str, start: int, unit_end: int) -> bool:
    """Whether the width at start..unit_end sizes a listed noun or follows a width word or a
    memory type ("16GB GDDR6 / 256-bit")."""
    _, noun_after, word_before = _width_patterns()
    return bool(
        noun_after.match(text, unit_end)
        or word_before.search(text, max(0, start - 40), start)
        or _memory_before().search(text, max(0, start - 30), start)
    )


@functools.cache
def _memory_before() -> re.Pattern[str]:
    """A memory type right before a width, maybe with "RAM" and a "/", "(", "," or "w/"."""
    types = _alt(_words("width_memory_types"))
    return re.compile(
        rf"(?<![\w-])(?:{types})\d[A-Za-z]?(?:\s+(?:RAM|memory))?\s*(?:/|\(|,|w/)?\s*$"
    )


_MAX_RUN = 6
_JOIN = r"\s*(?:,|/|\band\b|\bor\b|\bvs\.?|\bversus\b)?\s*"
_NEXT_WIDTH = re.compile(rf"{_JOIN}(?P<n>\d+)-[Bb]its?(?![\w-])")
_PREVIOUS_WIDTH = re.compile(rf"(?<![\w.,-])(?P<n>\d+)(?P<w>-[Bb]its?){_JOIN}$")
