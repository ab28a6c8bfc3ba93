"""The unit spellings of normalize/data/units.toml, expanded with prefixes into lookup tables.

Why: real pages write units pint cannot read or misreads (TFLOPS, TOPS, Gbps, MiB/s, QPS,
"allocs/op", "25X"); the spellings are domain data, kept in a TOML file and read once.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from typing import Any

from crosscheck.normalize.errors import VocabularyError
from crosscheck.normalize.vocabulary_io import packaged_data

from crosscheck.common import toml_cache
from crosscheck.contracts import CANONICAL_UNITS

__all__ = ["UnitTable", "unit_table"]

_SI = {"k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}
_LONG = {"kilo": 1e3, "mega": 1e6, "giga": 1e9, "tera": 1e12, "peta": 1e15, "exa": 1e18}
_LONG.update({word.capitalize(): factor for word, factor in _LONG.items()})
_BINARY = {"Ki": 2.0**10, "Mi": 2.0**20, "Gi": 2.0**30, "Ti": 2.0**40}


@dataclass(frozen=True)
class UnitTable:
    """Spelling → (dimension, factor): exact spellings first, then lower-cased ones."""

    exact: dict[str, tuple[str, float]]
    folded: dict[str, tuple[str, float]]
    count_nouns: frozenset[str]
    per_operation: tuple[str, ...]
    per_operation_qualifier: str
    per_operation_counts: frozenset[str]
    year_words: tuple[str, ...]
    rate_words: tuple[str, ...] = ()
    number_words: tuple[tuple[str, str], ...] = ()
    request_words: tuple[str, ...] = ()
    min_response_bytes: float = 0.0
    prepositions: tuple[str, ...] = ()
    scale_words: tuple[tuple[str, float], ...] = ()  # "mln" → 1e6 (lower case, no dot)
    cjk_scales: tuple[tuple[str, float], ...] = ()  # "万" → 1e4
    size_words: tuple[str, ...] = ()  # "allocated", "memory": a "B" after a figure is a byte
    mass_words: tuple[str, ...] = ()  # "weight", "peso": a bare "g" after a figure is a gram
    currency_leads: tuple[str, ...] = ()  # "₹", "Rs.": a currency written before its figure
    bound_words: tuple[tuple[str, tuple[str, ...]], ...] = ()  # "at_most" → ("hasta", "bis zu")
    scale_links: tuple[str, ...] = ()  # "de", "d'": between a scale word and its unit
    pair_joiners: tuple[str, ...] = ()  # "and", "beziehungsweise": two figures, one unit
    force_words: tuple[str, ...] = ()  # "actuation force": a bare "g" after a figure is a gf
    bit_spellings: tuple[str, ...] = ()  # "bps", "bit/s": a data rate written in bits
    quantity_words: tuple[tuple[str, tuple[str, ...]], ...] = ()  # "s" → ("average time",)

    def lookup(self, text: str) -> tuple[str, float] | None:
        """The (dimension, factor) a spelling stands for, or None."""
        found = self.exact.get(text)
        if found is None:
            found = self.folded.get(text.lower())
        return found


def _strings(name: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise VocabularyError(name, key, "expected a list of non-empty strings")
    return tuple(value)


_Table = dict[str, tuple[str, float]]


def _family(name: str, key: str, raw: Any, exact: _Table, folded: _Table) -> None:
    if not isinstance(raw, dict):
        raise VocabularyError(name, key, "expected a table")
    dimension = raw.get("dimension")
    if dimension not in CANONICAL_UNITS:
        raise VocabularyError(name, f"{key}.dimension", f"not a dimension: {dimension!r}")
    spellings = raw.get("spellings")
    if not isinstance(spellings, dict) or not spellings:
        raise VocabularyError(name, f"{key}.spellings", "expected a table of spelling = factor")
    prefixes = {**_SI, **_LONG} if raw.get("prefixes") else {}
    if raw.get("binary"):
        prefixes.update(_BINARY)
    case_sensitive = bool(raw.get("case_sensitive"))
    for spelling, factor in spellings.items():
        if not isinstance(factor, (int, float)) or factor <= 0:
            raise VocabularyError(name, f"{key}.spellings.{spelling}", "expected a factor > 0")
        forms = [(spelling, float(factor))]
        forms += [(p + spelling, float(factor) * f) for p, f in prefixes.items()]
        for form, value in forms:
            exact.setdefault(form, (dimension, value))
            if not case_sensitive:
                folded.setdefault(form.lower(), (dimension, value))


@functools.cache
def unit_table() -> UnitTable:
    """The packaged unit table, read once per process."""
    source = packaged_data("units.toml")
    name = str(source)
    try:
        doc = toml_cache.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VocabularyError(name, "<file>", f"cannot read: {exc}") from exc
    exact: dict[str, tuple[str, float]] = {}
    folded: dict[str, tuple[str, float]] = {}
    for i, raw in enumerate(doc.get("family", [])):
        _family(name, f"family[{i}]", raw, exact, folded)
    per = doc.get("per_operation", {})
    count = doc.get("count", {})
    years = doc.get("year_labels", {})
    rates = doc.get("rate_labels", {})
    bits = doc.get("bits_or_bytes", {})
    labels = doc.get("label_units", {})
    sizes = doc.get("size_labels", {})
    masses = doc.get("mass_labels", {})
    currencies = doc.get("leading_currencies", {})
    bounds = doc.get("bound_words", {})
    least = bits.get("min_response_bytes", 0)
    if not isinstance(least, (int, float)) or least < 0:
        raise VocabularyError(name, "bits_or_bytes.min_response_bytes", "expected a number >= 0")
    return UnitTable(
        exact,
        folded,
        frozenset(n.lower() for n in _strings(name, "count.nouns", count.get("nouns", []))),
        _strings(name, "per_operation.suffixes", per.get("suffixes", [])),
        str(per.get("qualifier", "per operation")),
        frozenset(_strings(name, "per_operation.count_bases", per.get("count_bases", []))),
        _strings(name, "year_labels.words", years.get("words", [])),
        _strings(name, "rate_labels.words", rates.get("words", [])),
        tuple((str(k).lower(), str(v)) for k, v in doc.get("number_words", {}).items()),
        _strings(name, "bits_or_bytes.request_words", bits.get("request_words", [])),
        float(least),
        _strings(name, "label_units.prepositions", labels.get("prepositions", [])),
        _factors(name, "scale_words", doc.get("scale_words", {})),
        _factors(name, "cjk_scales", doc.get("cjk_scales", {})),
        _strings(name, "size_labels.words", sizes.get("words", [])),
        _strings(name, "mass_labels.words", masses.get("words", [])),
        _strings(name, "leading_currencies.words", currencies.get("words", [])),
        tuple(
            (kind, _strings(name, f"bound_words.{kind}", bounds.get(kind, [])))
            for kind in ("at_least", "at_most", "approximate", "range", "range_joiners")
        ),
        _strings(name, "scale_links.words", doc.get("scale_links", {}).get("words", [])),
        _strings(name, "pair_joiners.words", doc.get("pair_joiners", {}).get("words", [])),
        _strings(name, "force_labels.words", doc.get("force_labels", {}).get("words", [])),
        _strings(name, "written_in.bits", doc.get("written_in", {}).get("bits", [])),
        tuple(
            (str(hint), _strings(name, f"quantity_labels.{hint}", words))
            for hint, words in doc.get("quantity_labels", {}).items()
        ),
    )


def _factors(name: str, key: str, raw: Any) -> tuple[tuple[str, float], ...]:
    """A table of word = factor (> 0), words lower-cased."""
    if not isinstance(raw, dict) or not all(
        isinstance(v, (int, float)) and v > 0 for v in raw.values()
    ):
        raise VocabularyError(name, key, "expected a table of word = factor > 0")
    return tuple((str(k).lower(), float(v)) for k, v in raw.items())
