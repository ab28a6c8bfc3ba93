"""Column-wise helpers of the facts: hints completed from labels, qualifiers made of the
metric qualifier, "per operation" and the claim's conditions, and auto metric ids.

Why: figures measured under different conditions (threads, payload, hardware, a benchmark
case) are different facts and must never meet in a conflict; a label no vocabulary entry
matches still names a metric that compares with itself (issue 16). Every answer is computed
once per distinct input and spread with array takes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from crosscheck.normalize.label_units import effective_hint
from crosscheck.normalize.units import hint_info
from crosscheck.normalize.vocabulary_io import packaged_data

from crosscheck.common import toml_cache
from crosscheck.contracts import AUTO_METRIC_PREFIX, UNMAPPED_METRIC

__all__ = [
    "auto_metric",
    "combine_qualifiers",
    "effective_hints",
    "normalize_conditions",
]

_GROUPS = re.compile(r"[\[(][^\[\]()]*[\])]")
_NON_WORD = re.compile(r"[^\w%#+]+")  # letters of any script stay
_MAX_SLUG = 48
# A metric label is a header or a short phrase; longer text is a sentence, not a metric name.
_MAX_LABEL = 60
_MAX_LABEL_WORDS = 7


def _distinct(columns: Sequence[np.ndarray], compute: Callable[..., object]) -> np.ndarray:
    """compute(*values) for each distinct tuple of the columns' values, spread per row."""
    size = len(columns[0])
    if not size:
        return np.empty(0, dtype=object)
    codes = np.zeros(size, np.int64)
    uniques = []
    for column in columns:
        column_codes, column_uniques = pd.factorize(column, use_na_sentinel=False)
        codes = codes * (len(column_uniques) + 1) + column_codes
        uniques.append(column_uniques)
    pair_codes, pairs = pd.factorize(codes)
    firsts = np.zeros(len(pairs), np.int64)
    firsts[pair_codes[::-1]] = np.arange(size - 1, -1, -1)  # the first row of each pair
    answers = np.empty(len(pairs), dtype=object)
    answers[:] = [compute(*(column[row] for column in columns)) for row in firsts.tolist()]
    spread: np.ndarray = answers[pair_codes]
    return spread


def effective_hints(unit_hints: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Each claim's unit hint, completed from its label (:func:`effective_hint`)."""
    return _distinct([unit_hints, labels], _hint)


def _hint(unit_hint: object, label: object) -> str | None:
    hint = unit_hint if isinstance(unit_hint, str) else None
    return effective_hint(hint, label if isinstance(label, str) else None)


@functools.lru_cache(maxsize=8192)
def normalize_conditions(conditions: str | None) -> str:
    """ "16 Threads;  payload 1 KB" → "16 threads; payload 1 kb": parts cleaned, lower-cased,
    "threads: 16" written "16 threads", de-duplicated and sorted, so the same conditions
    written twice give one qualifier."""
    if not conditions:
        return ""
    parts = {_one_condition(part) for part in conditions.split(";")}
    return "; ".join(sorted(p for p in parts if p))


# "threads: 16", "Threads = 16" and "16 threads" name one condition; so do "1,000" and "1000".
_GROUPED = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# A setting glued with "=" ("GOMAXPROCS=4", "c=64") stays as written: it reads as a flag.
_KEY_VALUE = re.compile(r"^([^\W\d](?:[^\W\d_]|[ ./-]){0,30}?)(?:\s*:|\s+=)\s*(\d[\d.,]*)$")


def _one_condition(part: str) -> str:
    """One condition cleaned: spaces collapsed, lower case, digit groups joined, "key: N"
    written "N key"."""
    text = _GROUPED.sub("", " ".join(part.split()).lower().strip(" ,."))
    found = _KEY_VALUE.match(text)
    return f"{found.group(2)} {found.group(1).strip()}" if found else text


def _compose(qualifier: object, per: object, conditions: object, variant: object = None) -> str:
    parts = [q for q in (qualifier, per) if isinstance(q, str) and q]
    if isinstance(variant, str) and variant.strip():
        parts.insert(0, " ".join(variant.split()).lower())
    written = normalize_conditions(conditions if isinstance(conditions, str) else None)
    if written:
        parts.append(written)
    return "; ".join(parts)


def combine_qualifiers(
    qualifiers: np.ndarray, per: np.ndarray, conditions: np.ndarray, variants: np.ndarray
) -> np.ndarray:
    """The fact qualifier: the entity's version or variant ("16", "+ asyncpg"), the metric
    qualifier, "per operation", normalized conditions; so that figures of other versions,
    variants or conditions are other facts and never conflict."""
    if not len(qualifiers):
        return qualifiers
    plain = pd.isna(per) & pd.isna(conditions) & pd.isna(variants)
    if plain.all():
        return np.where(pd.isna(qualifiers), "", qualifiers).astype(object)
    return _distinct([qualifiers, per, conditions, variants], _compose)


@functools.lru_cache(maxsize=8192)
def auto_metric(label: str, dimension: str | None) -> str:
    """ "Latency p99.9 (ms)" of a time → "auto:latency_p99_9:time" (issue 16's open vocabulary)."""
    # a bracketed unit or scale goes ("(ms)", "[K]"); other brackets name a variant of the
    # metric and stay ("Build (no cache)" is not "Build (with cache)")
    unitless = _GROUPS.sub(lambda m: " " if _is_unit(m.group(0)) else m.group(0), label)
    slug = _NON_WORD.sub("_", unitless.lower()).strip("_")
    if not slug:  # "(row 6)": the label is all brackets
        slug = _NON_WORD.sub("_", label.lower()).strip("_")
    words = slug.split("_")
    kept = [w for w in words if w not in _fillers()]
    if kept and len(kept) < len(words):
        slug = "_".join(kept)  # "fp64_compute" → "fp64"
    if len(slug) > _MAX_SLUG:
        slug = slug[:_MAX_SLUG].rsplit("_", 1)[0] or slug[:_MAX_SLUG]
    return f"{AUTO_METRIC_PREFIX}{slug or 'unlabelled'}:{dimension or 'count'}"


@functools.cache
def _fillers() -> frozenset[str]:
    """Label words that name no measure of their own (normalize/data/auto_metrics.toml)."""
    doc = toml_cache.loads(packaged_data("auto_metrics.toml").read_text("utf-8"))
    return frozenset(str(w).lower() for w in doc.get("filler_words", []))


def _is_unit(group: str) -> bool:
    info = hint_info(group[1:-1])
    if info.scale is not None:
        return True
    if info.unit is None:
        return False
    # "(GitHub stars)" counts things; "(US Server)", "(Local Server)" name one of them: a
    # condition of the metric, so rows that differ only there stay two metrics
    words = info.text.split()
    return not (info.unit.dimension == "count" and len(words) > 1 and _singular(words[-1]))


def _singular(word: str) -> bool:
    return word.isalpha() and not word.lower().endswith("s")


def auto_metrics(labels: np.ndarray, dimensions: np.ndarray) -> np.ndarray:
    """:func:`auto_metric` for each row (once per distinct label and dimension); a label too
    long to name a metric (a whole sentence) leaves the figure unmapped."""
    return _distinct([labels, dimensions], _auto)


def _auto(label: object, dimension: object) -> str:
    text = str(label)
    if len(text) > _MAX_LABEL or len(text.split()) > _MAX_LABEL_WORDS:
        return UNMAPPED_METRIC
    return auto_metric(text, None if dimension is None else str(dimension))
