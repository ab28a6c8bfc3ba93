"""Unit words → one canonical unit per dimension, resolved once per distinct string.

pint does the arithmetic of real units (KB, ms, req/sec) from one registry with our own
definitions; nouns that only count things ("stars", "packages") and the dimensionless units
of these pages (percent, multipliers, versions) are resolved from small tables first, because
pint either does not know them or would call them all "dimensionless". See docs/normalization.md.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crosscheck.normalize.unit_answers import answers_of
from crosscheck.normalize.unit_table import unit_table

from crosscheck.common import units as common_units
from crosscheck.common.numbers import scale_value
from crosscheck.common.optional_imports import without
from crosscheck.contracts import CANONICAL_UNITS

if TYPE_CHECKING:
    import pint

__all__ = [
    "COUNT",
    "COUNT_NOUNS",
    "CUSTOM_DEFINITIONS",
    "PERCENT",
    "RATIO",
    "VERSION",
    "YEAR",
    "HintInfo",
    "UnitInfo",
    "encode_version",
    "format_version",
    "hint_info",
    "resolve_unit",
    "scale_of",
    "unit_registry",
]


@dataclass(frozen=True)
class UnitInfo:
    """How a value in one unit goes onto its dimension's canonical scale (value × factor)."""

    dimension: str
    canonical_unit: str
    factor: float
    per: str | None = None  # "per operation" for ns/op, B/op, allocs/op


# Added to pint's default registry. pint already reads kB/MB/GB as decimal (SI prefixes on the
# byte), but it has no upper-case "KB"; we define it as 1000 B too, so that every size on these
# pages is decimal (see the docs for why). Requests get a base dimension of their own.
CUSTOM_DEFINITIONS: tuple[str, ...] = (
    "KB = 1000 * byte",
    "request = [request] = req",
    "requests_per_second = request / second = RPS = rps = QPS = qps",
)

# Nouns that mean "a number of things": the value is a count and the noun is kept as written.
COUNT_NOUNS: frozenset[str] = frozenset(
    {
        "count",
        "stars",
        "packages",
        "positions",
        "jobs",
        "job postings",
        "postings",
        "extensions",
        "questions",
        "answers",
        "lines",
        "lines of code",
        "loc",
        "connections",
        "downloads",
        "installs",
        "integrations",
        "libraries",
        "tutorials",
        "users",
        "developers",
        "contributors",
        "companies",
        "projects",
        "plugins",
        "modules",
        "repositories",
        "repos",
        "forks",
        "watchers",
        "followers",
        "commits",
        "releases",
        "issues",
        "reviews",
        "comparisons",
        "requests",
        "apps",
        "sites",
        "websites",
        "endpoints",
        "routes",
        "workers",
        "threads",
        "processes",
        "instances",
        "servers",
        "dependencies",
        "attributes",
        "items",
        "people",
        "members",
        "votes",
        "views",
    }
)

_CANON = CANONICAL_UNITS
# The dimensionless units, shared with the quantity parser.
PERCENT = UnitInfo("percent", _CANON["percent"], 1.0)
RATIO = UnitInfo("ratio", _CANON["ratio"], 1.0)
VERSION = UnitInfo("version", _CANON["version"], 1.0)
COUNT = UnitInfo("count", _CANON["count"], 1.0)
YEAR = UnitInfo("year", _CANON["year"], 1.0)

# Resolved before pint: case-insensitive words pint lacks or misreads ("mb" is a millibarn).
_TABLE: dict[str, UnitInfo] = {
    "%": PERCENT,
    "percent": PERCENT,
    "percentage": PERCENT,
    "pct": PERCENT,
    "x": RATIO,
    "×": RATIO,
    "times": RATIO,
    "fold": RATIO,
    "version": VERSION,
    "versions": VERSION,
    "calendar year": YEAR,
    "release year": YEAR,
}

# Written in lower case only: "mb" on these pages means megabytes (pint: millibarn). Mixed case
# "Mb"/"Kb" usually means bits and is left unresolved rather than guessed.
_LOWER_BYTES: dict[str, UnitInfo] = {
    "kb": UnitInfo("bytes", _CANON["bytes"], 1e3),
    "mb": UnitInfo("bytes", _CANON["bytes"], 1e6),
    "gb": UnitInfo("bytes", _CANON["bytes"], 1e9),
    "tb": UnitInfo("bytes", _CANON["bytes"], 1e12),
}
_STOP_WORDS = frozenset(
    ["per", "of", "in", "to", "with", "for", "a", "an", "the", "and", "or", "vs"]
)

# Spellings pint does not know, rewritten to ones it does.
_ALIASES: dict[str, str] = {
    "wk": "week",
    "wks": "week",
    "secs": "second",
    "msec": "millisecond",
    "msecs": "millisecond",
    "mo": "month",
    "mos": "month",
    "yrs": "year",
    "reqs": "request",
}

# Only these characters ever reach pint (it evaluates expressions; digits and operators stay out).
_PINT_SAFE = re.compile(r"[A-Za-zµ/ _]{1,40}")
_PER = re.compile(r"\s+per\s+|\s*/\s*")
_WORD = re.compile(r"[A-Za-z][A-Za-z.'-]*")
_BITS_LIKE = re.compile(r"[KMGT]b")
_BYTE_BASES = frozenset({"byte", "bit", "KB"})


@functools.cache
def unit_registry() -> pint.UnitRegistry[float]:
    """The one pint registry of the stage, built on first use (building it costs ~0.2 s; ~0.03 s
    once pint has cached its parsed definitions in the user's cache folder). pint itself is
    imported here: a run whose unit words were all asked before (unit_answers) never is."""
    with without(("dask",)):  # pint imports dask when installed (~0.3 s) for dask arrays
        import pint

    try:
        registry: pint.UnitRegistry[float] = pint.UnitRegistry(cache_folder=":auto:")
    except OSError:  # no writable cache folder (a read-only home): parse the definitions again
        registry = pint.UnitRegistry()
    for definition in CUSTOM_DEFINITIONS:
        registry.define(definition)
    return registry


def scale_of(word: str) -> float | None:
    """The multiplier a scale word stands for ("thousands" → 1000, "1.2M"'s "M" → 1e6), else None.

    Single letters are case-sensitive: "m" and "b" are left alone (minutes, metres, bits).
    """
    found = scale_value(word)
    if found is not None:
        return found
    folded = " ".join(word.strip().strip("()").strip().lower().split())
    return _data_scales().get(folded.rstrip("."))


@functools.cache
def _data_scales() -> dict[str, float]:
    """The scale words of other languages (units.toml [scale_words]: "mln" → 1e6)."""
    return dict(unit_table().scale_words)


@functools.lru_cache(maxsize=4096)
def resolve_unit(unit_text: str) -> UnitInfo | None:
    """Resolve a unit or count noun as written ("KB", "req/sec", "GitHub stars"); None if unknown.

    Cached per distinct string, so pint's parse (~160 µs) is paid once per spelling.
    """
    text = " ".join(unit_text.strip().strip("()").split())
    if not text:
        return None
    lowered = text.lower()
    if lowered in _TABLE:
        return _TABLE[lowered]
    per = _per_operation(text)
    if per is not None:
        return per
    listed = unit_table().lookup(text)
    if listed is not None:
        dimension, factor = listed
        return UnitInfo(dimension, _CANON[dimension], factor)
    if text in _LOWER_BYTES:
        return _LOWER_BYTES[text]
    counted = _count_noun(lowered)
    if counted is not None:
        return counted
    info = _resolve_with_pint(_ALIASES.get(text, text))
    if info is None and lowered != text and not _BITS_LIKE.fullmatch(text):
        info = _resolve_with_pint(_ALIASES.get(lowered, lowered))  # "Minutes", "MS"
    return info


def _per_operation(text: str) -> UnitInfo | None:
    """ "ns/op", "B/op", "allocs/op": the base unit, marked per operation (None otherwise)."""
    table = unit_table()
    lowered = text.lower()
    suffix = next((s for s in table.per_operation if lowered.endswith(s)), None)
    if suffix is None:
        return None
    base = text[: len(text) - len(suffix)].strip()
    if not base:
        return None
    if base.lower() in table.per_operation_counts:
        info: UnitInfo | None = COUNT
    else:
        info = resolve_unit(base)
    if info is None:
        return None
    return UnitInfo(info.dimension, info.canonical_unit, info.factor, table.per_operation_qualifier)


def _is_count_noun(word: str) -> bool:
    extra = unit_table().count_nouns
    return any(w in COUNT_NOUNS or w in extra for w in (word, _plural(word)))


def _count_noun(lowered: str) -> UnitInfo | None:
    """A count noun, its singular, or a short phrase ending in one ("GitHub stars")."""
    if _is_count_noun(lowered):
        return COUNT
    words = lowered.split(" ")
    if (
        1 < len(words) <= 4
        and all(
            _WORD.fullmatch(w) and w not in _STOP_WORDS and w not in _LOWER_BYTES for w in words
        )
        and _is_count_noun(words[-1])
    ):
        return COUNT
    return None


def _plural(word: str) -> str:
    """A crude plural, enough to map "star" → "stars" and "library" → "libraries"."""
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x")):
        return word
    return word + "s"


def _resolve_with_pint(text: str) -> UnitInfo | None:
    """Ask pint (or the answer it gave an earlier process: normalize.unit_answers), and
    accept only the dimensions of CANONICAL_UNITS that pint can express."""
    if not _PINT_SAFE.fullmatch(text):
        return None
    expression = _PER.sub("/", text)
    if expression.startswith("/") or expression.endswith("/"):
        return None
    return answers_of(__file__, common_units.__file__).answer(expression, _ask_pint)


def _ask_pint(expression: str) -> UnitInfo | None:
    """pint's reading of a unit expression ("KB", "req/s"), if one of our dimensions."""
    registry = unit_registry()
    try:
        units = registry.parse_units(expression)
        quantity = registry.Quantity(1.0, units)
        dimensionality = dict(quantity.dimensionality)
        if dimensionality == {"[time]": 1}:
            return UnitInfo("time", _CANON["time"], float(quantity.to("second").magnitude))
        if dimensionality == {"[request]": 1, "[time]": -1}:
            factor = float(quantity.to("request / second").magnitude)
            return UnitInfo("rate", _CANON["rate"], factor)
        if dimensionality == {"[request]": 1}:
            return COUNT
        if not dimensionality and _is_information(registry, units):
            return UnitInfo("bytes", _CANON["bytes"], float(quantity.to("byte").magnitude))
    except Exception:  # pint raises many types (undefined, syntax, dimensionality, ...)
        return None
    return None


def _is_information(registry: pint.UnitRegistry[float], units: pint.Unit) -> bool:
    """pint's bit and byte are dimensionless, so tell them from percent by name."""
    names = dict(units._units)  # a single unit to the first power, e.g. {"kilobyte": 1}
    if len(names) != 1 or next(iter(names.values())) != 1:
        return False
    parsed = registry.parse_unit_name(next(iter(names)))
    return any(base in _BYTE_BASES for _, base, _ in parsed)


@dataclass(frozen=True)
class HintInfo:
    """What a header's glued parenthetical says: a unit, a scale word, or nothing we can use."""

    text: str
    unit: UnitInfo | None
    scale: float | None
    mentions_year: bool


_NO_HINT = HintInfo("", None, None, False)


# "TBW / MTBF": a header naming two quantities with units of their own ("200 / 1,5 Mio h")
_TWO_QUANTITIES = re.compile(r"(\S+) / ([A-Z]{2,})")


@functools.lru_cache(maxsize=1024)
def hint_info(unit_hint: str | None) -> HintInfo:
    """Read a header hint: "(thousands)" is a scale, "years in market" the unit "years".

    The longest leading run of words that resolves wins ("% of Python web frameworks" → "%");
    a hint that is no unit at all ("included") carries nothing.
    """
    if not unit_hint:
        return _NO_HINT
    text = " ".join(unit_hint.strip().strip("()").split())
    mentions_year = "year" in text.lower()
    scale = scale_of(text)
    if scale is not None:
        return HintInfo(text, None, scale, mentions_year)
    two = _TWO_QUANTITIES.fullmatch(text)
    other = resolve_unit(two[2]) if two else None
    if two and (one := resolve_unit(two[1])) and getattr(other, "dimension", 0) != one.dimension:
        return HintInfo(text, None, None, mentions_year)  # no unit shared by both
    words = text.replace("%", "% ").split()
    if len(words) > 1 and (scale := scale_of(words[0])) is not None:  # "K req/s" (a label's)
        rest = hint_info(" ".join(words[1:]))
        return HintInfo(text, rest.unit, scale, mentions_year)
    for size in range(min(len(words), 4), 0, -1):
        info = resolve_unit(" ".join(words[:size]))
        if info is not None:
            if info.dimension == "count" and size < len(words):
                # "HTTP requests per second": a qualifying word before a rate is no count
                rate = resolve_unit(" ".join(words[1:5]))
                if rate is not None and rate.dimension != "count":
                    info = rate
            return HintInfo(text, info, None, mentions_year)
    return HintInfo(text, None, None, mentions_year)


def encode_version(text: str) -> float:
    """A version as one sortable number, major*100 + minor: "3.6" → 306, "3.10" → 310.

    A patch level is dropped ("2.7.18" → 207); a minor version of 100 or more would collide.
    """
    major, _, rest = text.partition(".")
    minor = rest.partition(".")[0]
    return float(int(major) * 100 + (int(minor) if minor else 0))


def format_version(value: float) -> str:
    """The inverse of encode_version for whole encoded values: 310 → "3.10"."""
    major, minor = divmod(int(value), 100)
    return f"{major}.{minor}"
