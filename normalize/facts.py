"""Claims → facts and quarantine: repair, parse, map names; nothing that fails is dropped.

Column-wise: a claim's fact combines what its value text reads as, what its label says and
the metric the two map to. Each distinct one is decided once per process
(:class:`normalize.decide.Normalizer`); a batch finds them by integer id (pandas factorizes
the text columns in C) and combines them with array operations, so the per-claim cost is a
few array takes rather than a Python call per claim.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from crosscheck.normalize.bit_context import bytes_by_context
from crosscheck.normalize.categorical import normalize_category
from crosscheck.normalize.decide import TABLE_KINDS, Normalizer, match_keys
from crosscheck.normalize.errors import NormalizeError
from crosscheck.normalize.facts_quarantine import Failures, quarantine_frame
from crosscheck.normalize.page_style import page_readings
from crosscheck.normalize.qualifiers import auto_metrics, combine_qualifiers, effective_hints
from crosscheck.normalize.quantity_pairs import pair_units
from crosscheck.normalize.repair import mojibake_positions
from crosscheck.normalize.store import ColumnStore
from crosscheck.normalize.verdicts import verdict_claims
from crosscheck.normalize.vocabulary import load_vocabulary

from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    UNMAPPED_METRIC,
    ClaimRole,
    ValueType,
)

__all__ = ["NormalizeConfig", "NormalizeResult", "normalize_claims"]

_NUMERIC, _CATEGORICAL = ValueType.NUMERIC.value, ValueType.CATEGORICAL.value


@dataclass(frozen=True)
class NormalizeConfig:
    """Options of the normalize stage (vocabulary file overrides)."""

    vocabulary_overrides: str | None = None


@dataclass
class NormalizeResult:
    """Facts and quarantined claims of one batch, with counts for the run summary."""

    facts: pd.DataFrame
    quarantine: pd.DataFrame
    vocabulary_version: str
    counts: dict[str, int] = field(default_factory=dict)


def normalize_claims(
    claims: pd.DataFrame,
    config: NormalizeConfig | None = None,
    normalizer: Normalizer | None = None,
) -> NormalizeResult:
    """Facts and quarantine for a claims frame (CLAIM_COLUMNS in, FACT_COLUMNS out)."""
    config = config or NormalizeConfig()
    if normalizer is None:
        try:
            vocabulary = load_vocabulary(overrides=config.vocabulary_overrides)
        except OSError as error:
            raise NormalizeError(f"cannot read vocabulary overrides: {error}") from error
        normalizer = Normalizer(vocabulary)
    claims = claims.reset_index(drop=True)
    normalizer.bound_memory()
    ids = _Ids.of(claims, normalizer)
    fields, failures = _combine(ids, normalizer)
    no_entity, entities, qualifiers = _entities(claims, normalizer)
    failures.no_entity = no_entity
    verdicts = verdict_claims(claims)  # "less memory than B": a relation, no figure
    keep = ~(no_entity | failures.any() | verdicts)

    kept = np.flatnonzero(keep)
    # Claim columns keep their arrays (no re-validation of each text); when every claim is a
    # fact they are shared with the claims frame, which copy-on-write keeps safe.
    every = len(kept) == len(claims)
    facts: dict[str, Any] = {
        name: claims[name].array if every else claims[name].array.take(kept)
        for name in CLAIM_COLUMNS
    }
    facts["entity"] = entities[kept]
    # One dtype whatever the batch holds (all-None would stay object, a batch with text "str").
    facts["entity_qualifier"] = pd.array(qualifiers[kept], dtype="str")
    fields["qualifier"] = combine_qualifiers(
        fields["qualifier"], fields.pop("per"), _column(claims, "conditions"), qualifiers
    )
    for name, values in fields.items():
        facts[name] = values[kept]
    facts["repairs"] = _mojibake_counts(claims, normalizer)[kept]
    fact_frame = pd.DataFrame(facts, columns=FACT_COLUMNS, copy=False)
    quarantine = quarantine_frame(claims, ~keep & ~verdicts, failures)
    counts = {
        "claims": len(claims),
        "facts": len(fact_frame),
        "quarantined": len(quarantine),
        "unmapped": int((facts["metric"] == UNMAPPED_METRIC).sum()),
    }
    return NormalizeResult(fact_frame, quarantine, normalizer.vocabulary.version, counts)


def _column(claims: pd.DataFrame, name: str) -> np.ndarray:
    """A claim column as objects (all None when an older frame lacks it)."""
    if name not in claims.columns:
        return np.full(len(claims), None, dtype=object)
    values: np.ndarray = claims[name].to_numpy(dtype=object, copy=True)
    values[pd.isna(values)] = None
    return values


def _factorize(column: pd.Series, missing: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Integer code per row and the distinct values; a missing value becomes `missing`."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object))
    if len(codes) and codes.min() < 0:
        codes = np.where(codes < 0, len(uniques), codes)
        uniques = np.append(uniques, np.asarray([missing], dtype=object))
    return codes, np.asarray(uniques, dtype=object)


def _flags(truth: list[bool], codes: np.ndarray) -> np.ndarray:
    return np.asarray(truth, dtype=bool)[codes] if truth else np.zeros(len(codes), bool)


def _lookup(
    store: ColumnStore,
    key_codes: np.ndarray,
    keys: np.ndarray,
    group_codes: np.ndarray,
    group_of: Callable[[int], Hashable],
    compute: Callable[[list[tuple[Any, Any]]], dict[str, Any]],
) -> np.ndarray:
    """The store's row id for each row's (group, key): distinct pairs are found once, and
    looked up group by group (a header hint, say) with the plain key text."""
    slots = int(group_codes.max()) + 1 if len(group_codes) else 1
    codes, pairs = pd.factorize(key_codes * slots + group_codes)
    key_of_pair, group_of_pair = np.divmod(pairs, slots)
    chosen = [np.flatnonzero(group_of_pair == group) for group in np.unique(group_of_pair)]
    groups = [
        (group_of(int(group_of_pair[rows[0]])), keys[key_of_pair[rows]].tolist()) for rows in chosen
    ]
    ids = np.empty(len(pairs), np.intp)
    for rows, found in zip(chosen, store.ids(groups, compute), strict=True):
        ids[rows] = found
    return ids[codes]


@dataclass
class _Ids:
    """Per claim: the id of its value reading and of its label, and where and what it is."""

    value: np.ndarray
    label: np.ndarray
    is_value: np.ndarray
    is_diff: np.ndarray
    in_table: np.ndarray

    @classmethod
    def of(cls, claims: pd.DataFrame, normalizer: Normalizer) -> _Ids:
        raw_codes, raws = _factorize(claims["raw_value"], "")
        # a claim without a unit hint takes the unit its label states ("RPS[K]", "Time, s")
        hints_given = effective_hints(_column(claims, "unit_hint"), _column(claims, "label"))
        # "Throughput/Mb" beside "Requests/s": the page's own figures may rule bits out
        hints_given = bytes_by_context(
            hints_given, claims["raw_value"].to_numpy(dtype=object), _column(claims, "label"),
            _column(claims, "source"), _column(claims, "row_key"), _column(claims, "entity_raw"),
        )  # fmt: skip
        # "7,450/6,900 MB/s", "1,4 beziehungsweise 1,15 Millionen IOPS": a pair's unit
        hints_given = pair_units(
            hints_given, claims["raw_value"].to_numpy(dtype=object),
            _column(claims, "evidence"), _column(claims, "value_start"),
            np.isin(_column(claims, "location_kind"), list(TABLE_KINDS)),
        )  # fmt: skip
        # "1.234" is a thousands group on a page that writes decimal commas, or whose words
        # (its title, the evidence of its figures) are a comma-decimal language's
        raw_codes, raws = page_readings(
            raw_codes, raws, _column(claims, "source"), hints_given,
            (_column(claims, "page_title"), _column(claims, "evidence")),
        )  # fmt: skip
        hint_codes, hints = _factorize(pd.Series(hints_given, dtype=object), None)
        label_codes, labels = _factorize(claims["label"], "")
        role_codes, roles = _factorize(claims["role"], None)
        kind_codes, kinds = _factorize(claims["location_kind"], None)
        is_value = _flags([r == ClaimRole.VALUE.value for r in roles], role_codes)
        is_diff = _flags([r == ClaimRole.DIFF.value for r in roles], role_codes)
        in_table = _flags([k in TABLE_KINDS for k in kinds], kind_codes)
        hint_of = [None, *hints.tolist()]  # hint code + 1; 0: none (a Diff cell reads without)
        value = _lookup(
            normalizer.values,
            raw_codes,
            raws,
            np.where(is_value, hint_codes + 1, 0),
            hint_of.__getitem__,
            normalizer.read_values,
        )
        label = _lookup(
            normalizer.labels,
            label_codes,
            labels,
            (hint_codes + 1) * 2 + in_table,
            lambda group: (hint_of[group // 2], bool(group % 2)),
            normalizer.read_labels,
        )
        return cls(value, label, is_value, is_diff, in_table)


def _combine(ids: _Ids, normalizer: Normalizer) -> tuple[dict[str, np.ndarray], Failures]:
    """The fact fields of every claim (FACT_COLUMNS from metric to alt_high) and its faults."""
    values, labels = normalizer.values, normalizer.labels
    v, lab = ids.value, ids.label
    size = len(v)
    failed = values.column("failed")[v]
    without_figure = ids.is_value & values.column("no_number")[v]
    by_label = ids.is_value & ids.in_table & labels.column("categorical")[lab]
    readable = ~by_label & ~failed
    fallback = ~by_label & failed & without_figure  # a value with no figure: a category?
    unreadable = ~by_label & failed & ~without_figure
    category_metric = labels.column("metric")[lab]
    category_qualifier = labels.column("qualifier")[lab]
    needs_figure = labels.column("numeric")[lab]
    in_text = np.flatnonzero(fallback & ~ids.in_table)
    if len(in_text):  # free text: the sentence's categorical keywords decide
        label_texts = labels.column("label")
        distinct, which = np.unique(lab[in_text], return_inverse=True)
        found = [normalizer.category_match(label_texts[i]) for i in distinct.tolist()]
        category_metric[in_text] = np.asarray([m.metric for m, _ in found], object)[which]
        category_qualifier[in_text] = np.asarray([m.qualifier for m, _ in found], object)[which]
        needs_figure[in_text] = np.asarray([numeric for _, numeric in found], bool)[which]
    needs_figure &= fallback
    categorical = by_label | (fallback & ~needs_figure)

    fields = {
        name: np.full(size, None, dtype=object)
        for name in ("metric", "qualifier", "value_type", "bound", "unit", "dimension",
                     "text_value", "note")
    }  # fmt: skip
    fields.update({name: np.full(size, np.nan) for name in ("low", "high", "alt_low", "alt_high")})
    fields["per"] = np.full(size, None, dtype=object)
    rows = np.flatnonzero(categorical)
    fields["metric"][rows] = category_metric[rows]
    fields["qualifier"][rows] = category_qualifier[rows]
    fields["value_type"][rows] = _CATEGORICAL
    fields["dimension"][rows] = "category"
    fields["text_value"][rows] = _categories(v[rows], values)
    rows = np.flatnonzero(readable)
    wrong_unit = _numeric(rows, ids, normalizer, fields)
    failures = Failures(
        unreadable=unreadable,
        needs_figure=needs_figure,
        wrong_unit=np.zeros(size, bool),
        value_ids=v,
        category_metric=category_metric,
        values=values,
    )
    failures.wrong_unit[rows[wrong_unit]] = True
    return {name: fields[name] for name in (*_FIELD_ORDER, "per")}, failures


_FIELD_ORDER = (
    "metric", "qualifier", "value_type", "low", "high", "bound", "unit", "dimension",
    "text_value", "note", "alt_low", "alt_high",
)  # fmt: skip


def _numeric(
    rows: np.ndarray, ids: _Ids, normalizer: Normalizer, fields: dict[str, np.ndarray]
) -> np.ndarray:
    """Fill the numeric facts of `rows`; return which of them are Diff cells that are not
    a percentage (a quarantine)."""
    values, matches = normalizer.values, normalizer.matches
    v, lab = ids.value[rows], ids.label[rows]
    dimension_codes = values.column("dimension_code")[v]
    packed = match_keys(ids.in_table[rows], lab, dimension_codes, v)
    codes, keys = pd.factorize(packed)
    m = matches.ids([(None, keys.tolist())], normalizer.read_matches)[0][codes]
    noun_none = values.column("noun_none")[v]
    known = matches.column("known")[m]
    # "4.6 (113 reviews)": a count is whole, so a bare 4.6 found by context is not one.
    rating = (
        known
        & matches.column("context")[m]
        & matches.column("count")[m]
        & noun_none
        & ~values.column("low_whole")[v]
    )
    unit_none = values.column("unit_none")[v]
    bare = unit_none | (values.column("unit_count")[v] & noun_none)
    by_metric = bare & known & ~rating & matches.column("numeric")[m]  # the metric's unit
    unit = np.where(unit_none, "count", values.column("unit")[v])
    dimension = np.where(unit_none, "count", values.column("dimension")[v])
    fields["unit"][rows] = np.where(by_metric, matches.column("unit")[m], unit)
    fields["dimension"][rows] = np.where(by_metric, matches.column("dimension")[m], dimension)
    percent = np.where(
        by_metric, matches.column("percent")[m], ~unit_none & values.column("unit_percent")[v]
    )
    metric = np.where(rating, UNMAPPED_METRIC, matches.column("metric")[m])
    unmapped = np.flatnonzero(metric == UNMAPPED_METRIC)
    if len(unmapped):  # the open vocabulary: the label names an auto metric of its dimension
        label_texts = normalizer.labels.column("label")[lab[unmapped]]
        dimensions = fields["dimension"][rows[unmapped]]
        metric[unmapped] = auto_metrics(label_texts, dimensions)
    fields["metric"][rows] = metric
    fields["qualifier"][rows] = np.where(rating, "", matches.column("qualifier")[m])
    fields["value_type"][rows] = _NUMERIC
    for name in ("low", "high", "alt_low", "alt_high", "bound", "note", "per"):
        fields[name][rows] = values.column(name)[v]
    factor = np.where(by_metric, matches.column("factor")[m], 1.0)
    if (factor != 1.0).any():  # "13" under a metric whose bare figures are in years
        for name in ("low", "high", "alt_low", "alt_high"):
            fields[name][rows] = _scaled(fields[name][rows], factor)
    return ids.is_diff[rows] & ~percent.astype(bool)


def _scaled(values: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """values × factor; by a whole divisor where the factor is a sub-unit (ms: / 1000)."""
    with np.errstate(divide="ignore"):
        inverse = np.round(1.0 / factor)
    divide = (factor < 1.0) & np.isclose(1.0 / factor, inverse)
    return np.where(divide, values / np.where(divide, inverse, 1.0), values * factor)


def _categories(value_ids: np.ndarray, values: ColumnStore) -> np.ndarray:
    """The normalized category of each row's value text (one call per distinct text)."""
    raws = values.column("raw")
    distinct, which = np.unique(value_ids, return_inverse=True)
    return np.asarray([normalize_category(raws[i]) for i in distinct.tolist()], object)[which]


def _entities(
    claims: pd.DataFrame, normalizer: Normalizer
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per claim: no entity (a cell beyond the named columns), the entity, its qualifier."""
    codes, texts = _factorize(claims["entity_raw"], "")
    found = [normalizer.entity(text) for text in texts]
    missing = _flags([e is None for e in found], codes)
    names = np.asarray([e[0] if e else None for e in found] or [None], dtype=object)
    qualifiers = np.asarray([e[1] if e else None for e in found] or [None], dtype=object)
    return missing, names[codes], qualifiers[codes]


def _mojibake_counts(claims: pd.DataFrame, normalizer: Normalizer) -> np.ndarray:
    """Mojibake characters in each claim's evidence (its value when it has none). One scan of
    the distinct texts joined finds the few that can hold any; only those are repaired."""
    codes, distinct = pd.factorize(claims["evidence"].to_numpy(dtype=object))
    empty = codes < 0  # no evidence: the value itself is the evidence
    if len(distinct) and (distinct == "").any():
        empty |= codes == int(np.flatnonzero(distinct == "")[0])
    if empty.any():
        texts = claims["evidence"].to_numpy(dtype=object).copy()
        texts[empty] = claims["raw_value"].to_numpy(dtype=object)[empty]
        codes, distinct = pd.factorize(texts)
    counts = np.zeros(len(distinct), np.int64)
    starts = mojibake_positions("\0".join(distinct.tolist()))
    if starts:
        ends = np.cumsum(np.fromiter(map(len, distinct), np.int64, len(distinct)) + 1)
        for at in np.unique(np.searchsorted(ends, starts, side="right")).tolist():
            counts[at] = normalizer.mojibake(distinct[at])
    return counts[codes]
