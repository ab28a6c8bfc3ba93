"""Find the figures written in free text (prose, list items, card values).

Ingest only locates a figure and keeps its exact text; reading it is normalize's job. The
patterns below are deliberately closed (a fixed list of unit words and nouns) so that a span
never swallows the next label's first word.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from crosscheck.ingest.cjk_spans import CJK_LEAD, cjk_durations, without_lead
from crosscheck.ingest.latin_spans import LATIN_BOUND, compound_durations
from crosscheck.ingest.lexicon import alternation, word_list
from crosscheck.ingest.number_words import (
    compound_end,
    counted_after,
    covered,
    worded_figures,
)
from crosscheck.ingest.range_spans import join_ranges
from crosscheck.ingest.sentence_split import split_sentences as split_sentences
from crosscheck.ingest.size_spans import size_sides_in

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
PREFIX = (
    r"(?:~\s?|≈\s?|<\s?|>\s?|sub-(?=\d)|(?:under|over|below|above|about|around|approximately|approx\.?|"
    r"roughly|up to|more than|less than|fewer than|greater than|no more than|no less than|"
    r"at least|at most|in excess of|nearly|almost)\s)?"
)
# A bound written after the figure ("50,000 or more stars", "10 ms or less"): part of it.
BOUND_AFTER = (
    r"(?:\s(?:or|and)\s(?:more|greater|higher|above|up|less|fewer|lower|below|under)"
    r"(?![A-Za-z]))?"
)
SCALE = r"(?:\s?(?:[KMB]|k|[bB]n)(?![A-Za-z])|\s(?:thousand|million|billion)\b)?"
UNIT_WORDS = (
    r"%|x(?![A-Za-z])|×|ms(?![A-Za-z])|milliseconds?|seconds?|secs?(?![A-Za-z])|s(?![A-Za-z/])|"
    r"minutes?|mins?(?![A-Za-z])|hours?|hrs?(?![A-Za-z])|days?|weeks?|months?|years?|"
    r"KB|MB|GB|kB|kilobytes|megabytes|bytes|req/sec|req/s|RPS|rps|requests?/sec(?:ond)?|"
    r"requests?/s|requests per second"
)
NOUNS = (
    r"(?:GitHub\s|Stack Overflow\s|tagged\s|third-party\s|community\s|simultaneous\s|"
    r"concurrent\s|weekly\s|open\s)?"
    r"(?:stars|packages|extensions|questions|lines of code|lines|positions|jobs|job postings|"
    r"connections|downloads|integrations|libraries|tutorials|users|requests|answers|"
    r"contributors|plugins|modules|apps|companies|developers|reviews|releases)\b"
)
FIGURE = re.compile(
    rf"(?<![\w.,/-])(?P<fig>{PREFIX}\$?(?:{NUMBER}){SCALE}"
    rf"(?:\s?(?:-|–|to)\s?~?\$?(?:{NUMBER}){SCALE})?\+?"
    rf"(?:\s?(?:{UNIT_WORDS}))?(?:\s(?:{NOUNS}))?)"
)
_BARE_YEAR = re.compile(r"^(?:19|20)\d\d$")

# Free text is written in many locales: "48 210" and "57 510 ms" (space groups), "0,482 s"
# (decimal comma), "1.234.567" (dot groups), CJK multipliers ("25 倍") and units ("13 年").
PROSE_NUMBER = (
    # "1.0E-15", "1.0×10⁻¹⁷", "3 x 10^-4": scientific notation, one number
    r"\d+(?:\.\d+)?(?:[eE][-+−]?\d{1,3}|\s?[×x]\s?10(?:\^[-+−]?\d{1,3}|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))"
    r"(?![\w.])|"
    r"\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])|"  # "1,06,999": Indian grouping (lakh, crore)
    rf"\d{{1,3}}\s(?:{alternation(word_list('thousand_words'))})\s\d{{3}}(?![\d.,])|"  # "7 mil 822"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|\d{1,3}(?:\.\d{3})+,\d+(?![\d])"  # "1.748,99"
    r"|\d{1,3}(?:\.\d{3}){2,}(?![\d.])"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d])|\d+,\d{1,2}(?![\d])|\d+(?:\.\d+)?"
)
# Scale words of other languages ("1,65 mln", "440 tys.") and CJK scale characters, which a
# smaller figure may follow ("154만6699", "1万2千"): ingest/data/prose.toml.
_MYRIAD = "".join(word_list("myriad_words"))
PROSE_SCALE = (
    r"(?:\s?(?:[KMB]|k|[bB]n)(?![A-Za-z])|\s(?:thousand|million|billion|trillion)\b"
    rf"|\s(?i:{alternation(word_list('scale_words'))})"
    rf"|\s?[{_MYRIAD}](?:\d{{1,4}}(?![\d.,])[{_MYRIAD}]?)?)?"
)
# spec-sheet units (energy, power, range, speed, weight, battery charge), also hyphenated
# ("57.5-kWh", "310-mile")
SPEC_UNITS = (
    # more spec units as written (data/prose.toml spec_unit_marks), longest first: before the
    # built-in ones, so "lb-ft" is not "lb" and "kWh/100km" not "kWh"
    "|".join(
        re.escape(w) + r"(?![A-Za-z])"
        for w in sorted(word_list("spec_unit_marks"), key=len, reverse=True)
    )
    + r"|(?:miles?|mi|km)\s?(?:/|per\s)\s?[kK][wW][hH](?![A-Za-z])|"
    r"-?(?:kWh|Wh|kW|W[Hh]r)(?![A-Za-z])|Wh/(?:km|mi)(?![A-Za-z])|-?m?Ah(?![A-Za-z])|"
    r"watt-hours?|-?b?hp(?![A-Za-z])|horsepower|chevaux|"
    r"km/h|km/hr|kph|mph|-?(?:kilom[eè]tres?|kilometers?|km|miles?|mi)(?![A-Za-z])|"
    r"pounds|lbs?(?![A-Za-z])|kg(?![A-Za-z])|-?inch(?:es)?|feet|ft(?![A-Za-z])|"
    # an inch mark glued to a screen's size ('27"', '6.1″', '6.7”'; never after a space)
    r"(?<=\d)(?:″|”|\"|'')(?!\w)|"
    # phones and boards: camera, weight, memory transfers ("50MP", "4267 MT/s")
    r"MP(?![A-Za-z])|megapixels?|ounces|oz(?![A-Za-z])|grams(?![A-Za-z])|[MG]T/s|"
    # a weight glued to its figure ("(213g)"; a spaced "12 g" may be a g-force)
    r"(?<=\d)g(?![\w])(?!-[^A-ZÄÖÜ])|"
    r"PPI(?![A-Za-z])|ppi(?![A-Za-z])|"
    # current glued to its figure or spelled ("30A breaker", "200 amp"), cents ("9¢", "10
    # cents"), power and energy spelled out ("11.5 kilowatts", "13.5 kilowatt-hours")
    r"(?<=\d)A(?![A-Za-z0-9])|amps?(?![A-Za-z])|amperes?(?![A-Za-z])|¢|cents?(?![A-Za-z])|"
    # a cell's voltage and a charge current glued to their figure ("2.5V", "3.7V", "50mA")
    r"(?<=\d)[mk]?V(?![A-Za-z0-9])|(?<=\d)mA(?![A-Za-z0-9])|volts?(?![A-Za-z])|"
    r"kilowatt[- ]hours?(?![A-Za-z])|kilowatts?(?![A-Za-z-])|megawatts?(?![A-Za-z])"
)
PROSE_UNITS = (
    rf"{SPEC_UNITS}|"
    r"%|\\%|percent(?![A-Za-z])|per\s+cent(?![A-Za-z])|x(?![A-Za-z])|X(?![A-Za-z0-9])|×|倍|fold\b|"
    r"times(?=\s+(?:faster|slower|more|less|higher|lower|"
    r"better|worse|larger|smaller|bigger|quicker|the|as|over|fewer|(?:that|those)\s+of))|"
    r"(?:ns|µs|μs|us|ms)(?![A-Za-z])|nanoseconds?|microseconds?|milliseconds?|seconds?|"
    r"secs?(?![A-Za-z])|s(?![A-Za-z/])|minutes?|mins?(?![A-Za-z])|min(?![A-Za-z])|hours?|"
    r"hrs?(?![A-Za-z])|h(?![A-Za-z])|days?|weeks?|months?|years?(?:\s+old)?|"
    r"[KMGTP]i?B/s|[KMGT]bps|[KMGT]b/s|[KMGT]bit/s|GBps|[KMGTP]i?B(?![A-Za-z])|[KMGT]o(?![A-Za-z])|kB(?![A-Za-z])|bytes|kilobytes|"
    r"megabytes|gigabytes|(?:Peta|Tera|Giga|P|T|G)FLOPS|TOPS(?![A-Za-z])|[kGM]?Hz|W(?![A-Za-z])|"
    r"watts|req/sec|reqs?/s|RPS|rps|QPS|qps|TPS|tps|ops/sec|ops/s|op/s|"
    r"reqs?\s+per\s+sec(?:ond)?|requests?/sec(?:ond)?|requests?/s|requests\s+per\s+second|"
    r"(?:HTTP\s+)?requests\s+per\s+second|[A-Za-z]{3,12}/(?:s(?:ec(?:ond)?)?|Sec(?:ond)?)|[A-Za-z]{3,12}\s+per\s+sec(?:ond)?|年|个|個|次|ms|秒|時間|小时|小時|円|℃"
)
PROSE_NOUNS = (
    r"(?:GitHub\s|Stack Overflow\s|tagged\s|third-party\s|community\s|npm\s|open\s|"
    r"weekly\s|monthly\s|active\s)?"
    r"(?:stars|packages|extensions|questions|lines of code|lines|positions|jobs|job postings|"
    r"downloads|integrations|libraries|tutorials|users|answers|issues|forks|watchers|commits|"
    r"contributors|plugins|modules|apps|companies|developers|reviews|releases|transistors)\b"
)
_CJK = "\u3000-\u9fff\uac00-\ud7af"  # kana, ideographs, hangul: written without spaces
# A bound after a CJK figure: "10秒以上" (10 s or more), "5 MB以下" (5 MB or less).
_CJK_BOUND = r"(?:以上|以下|未満|超)?"


def _prose_figure(before: str, bound: str, lead: str = "") -> str:
    """The prose figure pattern after the look-behind `before`, maybe opened by `lead` (the
    CJK variant's "約"), a unit maybe followed by `bound` (the CJK variant's "以上")."""
    return (
        rf"{before}(?<!\d[.,])(?<![A-Za-z]\.)(?P<fig>{lead}(?:within\s|{LATIN_BOUND})?{PREFIX}[+-]?(?:\$\s?|₹\s?)?(?:{PROSE_NUMBER}){PROSE_SCALE}"
        r"(?::1(?![\d:]|[.,]\d))?"  # "10 000:1": a ratio to one (normalize reads it)
        rf"(?:\s?(?:%|[xX]|×|ms|s)(?![A-Za-z])(?=\s?(?:-|–|to)\s?~?\$?\d)"
        rf"|\s?[KMGT]i?B(?=\s?(?:[-–]|to\s)\s?\d))?"  # "2GB - 3GB", "32 KB to 2 MB" (a fall splits)
        # "5--8%": a doubled hyphen is a dash where a page's markup wrote one (quants28)
        rf"(?:\s?(?:--|-|–|to)\s?~?\$?(?:{PROSE_NUMBER}){PROSE_SCALE})?\+?"
        rf"(?:\s?(?:{PROSE_UNITS})(?![A-Za-z]){bound})?{BOUND_AFTER}(?:\s(?:{PROSE_NOUNS}))?)"
    )


# after a slash only the second figure of a slash pair with its unit ("7,450/6,900 MB/s",
# "1.2M/1.55M IOPS"; the unit test is in _prose_figures): never "24/7" or a date's parts
PROSE_FIGURE = re.compile(_prose_figure(r"(?<![\w#^-])(?:(?<!/)|(?<=[0-9KM]/))", ""))
# a figure right after a CJK word, which the \w above refuses: "さらに10秒以上", "およそ2.7倍"
# (or a bound word glued before it, after any non-word: "電気代:約4円", ingest/cjk_spans.py)
_CJK_FIGURE = re.compile(
    _prose_figure(f"(?:(?<=[{_CJK}])|(?<![\\w.,])(?={CJK_LEAD}\\d))", _CJK_BOUND, f"{CJK_LEAD}?")
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_BARE_NUMBER = re.compile(r"[+-]?[\d.,]+")
_LEADS = frozenset(word[0] for word in word_list("cjk_bound_leads"))
# a pair's second figure with a unit in capitals or per second ("6,900 MB/s", "1.55M IOPS")
_SLASH_SECOND = re.compile(r"[\d.,]+[KM]?\s?(?:[A-Z][A-Za-z]*(?:/s)?|[A-Za-z]+/s)")
_NAME_AFTER = re.compile(r"\s\w*[A-Z]")  # the next word has a capital: a name goes on
_INCH_MARK = re.compile(r"(?<=\d)(?:″|”|\"|'')")
# "6.1-inch Super Retina XDR display": capitals of a panel's name before "display", no product
_SCREEN_AFTER = re.compile(r"(?:\s[\w+-]+){0,4}?\s(?:display|screen|panel|touchscreen)\b", re.I)
# "0-60 mph", "0-62mph", "0-100 km/h": the name of an acceleration test, not a figure
_SPRINT = re.compile(r"0\s?[-–]\s?(?:60|62|100)(?:\s?(?:mph|km/h))?")
_GLUED_TAIL = re.compile(r"(?![\u3000-\u9fff\uac00-\ud7af])[^\W\d_]")  # any letter but CJK
# "up to **3 TB/s**": a bound word before an emphasised figure bounds it (the marks are kept,
# normalize drops them).
_BOUND_EMPHASIS = re.compile(
    r"(?<![\w])(?:up to|at most|at least|more than|less than|fewer than|no more than|"
    r"in excess of|nearly|almost|about|around|approximately|roughly)\s(?P<mark>\*\*|__)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FigureSpan:
    """A figure in a text: its exact characters and where they start and end."""

    text: str
    start: int
    end: int

    @property
    def is_bare_year(self) -> bool:
        return bool(_BARE_YEAR.match(self.text))


def find_figures(text: str) -> list[FigureSpan]:
    """Every figure span in `text`, left to right, trailing spaces trimmed."""
    spans: list[FigureSpan] = []
    for match in FIGURE.finditer(text):
        raw = match.group("fig").rstrip()
        start = match.start("fig")
        if not any(ch.isdigit() for ch in raw):
            continue
        spans.append(FigureSpan(raw, start, start + len(raw)))
    return spans


def find_prose_figures(text: str) -> list[FigureSpan]:
    """Figure spans of free text in any of the page locales; a number glued to letters
    ("5nm", "GA100", "m5.xlarge", "3rd") is a name or a model, not a figure."""
    if _HAS_DIGIT.search(text):
        if ":" in text and _VERDICT_ANSWER.search(text):
            return []  # "12V to Earth: ✓": the figure names a test, the mark answers it
        return list(_prose_figures(text))
    return list(_worded_only(text))


@functools.lru_cache(maxsize=16384)
def _worded_only(text: str) -> tuple[FigureSpan, ...]:
    """A text with no digit may still write a figure in words ("drei Gramm", "due ventole"):
    kept per text, as most lines have no digit and pages repeat their lines."""
    return tuple(FigureSpan(text[start:end], start, end) for start, end, _ in worded_figures(text))


_HAS_DIGIT = re.compile(r"\d")
_COUNT_TIMES = re.compile(r"[1-9]\d?[x×]")  # "8x", "16x": how many of a part
# a short label and a verdict mark as its whole value (data/prose.toml label_verdict_marks)
_VERDICT_ANSWER = re.compile(
    rf"^[^:\n]{{1,60}}:\s*(?:{'|'.join(map(re.escape, word_list('label_verdict_marks')))})\s*$"
)


@functools.lru_cache(maxsize=16384)
def _prose_figures(text: str) -> tuple[FigureSpan, ...]:
    """find_prose_figures, kept per text: a page reads a line up to three times (list item
    lead, bold header, sentence), and pages repeat their lines."""
    spans: list[FigureSpan] = []
    # "4h 12m", "2 Stunden 20 Minuten", "1 heure et 17 minutes": one figure (latin_spans.py)
    durations = compound_durations(text)
    for start, end in durations:
        spans.append(FigureSpan(text[start:end], start, end))
    sizes = size_sides_in(text) if ("x" in text or "×" in text) else ()
    for start, end in (side for size in sizes for side in size):
        spans.append(FigureSpan(text[start:end], start, end))
    worded = worded_figures(text)  # "zwei Kerne", "eine JAZ von 3": ingest/number_words.py
    spans += [FigureSpan(text[start:end], start, end) for start, end, _ in worded]
    matches = list(PROSE_FIGURE.finditer(text))
    if not text.isascii() and _CJK_CHAR.search(text):
        matches = _without_overlaps([*matches, *_CJK_FIGURE.finditer(text)])
        cjk = cjk_durations(text)  # "8分4秒": one duration, read before its parts
        spans += [FigureSpan(text[start:end], start, end) for start, end in cjk]
        durations = [*durations, *cjk]
    parts_end = 0  # the end of the last counted part ("8x Zen 2 Cores")
    for match in matches:
        raw = match.group("fig").rstrip()
        start = match.start("fig")
        end = start + len(raw)
        if durations and any(s <= start < e for s, e in durations):
            continue  # a part of "4h 12m"
        if sizes and any(size[0][0] <= start < size[0][1] for size in sizes):
            continue  # a side of "134.1 × 100.5 × 67.5 mm", read above
        if not any(ch.isdigit() for ch in raw) or _SPRINT.fullmatch(raw):
            continue
        if start and text[start - 1] == "/" and not _SLASH_SECOND.fullmatch(raw):
            continue  # "24/7", "12/25": no second figure of a pair with a unit
        if raw[-1].isdigit() and end < len(text) and _GLUED_TAIL.match(text, end):
            continue
        lead_bare = raw[:1] in _LEADS and _BARE_NUMBER.fullmatch(without_lead(raw))
        after_cjk = start and _CJK_CHAR.match(text, start - 1) and _BARE_NUMBER.fullmatch(raw)
        if lead_bare or after_cjk:
            continue  # "第3章", "版本2": after a CJK word only a figure with its unit counts
        modifier = text[end : end + 1] == "-" and _GLUED_TAIL.match(text, end + 1)
        if modifier and not (raw[:1] in "$€£¥" and _PER_PERIOD.match(text, end)):
            end = compound_end(text, raw, end)  # "92-mm-Lüfter": a German compound's figure
            if end is None:
                continue  # "30-second windows", "4-nanometer process": a modifier, not a figure
            raw = text[start:end]
        if worded and covered(worded, start, raw):
            continue  # the "3" of "eine JAZ von 3", the "3.0" of "due USB 3.0": read above
        if (
            raw.endswith("-inch")
            and _NAME_AFTER.match(text, end)
            and not _SCREEN_AFTER.match(text, end)
        ):
            continue  # "the 24-inch iMac": a size in a product's name; "a 15-inch display" counts
        inch = _INCH_MARK.search(raw)
        if inch and start and text[start - 1] in '"“':
            raw = raw[: inch.start()]  # '"5" stars': a quoted number, no inch
            end = start + len(raw)
        if raw[-1] in "-–" or raw.endswith(" to"):
            raw = raw.rstrip("-– to")
            end = start + len(raw)
        if start > 4 and text[start - 1] in "*_":
            bound = _BOUND_EMPHASIS.search(text, max(0, start - 24), start)
            mark = bound.group("mark") if bound else ""
            if bound and text.startswith(mark, end):
                start, end = bound.start(), end + len(mark)
                raw = text[start:end]
        if parts_end > start and _BARE_NUMBER.fullmatch(raw):
            continue  # the "2" of "8x Zen 2 Cores": part of the counted part's name
        if _COUNT_TIMES.fullmatch(raw):  # never a model's "8200x" ("the ryzen 7 8200x port")
            counted = counted_after(text, end)  # "8x Zen 2 Cores": a count of parts
            if counted is not None:
                end = parts_end = counted
                raw = text[start:end]
        change = _falls_from(text, raw, start)
        if change is not None:
            spans.extend(change)
            continue
        spans.append(FigureSpan(raw, start, end))
    if durations or sizes or worded:
        spans.sort(key=lambda span: span.start)
    return tuple(join_ranges(text, spans, FigureSpan))


def _without_overlaps(matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """Matches of two patterns by start, one inside an earlier one dropped ("2千" of "1万2千")."""
    kept: list[re.Match[str]] = []
    for match in sorted(matches, key=lambda m: m.start()):
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


# "$12,000-a-month bill": a price per period written as a modifier is still a figure
_PER_PERIOD = re.compile(r"-(?:a|an|per)-(?:month|year|week|day|hour|user|seat)\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s$", re.IGNORECASE)
_TO_JOIN = re.compile(r"\s?to\s?")
_PLAIN_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


_BYTE_UNIT = re.compile(r"[KMGTP]i?B")


def _bytes(unit: str) -> float:
    """'KB' → 1e3, 'GiB' → 1024³, any other unit 1: which of two sizes is larger."""
    if not _BYTE_UNIT.fullmatch(unit):
        return 1.0
    power = "KMGTP".index(unit[0]) + 1
    return float(1024**power if unit[1:2] == "i" else 1000**power)


def _falls_from(text: str, raw: str, start: int) -> tuple[FigureSpan, FigureSpan] | None:
    """'cut spend from $12,000 to $3,600': a fall written "from A to B" is two figures, the
    before and the after, not a range (a range never runs downward); None for anything else."""
    if " to " not in raw or not _FROM_BEFORE.search(text, max(0, start - 5), start):
        return None
    join = _TO_JOIN.search(raw)
    if join is None:
        return None
    first, second = raw[: join.start()], raw[join.end() :]
    a, b = _PLAIN_NUMBER.search(first), _PLAIN_NUMBER.search(second)
    if a is None or b is None:
        return None
    units = first[a.end() :].strip(), second[b.end() :].strip()
    low, high = (
        float(m.group().replace(",", "")) * _bytes(u) for m, u in zip((a, b), units, strict=True)
    )
    if high >= low or (units[0] != units[1] and not all(_BYTE_UNIT.fullmatch(u) for u in units)):
        return None  # "from 2 min to 30 s": units differ; "1.1GB to 130MB" compare in bytes
    at = start + join.end()
    return FigureSpan(first, start, start + len(first)), FigureSpan(second, at, at + len(second))


def preceded_by_entity(text: str, start: int, entities: list[str]) -> bool:
    """True for '… Flask 2.0+' where the number is the entity's own version, not a figure."""
    before = text[:start].rstrip()
    return any(before.endswith(name) for name in entities)


_ENTITY_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def entity_pattern(entities: list[str]) -> re.Pattern[str]:
    """A regex matching any page entity as a word, possessive included."""
    key = tuple(entities)
    pattern = _ENTITY_CACHE.get(key)
    if pattern is None:
        names = "|".join(re.escape(e) for e in sorted(entities, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?P<name>{names})(?:'s|’s)?(?![\w-])")
        _ENTITY_CACHE[key] = pattern
    return pattern


def attribute_figure(
    text: str, span: FigureSpan, entities: list[str], default: str | None
) -> str | None:
    """The entity a figure speaks of: a mention right before it ('FastAPI's 24,000+'),
    else the section's entity, else the nearest mention before it, else the first after."""
    if not entities:
        return default
    mentions = [
        (m.start(), m.end(), m.group("name")) for m in entity_pattern(entities).finditer(text)
    ]
    before = [m for m in mentions if m[1] <= span.start]
    if before and span.start - before[-1][1] <= 4:
        return before[-1][2]
    if default is not None:
        return default
    if before:
        return before[-1][2]
    after = [m for m in mentions if m[0] >= span.end]
    return after[0][2] if after else None
