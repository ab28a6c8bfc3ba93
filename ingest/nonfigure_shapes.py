"""Shapes of text that make a number part of a name, of a contact block or of a test's set-up.

Why: "PlayStation 5 consoles", "Samsung 990 Pro 2TB", "+49 391 55 86 42", "3 Replies" and
"20 web requests at a time" are numbers of a page, no figures of a product; each one taken as
a figure can become a false finding on another page. The shapes (where a word stands) are
here (a name's numbers in ingest.name_numbers); the words are data
(ingest/data/nonfigures.toml). Split from ingest.nonfigures, which asks :func:`shape_reason`
once its own rules found nothing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from crosscheck.ingest.method_setup import method_reason
from crosscheck.ingest.name_numbers import capacity_of_name, name_number, word_data


class NotFigure(StrEnum):
    """The reason a number is not a figure."""

    VERSION = "version"
    DATE = "date"
    YEAR = "year"
    FLAG = "flag"
    SETTING = "setting"
    CONDITION = "condition"
    VARIANT = "variant"
    FOOTNOTE = "footnote"
    READING_TIME = "reading time"
    CODE = "code"
    IDENTIFIER = "identifier"  # "cores 2 and 3": which ones, not how many (no condition either)
    SPREAD = "spread"  # "within 2 ms of each other": how far apart several are, no one's figure
    EFFORT = "effort"  # "saves ~1 hour per developer per week": people's time, no measurement
    THRESHOLD = "threshold"  # "falls short of the 60 FPS mark": a bar to measure against
    CONTACT = "contact"  # "+49 391 55 86 42 52", "39120 Magdeburg": a phone, a postal code
    COUNTER = "counter"  # "3 Replies": the page's comment counter
    PROFILE = "profile"  # "über 20 Jahre Berufserfahrung": about people, no product
    TERMS = "terms"  # "7 - 10 working days": a shop's delivery terms


@dataclass(frozen=True)
class _Shapes:
    condition_after: re.Pattern[str]  # "<n> [modifier] <noun>" that sizes a test's input
    concurrency_after: re.Pattern[str]
    setting_before: re.Pattern[str]
    into_after: re.Pattern[str]
    counter_after: re.Pattern[str]
    profile_after: re.Pattern[str]
    delivery_after: re.Pattern[str]
    opener: re.Pattern[str]  # "Gemessen bei ...": a sentence of measurement conditions
    clause_opener: re.Pattern[str]
    resolution_after: re.Pattern[str]
    phone_label_before: re.Pattern[str]
    tested_before: re.Pattern[str]
    percentile_after: re.Pattern[str]
    series_after: re.Pattern[str]  # "the RTX 3000 series": a product line
    variants_after: re.Pattern[str]  # "for 1TB and 2TB models"
    rails_after: re.Pattern[str]  # "the 3.3V rail": which rail, no figure
    module_after: re.Pattern[str]  # "32GB DDR5", "16GB G.SKILL DDR4-2666": a memory module
    street_before: re.Pattern[str]  # "Ottersleber Chaussee 99" on the line before
    street_word_before: re.Pattern[str]  # "Lindenallee " before a house number


@functools.cache
def _shapes() -> _Shapes:
    data = word_data()
    alt, rx = data.alt, data.rx
    per_time = r"(?!\s*(?:per|/|a|an|each|every)\s*(?:s\b|sec|second|minute|min\b|hour))"
    return _Shapes(
        condition_after=rx(rf"^\s+(?:[a-z][a-z-]*\s+)?(?:{alt('condition_nouns')})\b{per_time}"),
        concurrency_after=rx(rf"^(?:\s+[a-z][a-z-]*){{0,2}}\s+(?:{alt('concurrency_after')})\b"),
        setting_before=rx(
            rf"\b(?:{alt('setting_words')})\s+(?:{alt('setting_prepositions')})\s+[~≈]?$"
        ),
        into_after=rx(
            rf"^(?:\s*(?:hours?|minutes?|mins?|days?|weeks?|months?))?\s+(?:{alt('into_words')})"
            rf"\s+(?:a|an|the|my|our|your|his|her|their|its|this)\b"
        ),
        counter_after=rx(rf"^\s+(?:{alt('counter_nouns')})\b"),
        profile_after=rx(
            rf"^(?:\s+(?:{alt('year_words')}))?\s+(?:of\s+|de\s+|d['’]\s*)?"
            rf"[\w-]*?(?:{alt('experience_words')})"
        ),
        delivery_after=rx(rf"^\s+(?:{alt('delivery_days')})\b"),
        opener=re.compile(rf"(?:^|(?<=\n))\W{{0,3}}(?:{alt('measured_openers')})\s"),
        clause_opener=rx(rf"\s*(?:{alt('condition_clause_openers')})\b"),  # matched at a pos: no ^
        resolution_after=re.compile(rf"^\s+(?:{alt('resolution_nouns')})\b"),
        phone_label_before=rx(rf"(?:^|\s)(?:{alt('phone_labels')})\s*[:.]?\s*$"),
        tested_before=rx(rf"\b(?:{alt('tested_verbs')})\s+(?:over\s+|more than\s+|about\s+)?$"),
        percentile_after=re.compile(rf"^\s+(?:{alt('percentile_names_after')})\b"),
        series_after=rx(rf"^\s+(?:{alt('series_words')})\b"),
        rails_after=rx(rf"^\s+(?:{alt('rail_nouns_after')})\b"),
        variants_after=rx(
            rf"^(?:\s*(?:,|and|or|und|et|y|/)\s*\d[\d.,]*\s?[KMGT]B)*\s+"
            rf"(?:{alt('variant_nouns_after')})\b"
        ),
        module_after=re.compile(
            rf"^\s+(?:[A-Z][\w.-]*\s+)?(?:{alt('memory_module_marks')})(?![\w])"
            rf"|^\s+(?:{alt('test_bed_memory_after')})\b",
            re.IGNORECASE,
        ),
        street_word_before=rx(rf"[A-Za-zäöüß](?:{alt('street_words')})\s$"),
        street_before=rx(rf"(?:{alt('street_words')})\s+\d{{1,4}}[a-z]?(?:[ \t]*\n|,\s*)$"),
    )


_COUNT = re.compile(r"^[~≈]?\d[\d,.\u00a0]*(?:\s?(?:[KMBk]|thousand|million|billion))?\+?$")
_PERCENT = re.compile(r"^[~≈]?\d+(?:[.,]\d+)?\s?%$")
_LANES = re.compile(r"^\d+(?:\.\d+)?\s?[x×]$")  # "PCIe 4.0 x4", "USB 3.2×2": lanes follow
_VOLTAGE = re.compile(r"\d\s?[mk]?V$")  # "3.3V", "12 V"
_CAPACITY = re.compile(r"^\d+(?:[.,]\d+)?\s?(?:[KMGTP]i?B|[KMGT]Bytes?|[GT]o)$")  # "2 To"
_PART_NUMBER_AFTER = re.compile(r"^-\d+[A-Za-z]*-\w")  # "20-82" of "20-82-10035-B2"
_HOST_BEFORE = re.compile(r"(?:\b\d{1,3}(?:\.\d{1,3}){3}|\blocalhost):$")
_PHONE = re.compile(r"^\+\d{1,3}(?:[\s./-]\(?\d{1,5}\)?){2,}$")
_HOUSE_NUMBER_AFTER = re.compile(r"^[a-z]?(?:[ \t]*(?:\n|$)|,)")
_PHONE_REST = re.compile(r"^(?:[ ./-]\(?\d{1,5}\)?){2,}(?![\d.,]*\s?[A-Za-z%])")
_PHONE_BEFORE = re.compile(r"\+\d{1,3}(?:[ ./-]\(?\d{1,5}\)?)*[ ./-]\(?$")
_POSTAL_AFTER = re.compile(
    r"^[ \u00a0]+[A-ZÄÖÜ][a-zäöüß-]{2,}(?:[ -][A-ZÄÖÜ][a-zäöüß-]+)?[ \t]*(?:\n|$|[,.])"
)
_RESOLUTION = re.compile(r"^[2458]K$")
_TIME_RAW = re.compile(r"(?:hours?|h|minutes?|mins?|days?|weeks?|months?)$", re.IGNORECASE)
_AT_IN_BEFORE = re.compile(r"(?:^|\s)(?:at|in|en|bei|à|a)\s$", re.IGNORECASE)


def shape_reason(
    text: str, start: int, raw: str, before: str, after: str, entity_ends: set[int], offset: int
) -> NotFigure | None:
    """Why the figure `raw` at `start` of `text` is no figure by the words around it, or None
    (asked last, once ingest.nonfigures' own rules found no reason).

    `before` and `after` are the windows the caller cut around it (`before` starts at
    `offset`); `entity_ends` are where the sentence's name mentions end."""
    shapes = _shapes()
    if _LANES.match(raw) and after[:1].isdigit():
        return NotFigure.VERSION  # "PCIe 4.0 x4": a link's version and its lanes
    if after[:1] == "-" and "-" in raw and _PART_NUMBER_AFTER.match(after):
        return NotFigure.IDENTIFIER  # "20-82-10035-B2": a part number
    if before[-1:] == ":" and _HOST_BEFORE.search(before[-24:]):
        return NotFigure.IDENTIFIER  # "127.0.0.1:6379": a port
    if raw[:1] == "+" and (_PHONE.match(raw) or _PHONE_REST.match(after)):
        return NotFigure.CONTACT  # "+49 391 55 86 42 52", read whole or from its "+49"
    if (before[-1:] in ": ." and shapes.phone_label_before.search(before[-12:])) or (
        raw.isdigit() and "+" in before[-24:] and _PHONE_BEFORE.search(before[-24:])
    ):
        return NotFigure.CONTACT  # "Tel.: 0391 ...", the "30" of "+49 30 1234 5678"
    if (
        raw.isdigit()
        and len(raw) <= 4
        and _HOUSE_NUMBER_AFTER.match(after)
        and before[-1:] == " "
        and shapes.street_word_before.search(before[-24:])
    ):
        return NotFigure.CONTACT  # "Lindenallee 12, 10115 Berlin": a house number
    if (
        raw.isdigit()
        and len(raw) in (4, 5)
        and _POSTAL_AFTER.match(after)
        and shapes.street_before.search(before[-40:])
    ):
        return NotFigure.CONTACT  # "39120 Magdeburg" on the line after a street
    bare = raw.isdigit()
    spaced = after[:1].isspace()  # the word patterns below all open with a space
    if spaced:
        line_start = not before.strip() or before.rstrip(" ")[-1] in "\n([|"
        if bare and line_start and shapes.counter_after.match(after):
            return NotFigure.COUNTER  # "3 Replies to ..." opening its line
        if shapes.profile_after.match(after):
            return NotFigure.PROFILE  # "über 20 Jahre Berufserfahrung"
        if shapes.delivery_after.match(after):
            return NotFigure.TERMS  # "typically arrive in 7 - 10 working days"
        if _PERCENT.match(raw) and shapes.percentile_after.match(after):
            return NotFigure.IDENTIFIER  # "1% lows": a statistic's name
        if _RESOLUTION.match(raw) and shapes.resolution_after.match(after):
            return NotFigure.VARIANT  # "4K video"
    if _RESOLUTION.match(raw) and _AT_IN_BEFORE.search(before[-4:]):
        return NotFigure.CONDITION  # "'Cyberpunk 2077' at 4K"
    if (spaced and _condition(raw, before, after, shapes)) or _measured(text, start, shapes):
        return NotFigure.CONDITION
    if _PERCENT.match(raw) and shapes.setting_before.search(before[-40:]):
        return NotFigure.SETTING  # "the light setting at 15%"
    if bare and spaced and shapes.series_after.match(after):
        return NotFigure.IDENTIFIER  # "Radeon 7000 series"
    if _VOLTAGE.search(raw) and shapes.rails_after.match(after):
        return NotFigure.VARIANT  # "the 3.3V rail": a power supply's rail by its voltage
    if _CAPACITY.match(raw):
        if shapes.variants_after.match(after):
            return NotFigure.VARIANT  # "(for 1TB and 2TB models)"
        if capacity_of_name(raw, before, after, entity_ends, offset):
            return NotFigure.VARIANT  # "Samsung 990 Pro 2TB", "WD Blue SN500 (500GB)"
        if (
            spaced
            and shapes.module_after.match(after)
            and not any(start - 40 <= e <= start for e in entity_ends)
        ):
            return NotFigure.CONDITION  # a test bed's "two Kingston Fury 32GB DDR5 modules"
    if name_number(raw, before, after, entity_ends, offset):
        return NotFigure.IDENTIFIER  # "PlayStation 5 consoles", "Intel HD 630"
    method = method_reason(text, start, raw, before, after)  # a test's set-up, a band, a "Gen 3"
    return None if method is None else NotFigure(method)


def is_contact(text: str) -> bool:
    """Whether a table cell is a phone number ("+49 391 55 86 42 52"): no figure."""
    return text[:1] == "+" and _PHONE.match(text.strip()) is not None


def _condition(raw: str, before: str, after: str, shapes: _Shapes) -> bool:
    """A load or a size of a test's input ("50M+ document embeddings", "20 web requests at a
    time", "tested 11 games"), or a point in an activity ("40 hours into a new RPG")."""
    timed = _TIME_RAW.search(raw) or (raw.isdigit() and after[:1] == " ")
    if timed and shapes.into_after.match(after):
        return True
    if _CAPACITY.match(raw):  # "the 48GB transfer tests": a size of the input
        return shapes.condition_after.match(after) is not None
    if not _COUNT.match(raw):
        return False
    if shapes.condition_after.match(after) or shapes.concurrency_after.match(after):
        return True
    tested = raw.isdigit() and shapes.tested_before.search(before[-24:]) is not None
    return tested and after[:1] == " " and after[1:2].islower()


@functools.lru_cache(maxsize=512)
def _opener_ends(text: str) -> tuple[int, ...]:
    """Where each opener of measurement conditions in `text` ends (asked of every figure of a
    sentence: found once per sentence)."""
    return tuple(m.end() for m in _shapes().opener.finditer(text))


def _measured(text: str, start: int, shapes: _Shapes) -> bool:
    """Inside the opening clauses of a sentence (or of a line) that says how a figure was
    measured ("Gemessen beim Vorwärtsflug bei ... von 21,6 km/h ..., im Sportmodus ..."): the
    clauses go on while each opens with a preposition or "and"; "Measured at 1440p, the X
    averages" ends."""
    cut = next((end for end in _opener_ends(text) if end <= start), -1)
    if cut < 0:
        return False
    while True:
        comma = text.find(", ", cut)  # a clause's comma, no decimal one ("21,6 km/h")
        if comma < 0 or start < comma:
            return True
        if shapes.clause_opener.match(text, comma + 1) is None:
            return False
        cut = comma + 1
