"""Table headers: the label and unit of a header, and what kind of axis a header names.

Headers carry units in many ways ("Latency (ms)", "RPS[K]", "Time, s", "avg-ms", "Durée en ms",
"Requests/s"); the vocabulary of units, metric words and condition words is data
(ingest/data/table_vocabulary.toml), so new sites need new words, not new code.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from crosscheck.common import toml_cache

_DATA = Path(__file__).parent / "data" / "table_vocabulary.toml"


@dataclass(frozen=True)
class Vocabulary:
    """Lower-cased word sets read once from the data file."""

    metric_words: frozenset[str]
    label_headers: frozenset[str]
    condition_count: frozenset[str]
    condition: frozenset[str]
    rank: frozenset[str]
    version: frozenset[str]
    description: frozenset[str]
    component: frozenset[str]
    sections: frozenset[str]
    variant_openers: frozenset[str]
    units: frozenset[str]
    scales: frozenset[str]
    prepositions: tuple[str, ...] = ()  # "in", "en", "w": the word before a unit ("in ms")
    values: frozenset[str] = frozenset()  # "Value": a column of the page subject's values
    chrome: frozenset[str] = frozenset()  # "Closed", "Skip to content": a site's own lines
    note_stops: frozenset[str] = frozenset()  # "within", "vs": no label of a figure in a note
    categories: frozenset[str] = frozenset()  # "Device Type": a class of the named row
    setup_leads: frozenset[str] = frozenset()  # "Benchmarked on": a set-up line over a table


@functools.cache
def vocabulary() -> Vocabulary:
    data = toml_cache.loads(_DATA.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key, []))

    return Vocabulary(
        words("metric_words"),
        words("label_headers"),
        words("condition_count_headers"),
        words("condition_headers"),
        words("rank_headers"),
        words("version_headers"),
        words("description_headers"),
        words("component_headers"),
        words("section_words"),
        words("variant_openers"),
        words("units"),
        words("scale_words"),
        tuple(sorted(words("unit_prepositions"), key=len, reverse=True)),
        words("value_headers"),
        words("chrome_lines"),
        words("note_label_stops"),
        words("category_headers"),
        words("setup_leads"),
    )


_TRAILING_GROUP = re.compile(r"^(?P<label>.*?)\s*[(\[](?P<unit>[^()\[\]]{1,40})[)\]]\s*$")
_GLUED_GROUP = re.compile(r"^(?P<label>.*?[^\s(\[])[(\[](?P<unit>[^()\[\]]{1,40})[)\]]\s*$")
_COMMA_UNIT = re.compile(r"^(?P<label>.+?),\s*(?P<unit>[^,]{1,20})$")
_DASH_UNIT = re.compile(r"^(?P<label>[^\s-].*?)[-_](?P<unit>[A-Za-zµμ%/]{1,8})$")
_SLASH = re.compile(r"^(?P<num>[A-Za-z][\w .]*?)\s*/\s*(?P<den>[A-Za-z]{1,8})$")
_RATE_DEN = frozenset({"s", "sec", "second", "op", "call", "request", "req", "min"})
# Units a header may end with unbracketed ('Latency ms'); 'Min', 'Max', 'S' are too ambiguous.
_TRAILING_UNITS = frozenset(
    {"ms", "ns", "µs", "μs", "sec", "kb", "mb", "gb", "tb", "kib", "mib", "gib", "%", "rps", "qps"}
)
_WORD = re.compile(r"[\w.%#°/]+", re.UNICODE)
_PERCENTILE = re.compile(r"^(?:p|tp|tm)\d{1,2}(?:\.\d+)?$|^\d{1,2}(?:\.\d+)?(?:th|%)$", re.I)


@functools.cache
def _in_unit() -> re.Pattern[str]:
    """ "Latency in ms", "Durée en ms": a label, a word for "in" (data), then the unit."""
    words = "|".join(re.escape(w) for w in vocabulary().prepositions) or "in"
    return re.compile(rf"^(?P<label>.+?)\s+(?:{words})\s+(?P<unit>\S{{1,12}})$", re.I)


def _after_preposition(unit: str) -> str:
    """ "in ms" → "ms": a bracketed unit may say "in" first ("Latency (in ms)")."""
    low = unit.lower()
    for word in vocabulary().prepositions:
        if low.startswith(word + " ") and len(unit) > len(word) + 1:
            return unit[len(word) + 1 :].strip()
    return unit


@functools.lru_cache(maxsize=4096)
def is_unit(text: str) -> bool:
    """'ms', 'MiB', 'thousands qps', 'k', '%', 'req/s': a unit or scale the normalizer reads."""
    vocab = vocabulary()
    low = " ".join(text.lower().split())
    if not low:
        return False
    if low in vocab.units or low in vocab.scales:
        return True
    first = low.split()[0]
    return first in vocab.scales or (first in vocab.units and len(low.split()) <= 3)


@functools.lru_cache(maxsize=4096)
def split_header(header: str) -> tuple[str, str | None]:
    """A header's (label, unit hint): 'Latency (ms)' → ('Latency', 'ms'), 'RPS[K]' → ('RPS', 'K').

    A glued parenthesis is a unit as before ('Startup Time(milliseconds)'); a spaced one only
    when it reads as a unit ('Memory (RSS)' stays a label). A rate header ('Requests/s',
    'ns/op') keeps its whole text as label and unit.
    """
    text = " ".join(header.split())
    if not text:
        return "", None
    glued = _GLUED_GROUP.match(text)
    if glued and (glued.group(0).rstrip().endswith(")") or is_unit(glued.group("unit"))):
        return glued.group("label").strip(), glued.group("unit").strip()
    for pattern in (_TRAILING_GROUP, _COMMA_UNIT, _in_unit(), _DASH_UNIT):
        match = pattern.match(text)
        if match is None or not match.group("label").strip():
            continue
        unit = match.group("unit")
        if pattern is _TRAILING_GROUP or pattern is _COMMA_UNIT:
            unit = _after_preposition(unit)  # 'Latency (in ms)', 'Time, in s'
        if is_unit(unit):
            if pattern is _DASH_UNIT and unit.lower() in ("min", "m", "h", "s"):
                continue  # 'CPU-Min' is a statistic, not minutes
            return match.group("label").strip(), unit.strip()
    slash = _SLASH.match(text)
    if slash:
        if slash.group("den").lower() in _RATE_DEN:
            return text, text
        if is_unit(slash.group("den")) and not is_unit(slash.group("num")):
            return slash.group("num").strip(), slash.group("den")
    grouped = _TRAILING_GROUP.match(text) if text.endswith((")", "]")) else None
    rate = _SLASH.match(grouped.group("label").strip()) if grouped else None
    if rate and rate.group("den").lower() in _RATE_DEN:
        # 'Hashes/second (RTX 4090)': a rate measured on something; the group stays in the label
        return text, rate.group(0)
    words = text.split()
    last = words[-1] if len(words) >= 2 else ""
    plain = last.lower() in _TRAILING_UNITS or ("/" in last and is_unit(last))
    if plain and not _PERCENTILE.match(last):
        return " ".join(words[:-1]), last
    return text, None


def _words(text: str) -> list[str]:
    return [w.strip(".:") or w for w in _WORD.findall(text.lower())]


@functools.lru_cache(maxsize=4096)
def is_metric_like(text: str) -> bool:
    """A metric label: it has a unit, a metric word, or is a percentile ('p99', '99.9%')."""
    clean = " ".join(text.split())
    if not clean:
        return False
    if split_header(clean)[1] is not None:
        return True
    words = _words(clean)
    vocab = vocabulary()
    if any(w in vocab.metric_words or _PERCENTILE.match(w) for w in words):
        return True
    return any(part in vocab.metric_words for w in words for part in re.split(r"[/_-]", w))


def header_key(text: str) -> str:
    return " ".join(text.lower().replace("*", "").split()).strip(" :")


def is_label_header(text: str) -> bool:
    """'Metric', 'Feature', 'Benchmark (ops/sec)': the corner of a table of entity columns."""
    labels = vocabulary().label_headers
    return header_key(text) in labels or header_key(split_header(text)[0]) in labels


@functools.lru_cache(maxsize=4096)
def condition_kind(header: str) -> str | None:
    """'count' for 'VUs'/'Threads' (read '130 VUs'), 'named' for 'Payload'/'Case', else None."""
    key = header_key(header)
    vocab = vocabulary()
    label, _ = split_header(key)
    for candidate in (key, label.lower()):
        if candidate in vocab.condition_count:
            return "count"
        if candidate in vocab.condition:
            return "named"
    return None


def is_rank_header(text: str) -> bool:
    return header_key(text) in vocabulary().rank


def is_value_header(text: str) -> bool:
    """'Value', 'Values': a key-value table's value column, which names no entity."""
    return header_key(text) in vocabulary().values


def is_description_header(text: str) -> bool:
    return header_key(text) in vocabulary().description


def is_section_word(text: str) -> bool:
    """'Results', 'Benchmarks', 'Growth' or a metric name: a section title, not an entity."""
    words = [w for w in header_key(text).split() if w]
    return is_metric_like(text) or any(w in vocabulary().sections for w in words)


def is_chrome_line(text: str) -> bool:
    """'Closed', 'Overview', 'Skip to content': a status, tab or section title the site
    repeats, never a page's subject."""
    return header_key(text) in vocabulary().chrome or is_section_word(text)


def is_category_header(text: str) -> bool:
    """'Device Type', 'Category': a column classing the thing named in the next column."""
    return header_key(text) in vocabulary().categories


def is_component_header(text: str) -> bool:
    """'SQL Driver', 'ORM', 'Client': a part of the entity named in the column before."""
    words = set(header_key(text).replace("/", " ").split())
    return bool(words & vocabulary().component)


def is_version_header(text: str) -> bool:
    return header_key(text) in vocabulary().version


def condition_text(header: str, value: str) -> str:
    """'130 VUs', 'case: hello world', or the value alone when the header is empty."""
    head = " ".join(header.split())
    if not head:
        return value
    if condition_kind(head) == "count":
        return f"{value} {head}"
    return f"{head}: {value}"


def header_labels(header: list[str]) -> list[tuple[str, str | None]]:
    """(label, unit) per column; a bare percentile after 'latency 99%' is 'latency 99.9%'."""
    heads = [split_header(h) for h in header]
    out: list[tuple[str, str | None]] = []
    for i, (label, unit) in enumerate(heads):
        if i and _PERCENTILE.match(label.strip()) and " " in out[i - 1][0]:
            stem, _, last = out[i - 1][0].rpartition(" ")
            if _PERCENTILE.match(last):
                label = f"{stem} {label.strip()}"
        out.append((label, unit))
    return out


_COUNT_PAREN = re.compile(r"\s*\((?P<cond>[~≈]?\d[\d,. ]*[kKM]?\s+[A-Za-z][\w -]{0,30})\)")


_SPACED_PAREN = re.compile(r"\s\((?P<inner>[^()]{1,40})\)")


def header_variant(label: str) -> str | None:
    """'Startup (no cache)', 'Build (with cache)': the state the figures were measured in,
    kept in the label and given as a condition so the two columns never conflict."""
    match = _SPACED_PAREN.search(label)
    if match is None:
        return None
    inner = match.group("inner").strip()
    first = inner.split()[0].lower() if inner.split() else ""
    return inner if first in vocabulary().variant_openers else None


def header_condition(header: str) -> tuple[str, str | None]:
    """'Benchmark Time (1000 executions)' → ('Benchmark Time', '1000 executions'): a count in
    a header's parenthesis is a condition of the column's figures, not part of its label."""
    match = _COUNT_PAREN.search(header)
    if match is None or is_unit(match.group("cond").split()[-1]):
        return header, None
    rest = (header[: match.start()] + header[match.end() :]).strip()
    return (rest, match.group("cond").strip()) if rest else (header, None)


def stated_unit(cell: str) -> str | None:
    """The unit a row's describing cell states ('Durée en ms', 'Latency (ms)'): the row's
    figures are in it. A cell that holds a quantity ('Payload 1 KB') is a condition, no unit."""
    label, unit = split_header(cell)
    if unit is None or not label or any(ch.isdigit() for ch in label) or not is_unit(unit):
        return None
    return unit
