"""Read figures written with words: counts of parts and ratios led by their metric word.

Why: ingest keeps a figure's exact text, and in other languages that text opens with a word
("due porte USB 3.0", "zwei Mal USB 3.0", "beiden 92-mm-Lüfter", "quad-core") or with the
ratio's own name ("eine JAZ von 3", "un COP minimum de 3", "COP compris entre 3 et 5"). These
rewrites give the figure scanner its plain form ("2 porte USB 3.0", "2 ports", "4 cores",
"3 x", "min 3 x", "between 3 and 5 x"); the words are data (data/number_words.toml).
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from crosscheck.normalize.vocabulary_io import packaged_data

__all__ = ["Worded", "counted_part", "joined_thousands", "read_words"]


class Worded(NamedTuple):
    """A worded figure in the scanner's plain form, and what the rewrite took out of it."""

    text: str
    notes: tuple[str, ...]


# The span finder's word lists that reading a span needs too, written once in its data file
# (read as data, beside this package whether installed or editable, as normalize.kinds does)
SHARED_FILE = Path(__file__).resolve().parents[1] / "ingest" / "data" / "number_words.toml"
SHARED_LISTS = ("count_nouns", "port_kinds", "count_verbs", "count_times", "range_openers",
                "range_articles", "range_ands", "worded_units", "worded_bounds")  # fmt: skip


@functools.cache
def _data() -> dict[str, Any]:
    own = tomllib.loads(packaged_data("number_words.toml").read_text("utf-8"))
    shared = tomllib.loads(SHARED_FILE.read_text("utf-8"))
    return {**own, **{key: shared[key] for key in SHARED_LISTS}}


def _alt(words: list[str]) -> str:
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@functools.cache
def _counts() -> dict[str, int]:
    return {str(k).lower(): int(v) for k, v in _data()["counts"].items()}


@functools.cache
def _unit_count() -> re.Pattern[str]:
    """'[bound] <count word> <unit word>' ("bis zu drei Prozent", "tres años")."""
    data = _data()
    # a bound elided before its count ("plus d'une heure") is glued to it (quants28)
    bound = rf"(?:{_alt(data['worded_bounds'])})(?:\s+|(?<=['’]))"
    return re.compile(
        rf"^(?P<bound>{bound})?(?P<count>{_alt(list(_unit_values()))})"
        rf"\s+(?P<unit>(?:{_alt(data['worded_units'])}))$",
        re.I,
    )


@functools.cache
def _unit_values() -> dict[str, float]:
    """Count words and the words that only count a unit, some of them halves ("zweieinhalb")."""
    data = _data()
    return {**_counts(), **{str(k).lower(): float(v) for k, v in data["unit_counts"].items()}}


@functools.cache
def _multipliers() -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in _data()["multipliers"].items()}


@functools.cache
def _multiplier() -> re.Pattern[str]:
    return re.compile(rf"^({_alt(list(_multipliers()))})(?![\w-])", re.I)


_NUMBER_PART = re.compile(r"[0-9][0-9.,]*")


@functools.cache
def _range() -> re.Pattern[str]:
    data = _data()
    article = rf"(?:(?:{_alt(data['range_articles'])})(?:\s+|(?<=['’])))?"
    return re.compile(
        rf"^(?:{_alt(data['range_openers'])})\s+{article}(?P<low>[0-9].*?)"
        rf"\s+(?:{_alt(data['range_ands'])})\s+{article}(?P<high>[0-9].*)$",
        re.I,
    )


@functools.cache
def _predicate() -> re.Pattern[str]:
    verbs = _alt(_data()["count_verbs"])
    return re.compile(rf"^(?:{verbs})\s+({_alt(list(_counts()))})$", re.I)


@functools.cache
def _count_lead() -> re.Pattern[str]:
    """A count word, maybe a word for "times", then the counted part."""
    times = _alt(_data()["count_times"])
    return re.compile(
        rf"^(?P<count>{_alt(list(_counts()))})\s+(?:(?:{times})\s+)?(?P<rest>\S.*)$", re.I
    )


@functools.cache
def _port_kind() -> re.Pattern[str]:
    return re.compile(rf"^(?:{_alt(_data()['port_kinds'])})(?![\w-])")


@functools.cache
def _part() -> re.Pattern[str]:
    """A counted part: a listed noun, or a compound ending in one ("USB-2.0-Anschluss")."""
    return re.compile(rf"^(?:[\w.+-]*-)?(?:{_alt(_data()['count_nouns'])})(?![\w-])", re.I)


# a capitalised comparative ("2x Faster Cores") makes a ratio, no count of parts
_NOT_COMPARING = (
    r"(?!(?:More|Fewer|Less|Faster|Slower|Bigger|Smaller|Higher|Lower|Better|Larger)\b)"
)


@functools.cache
def _named_part() -> re.Pattern[str]:
    """Up to three capitalised or digit-led words, then a listed part noun ("Zen 2 Cores")."""
    nouns = _alt(_data()["count_nouns"])
    return re.compile(rf"^(?:{_NOT_COMPARING}[A-Z0-9][\w.+-]*\s+){{0,3}}(?i:{nouns})(?![\w-])")


def counted_part(rest: str) -> str | None:
    """The counted part after a multiplier sign ("8x Zen 2 Cores", "8x Cores": eight cores, no
    ratio), or None; a lower-case word before the noun ("3x more cores") keeps the ratio.
    quants28: the counted parts are count_nouns (ingest/data/number_words.toml)."""
    match = _named_part().match(rest)
    return match.group() if match else None


@functools.cache
def _core_word() -> re.Pattern[str]:
    prefixes = _alt(list(_data()["core_prefixes"]))
    return re.compile(rf"^(?P<prefix>{prefixes})-cores?$", re.I)


@functools.cache
def _ratio_lead() -> re.Pattern[str]:
    """'[article] METRIC [adverb] <links>' before the number (the links' kinds: _link_kind)."""
    ratio = _data()["ratio"]
    kinds = _alt(_all_links(ratio))
    return re.compile(
        rf"^(?:(?i:{_alt(ratio['articles'])})\s+)?(?:{_alt(ratio['metrics'])})(?![\w-])"
        rf"(?:\s+[^\W\d_A-Z][^\W\d_]{{2,20}}(?=\s+(?i:{_alt(_all_links(ratio))})))??"
        rf"(?P<links>(?:\s*(?i:{kinds}))+)\s*(?P<rest>~?\s*[0-9].*)$"
    )


def _all_links(ratio: dict[str, Any]) -> list[str]:
    return [
        w for kind in ("at_least", "at_most", "approximate", "range", "links") for w in ratio[kind]
    ]


@functools.cache
def _link_kind() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each link word's bound as the scanner writes it ("min", "max", "about", "between")."""
    ratio = _data()["ratio"]
    marks = {"at_least": "min ", "at_most": "max ", "approximate": "about ", "range": "between "}
    return tuple(
        (
            re.compile(rf"(?<![\w])(?:{_alt(ratio[kind])})(?![\w])|^(?:{_alt(ratio[kind])})", re.I),
            mark,
        )
        for kind, mark in marks.items()
    )


@functools.cache
def _joiner() -> re.Pattern[str]:
    joiners = _alt(_data()["ratio"]["range_joiners"])
    return re.compile(rf"^([0-9][0-9.,]*)\s+(?:{joiners})\s+(?=[0-9])", re.I)


@functools.cache
def _thousands() -> re.Pattern[str]:
    words = _alt(_data()["thousand_words"])
    return re.compile(rf"(?<![0-9.,])([0-9]{{1,3}})\s(?:{words})\s([0-9]{{3}})(?![0-9.,])", re.I)


def joined_thousands(value: str) -> str:
    """ "7 mil 822" → "7822": a word for "thousand" between thousands and units, one number."""
    return _thousands().sub(r"\1\2", value)


def read_words(value: str) -> Worded | None:
    """The plain form of a worded figure, or None for a value that opens with no such word.
    Asked only of values whose first character is a letter."""
    core = _core_word().match(value)
    if core:
        return Worded(f"{_data()['core_prefixes'][core.group('prefix').lower()]} cores", ())
    ranged = _range().match(value)
    low = _NUMBER_PART.match(ranged.group("low")) if ranged else None
    if ranged and low:  # "tra il 15% e il 18%" → "15 to 18%"
        return Worded(f"{low.group()} to {ranged.group('high').strip()}", ())
    lead = _ratio_lead().match(value)
    if lead:  # before the counts: "un COP de 3" opens with an article, no count
        return _ratio(lead)
    multiplier = _multiplier().match(value)
    if multiplier:  # "il doppio della", "doublées": the ratio it states
        ratio = _multipliers()[" ".join(multiplier.group(1).lower().split())]
        return Worded(f"{ratio} {value[multiplier.end() :].strip()}".strip(), ())
    predicate = _predicate().match(value)
    if predicate:  # "sono quattro": the count the clause ends on
        return Worded(str(_counts()[predicate.group(1).lower()]), ())
    unit = _unit_count().match(value)
    if unit:  # "bis zu drei Prozent" → "bis zu 3 Prozent"
        number = _unit_values()[unit.group("count").lower()]
        bound = (unit.group("bound") or "").rstrip()
        return Worded(f"{bound} {number:g} {unit.group('unit')}".lstrip(), ())
    counted = _count_lead().match(value)
    if counted:
        number = _counts()[counted.group("count").lower()]
        rest = counted.group("rest")
        if _port_kind().match(rest):  # "due USB 3.0": two ports of that kind
            return Worded(f"{number} ports", (rest,))
        if _part().match(rest):  # "beiden 92-mm-Lüfter": never "2 92" read as 292
            return (
                Worded(f"{number}", (rest,))
                if rest[:1].isdigit()
                else Worded(f"{number} {rest}", ())
            )
    return None


def _ratio(lead: re.Match[str]) -> Worded:
    """'un COP minimum de 3' → 'min 3 x'; 'COP compris entre 3 et 5' → 'between 3 and 5 x'."""
    links = lead.group("links")
    bound = next((mark for pattern, mark in _link_kind() if pattern.search(links)), "")
    rest = lead.group("rest").strip()
    if bound == "between ":
        rest = _joiner().sub(r"\1 and ", rest)
    return Worded(f"{bound}{rest} x", ())
