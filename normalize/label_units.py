"""The unit or scale a metric label states ("RPS[K]", "Latency p99 (ms)", "Time, s", "p90-ms").

Why: ingest keeps a header's unit in `unit_hint` when it can split it off, but many headers
carry it in ways a splitter misses; when the claim has no unit hint, the label's unit is the
hint (applied only when the value names no unit of its own). Cached per distinct label.
"""

from __future__ import annotations

import functools
import re

from crosscheck.normalize.unit_table import unit_table
from crosscheck.normalize.units import HintInfo, hint_info
from crosscheck.normalize.vocabulary_types import UnitKind

__all__ = [
    "FORCE_HINT",
    "MASS_HINT",
    "SIZE_HINT",
    "bare_g_unit",
    "effective_hint",
    "label_hint",
    "written_kind",
]

# The hint of a label that names memory but no unit: no unit for a bare figure, but a "B"
# after a figure reads as a byte (normalize/quantity_lex.py).
SIZE_HINT = "size"
# the hint of a figure under a weight label: its bare "g" is a gram (quantity_lex reads it)
MASS_HINT = "weight"
# the hint of a figure under a force label: its bare "g" is a gram-force ("Actuation force 45g")
FORCE_HINT = "force"

_GROUP = re.compile(r"[\[(]([^\[\]()]{1,24})[\])]")
_AFTER_COMMA = re.compile(r",\s*([^,]{1,16})$")
_TAIL = re.compile(r"[-_\s]([A-Za-zµμ%/$]{1,12})$")
# Label-derived units of these dimensions would change how bare figures read in ways a label
# cannot justify (a count is the default anyway; versions and years have their own rules).
_SKIPPED = frozenset({"count", "version", "year"})


# Periods name what is counted ("downloads last month"), never the unit of a bare figure.
_PERIODS = frozenset(
    ["day", "days", "daily", "week", "weeks", "weekly", "month", "months", "monthly", "year",
     "years", "yearly", "annual", "hour", "hours", "minute", "minutes", "second", "seconds"]
)  # fmt: skip


@functools.cache
def _in_unit() -> re.Pattern[str]:
    """ "Latency in ms", "Durée en ms": a word for "in" (units.toml), then the unit."""
    words = sorted(unit_table().prepositions, key=len, reverse=True) or ["in"]
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})\s+([^\s,;]{{1,12}})\s*$", re.IGNORECASE)


def _after_preposition(text: str) -> str:
    """ "in ms" → "ms": a bracketed unit may say "in" first ("Latency (in ms)")."""
    match = _in_unit().match(text)
    return match.group(1) if match else text


def _usable(text: str, bracketed: bool = True) -> HintInfo | None:
    if bracketed:
        text = _after_preposition(text)
    if not bracketed and text.lower() in _PERIODS:
        return None
    info = hint_info(text)
    if info.unit is not None and info.unit.dimension in _SKIPPED and info.unit.per is None:
        info = HintInfo(info.text, None, info.scale, info.mentions_year)
    return info if info.unit is not None or info.scale is not None else None


@functools.lru_cache(maxsize=8192)
def label_hint(label: str | None) -> str | None:
    """A hint text ("K req/s", "ms", "release year") read from a label, or None."""
    if not label:
        return None
    text = " ".join(label.split())
    if len(text) > 80:
        return None
    unit: HintInfo | None = None
    scale: HintInfo | None = None
    for found in _GROUP.findall(text):  # "Memory (MiB)", "RPS[K]", "(thousands)"
        info = _usable(found.strip())
        if info is None:
            continue
        if info.unit is not None and unit is None:
            unit = info
        if info.scale is not None and scale is None:
            scale = info
    bare = _GROUP.sub(" ", text).strip()
    if unit is None and bare:
        for candidate in _candidates(bare):
            info = _usable(candidate, bracketed=False)
            if info is not None and info.unit is not None:
                unit = info
                break
    if unit is None and scale is None:
        return _year_hint(bare)
    if scale is None:
        return unit.text if unit else None
    if unit is None:
        return scale.text
    return f"{scale.text} {unit.text}"


def _candidates(bare: str) -> list[str]:
    """Where a label writes its unit outside brackets, most specific first."""
    found = [bare]  # the label is a unit: "Requests/sec", "ns/op", "RPS"
    for pattern in (_AFTER_COMMA, _in_unit(), _TAIL):
        match = pattern.search(bare)
        if match and pattern is _TAIL and _PER_END.search(bare[: match.start()]):
            continue  # "Cycles per Byte", "Cost per GB": the unit divides, it is not the value's
        if match and pattern is _TAIL and bare[: match.start()].rstrip().endswith("@"):
            continue  # "EF @ A", "Recall @ K": what follows '@' is a parameter, not a unit
        if match and pattern is _TAIL and _AT_FIGURE.search(bare[: match.start()]):
            continue  # "6GB @ 336 GB/s": the unit of the figure after '@', not the label's
        if match:
            found.append(match.group(1).strip())
    return found


_PER_END = re.compile(r"(?:^|\s)per$", re.IGNORECASE)
# realval28: a label that is a value chain's clause ends in the figure after '@'
_AT_FIGURE = re.compile(r"@\s?[~≈]?\d[\d.,]*\s?$")


@functools.cache
def _any_word(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for "any of `words`, not inside a longer word" (a search per word, its
    pattern built each time, was ~20 calls a label); None for no words."""
    if not words:
        return None
    return re.compile(rf"(?<![a-z])(?:{'|'.join(map(re.escape, words))})(?![a-z])")


def _year_hint(bare: str) -> str | None:
    """ "First Release", "launched": a bare 4-digit figure under it is a calendar year."""
    pattern = _any_word(unit_table().year_words)
    if pattern is not None and pattern.search(bare.lower()):
        return "release year"
    return None


def _names_a_rate(label: str | None) -> bool:
    pattern = _any_word(unit_table().rate_words)
    return pattern is not None and pattern.search((label or "").lower()) is not None


def _names_a_size(label: str | None) -> bool:
    pattern = _any_word(unit_table().size_words)
    return pattern is not None and pattern.search((label or "").lower()) is not None


def _names_a_mass(label: str | None) -> bool:
    pattern = _any_word(unit_table().mass_words)
    return pattern is not None and pattern.search((label or "").lower()) is not None


def _names_a_force(label: str | None) -> bool:
    pattern = _any_word(unit_table().force_words)
    return pattern is not None and pattern.search((label or "").lower()) is not None


def _quantity_hint(label: str | None) -> str | None:
    """The unit a header's quantity word gives a bare figure ('Average WER' → a ratio)."""
    lowered = (label or "").lower()
    for hint, words in unit_table().quantity_words:
        pattern = _any_word(words)
        if pattern is not None and pattern.search(lowered):
            return hint
    return None


@functools.cache
def _bits_pattern() -> re.Pattern[str] | None:
    spellings = sorted(unit_table().bit_spellings, key=len, reverse=True)
    if not spellings:
        return None
    body = "|".join(map(re.escape, spellings))
    return re.compile(rf"(?<![A-Za-z])(?:[kKMGTPE]i?)?(?:{body})(?![A-Za-z])")


def written_kind(text: str, hint: str | None = None) -> UnitKind:
    """Whether a data rate is written in bits ("22.4 Gbps", "21 Gbit/s", or a bare figure
    under a "(Gbps)" header) or in bytes ("716.8 GB/s"): where one label fits a per-pin rate
    and a bandwidth, the unit decides (normalize/vocabulary.py, `written_in`)."""
    pattern = _bits_pattern()
    if pattern is not None and (pattern.search(text) or (hint and pattern.search(hint))):
        return "bits"
    return "bytes"


def bare_g_unit(hint_text: str | None) -> str | None:
    """The unit a bare "g" after a figure stands for under this hint: a gram under a weight
    label, a gram-force under a force label, nothing elsewhere ("5g" may be a network)."""
    return {MASS_HINT: "grams", FORCE_HINT: "gf"}.get(hint_text or "")


def effective_hint(unit_hint: str | None, label: str | None) -> str | None:
    """The claim's unit hint, completed from its label: a hint with a unit wins; a scale-only
    hint ("thousands") takes the label's unit; no usable hint takes the label's. A size under
    a label that names a rate ("Throughput", "Bandwidth") is per second."""
    hint = _completed(unit_hint, label)
    if hint is None and _names_a_size(label):
        return SIZE_HINT
    if hint is None and _names_a_mass(label):
        return MASS_HINT
    if hint is None and _names_a_force(label):
        return FORCE_HINT
    if hint is None:
        hint = _quantity_hint(label)
    info = hint_info(hint)
    if info.unit is not None and info.unit.dimension == "bytes" and _names_a_rate(label):
        return f"{hint}/s"
    return hint


def _completed(unit_hint: str | None, label: str | None) -> str | None:
    if unit_hint is not None and not unit_hint.strip():
        unit_hint = None
    given = hint_info(unit_hint)
    from_label = label_hint(label)
    label_info = hint_info(from_label)
    if label_info.mentions_year and (given.unit is None or given.unit.dimension == "count"):
        return from_label  # "released" beside "billion transistors": a year takes no scale
    if given.unit is not None or given.mentions_year:
        return unit_hint
    if from_label is None:
        return unit_hint
    if given.scale is None:
        return from_label
    if label_info.unit is None or label_info.scale is not None:
        return unit_hint
    return f"{given.text} {from_label}"
