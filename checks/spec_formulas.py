"""Figures of one product's spec that its own other figures rule out: a quantity above the one
that bounds it ("Sequential Read 7450 MB/s" beside "Total Interface Bandwidth 16 Gb/s"), or a
derived quantity off the product it is defined as ("0.33 DWPD" on a "1 TB" drive stated as
"about 164 GB of host writes per day", where 0.33 x 1 TB is 330 GB).

Why: a spec page's figures are tied by definitions and physical limits; a figure that breaks
one is a typo, a figure left from another model, or a sum the writer got wrong, and the page's
own figures show it. Which quantities exist, which bounds and which products hold between them
are data (checks/data/spec_formulas.toml), not code: a relation is a named formula over
quantity names. Figures pair within one page and one entity (and variant); an input of a
product the entity lacks is taken from the page only when the page states it once and the
figure stating it has no result figure under its own entity (a spec card's row given to a
stray entity such as its table's first cell). A bound pairs one entity's own figures only.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.common.intervals import point_values
from crosscheck.contracts import FindingKind, Scope, Severity, ValueType
from crosscheck.formatting import format_interval

_READ = ["claim_id", "source", "entity", "label", "raw_value", "low", "high", "bound", "unit"]
_SHORT_LABEL = 6  # words: longer labels are sentences, read after the value instead
_WINDOW = 48  # characters after a sentence figure's value that name what it measures
_NEAR = 12  # a sentence figure's quantity words start this close to the value
_PLACEHOLDER = r"column (\d+)"  # the label ingest gives a column without a header cell
_TABLE = r"^t(\d+)r"  # a table cell's row key: table t, row r


@dataclass(frozen=True)
class Quantity:
    """What a figure measures: label words, and the canonical units it may carry with what
    each is worth in the quantity's own unit (a warranty in years or seconds, in days)."""

    name: str
    words: tuple[re.Pattern[str], ...]
    units: dict[str, float]


@dataclass(frozen=True)
class Bound:
    """`below` never exceeds `above` for one product (beyond `margin`, a fraction)."""

    name: str
    below: str
    above: str
    margin: float


@dataclass(frozen=True)
class Product:
    """`result` is `constant` x the product of `factors` / the product of `divisors` (within
    `tolerance`, a fraction)."""

    name: str
    result: str
    factors: tuple[str, ...]
    divisors: tuple[str, ...]
    constant: float
    tolerance: float

    @property
    def inputs(self) -> tuple[str, ...]:
        return (*self.factors, *self.divisors)


@dataclass(frozen=True)
class Formulas:
    quantities: dict[str, Quantity]
    bounds: tuple[Bound, ...]
    products: tuple[Product, ...]


@functools.cache
def formulas() -> Formulas:
    """The quantities, bounds and products of checks/data/spec_formulas.toml."""
    doc = read_words("spec_formulas.toml")
    quantities = {
        name: Quantity(
            name,
            tuple(re.compile(w, re.IGNORECASE) for w in spec.get("words", [])),
            _unit_scales(spec.get("units", [])),
        )
        for name, spec in doc.get("quantities", {}).items()
    }
    bounds = tuple(
        Bound(str(b["name"]), str(b["below"]), str(b["above"]), float(b.get("margin", 0.02)))
        for b in doc.get("bound", [])
    )
    products = tuple(
        Product(
            str(p["name"]),
            str(p["result"]),
            tuple(str(f) for f in p.get("factors", [])),
            tuple(str(d) for d in p.get("divisors", [])),
            float(p.get("constant", 1.0)),
            float(p.get("tolerance", 0.25)),
        )
        for p in doc.get("product", [])
    )
    return Formulas(quantities, bounds, products)


def _unit_scales(units: object) -> dict[str, float]:
    """A list of units (each worth 1) or a table of unit -> worth."""
    if isinstance(units, dict):
        return {str(u): float(v) for u, v in units.items()}
    return {str(u): 1.0 for u in units} if isinstance(units, list) else {}


def words_of(row: pd.Series) -> tuple[str, bool]:
    """The text that names what a figure measures, and whether it is a sentence window: a
    short label as it is; for a sentence, the words right after the value."""
    label = "" if pd.isna(row.get("label")) else str(row["label"])
    if label and len(label.split()) <= _SHORT_LABEL:
        return label, False
    evidence = "" if pd.isna(row.get("evidence")) else str(row["evidence"])
    raw = "" if pd.isna(row.get("raw_value")) else str(row["raw_value"])
    start = row.get("value_start")
    at = int(start) if start is not None and not pd.isna(start) and int(start) >= 0 else -1
    if at < 0 or not raw:
        at = evidence.find(raw) if raw else -1
    if at < 0:
        return "", True
    end = at + len(raw)
    return evidence[end : end + _WINDOW], True


def _measures(text: str, window: bool, unit: str, quantities: dict[str, Quantity]) -> str | None:
    """The one quantity a figure measures, or None (no quantity, or two that both fit)."""
    if not text:
        return None
    found = []
    for quantity in quantities.values():
        if unit not in quantity.units:
            continue
        for pattern in quantity.words:
            m = pattern.search(text)
            if m and (not window or m.start() <= _NEAR):
                found.append(quantity.name)
                break
    return found[0] if len(found) == 1 else None


@functools.lru_cache(maxsize=8192)
def _label_measures(label: str, unit: str) -> str | None:
    return _measures(label, False, unit, formulas().quantities)


@functools.lru_cache(maxsize=4)
def _any_word(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """Every quantity's words as one pattern, compiled once."""
    return re.compile("|".join(patterns), re.IGNORECASE)


def spec_figures(facts: pd.DataFrame, quantities: dict[str, Quantity]) -> pd.DataFrame:
    """The page figures that measure one of the quantities, with their point value. Short
    labels are read once per distinct label; sentences only where a quantity word occurs."""
    if facts.empty or not set(_READ) <= set(facts.columns):
        return pd.DataFrame()
    units = {u for q in quantities.values() for u in q.units}
    numeric = facts[facts["unit"].isin(units).to_numpy(dtype=bool)]
    if "value_type" in numeric.columns:
        numeric = numeric[numeric["value_type"].astype(str) != ValueType.CATEGORICAL.value]
    if numeric.empty:
        return pd.DataFrame()
    numeric = columns_as_products(numeric)
    labels = numeric["label"].fillna("").astype(str)
    short = (labels.str.count(r"\S+") <= _SHORT_LABEL).to_numpy(dtype=bool)
    measured = np.full(len(numeric), None, dtype=object)
    units_of = numeric["unit"].astype(str).to_numpy()
    label_texts = labels.to_numpy()
    for at in np.flatnonzero(short):
        measured[at] = _label_measures(label_texts[at], units_of[at])
    if "evidence" in numeric.columns and (~short).any():
        # one search per distinct sentence (a sentence's figures share it), not per figure
        any_word = _any_word(tuple(p.pattern for q in quantities.values() for p in q.words))
        evidence = numeric["evidence"].fillna("").astype(str)
        sentences = pd.unique(evidence[~short].to_numpy())
        named = {t for t in sentences if any_word.search(t)}
        hit = evidence.isin(named).to_numpy(dtype=bool) if named else np.zeros(len(short), bool)
        for at in np.flatnonzero(~short & hit):
            text, window = words_of(numeric.iloc[at])
            measured[at] = _measures(text, window, units_of[at], quantities)
    numeric = numeric.assign(quantity=measured)
    numeric = numeric[numeric["quantity"].notna().to_numpy(dtype=bool)]
    if numeric.empty:
        return pd.DataFrame()
    point = point_values(
        numeric["low"].to_numpy(), numeric["high"].to_numpy(), numeric["bound"].to_numpy()
    )
    pairs = zip(numeric["quantity"], numeric["unit"], strict=True)
    worth = [quantities[q].units.get(u, 1.0) for q, u in pairs]
    numeric = numeric.assign(point=point, worth=point * np.asarray(worth, dtype=float))
    keep = np.isfinite(point.astype(float)) & (point.astype(float) > 0)
    return numeric[keep]


def columns_as_products(numeric: pd.DataFrame) -> pd.DataFrame:
    """A spec table without a header row (its products' names lost) reads each row's first
    cell, the quantity, as the entity and names the columns 'column N': there the quantity is
    that first cell and the product is the column (realfind12)."""
    labels = numeric["label"].fillna("").astype(str)
    placeholder = labels.str.fullmatch(_PLACEHOLDER).to_numpy(dtype=bool)
    if not placeholder.any() or "row_key" not in numeric.columns:
        return numeric
    rows = numeric[placeholder]
    tables = rows["row_key"].fillna("").astype(str).str.extract(_TABLE, expand=False)
    products = "column " + labels[placeholder].str.extract(_PLACEHOLDER, expand=False)
    products = products + " of table " + tables.fillna("?")
    numeric = numeric.copy()
    numeric.loc[placeholder, "label"] = rows["entity"].astype(str).to_numpy()
    numeric.loc[placeholder, "entity"] = products.to_numpy()
    if "entity_qualifier" in numeric.columns:
        numeric.loc[placeholder, "entity_qualifier"] = None
    return numeric


def _variant(row: pd.Series) -> tuple[str, str]:
    qualifier = row.get("entity_qualifier")
    return str(row["entity"]), "" if qualifier is None or pd.isna(qualifier) else str(qualifier)


def _input(
    page: pd.DataFrame, quantity: str, owner: pd.Series, other: str, stray: bool = True
) -> pd.Series | None:
    """The figure of `quantity` for `owner`'s product: its entity's (one value), else (with
    `stray`) the page's only value of it when the figure stating it is no other product's
    (its entity has no `other`-quantity figure of its own)."""
    rows = page[page["quantity"] == quantity]
    if rows.empty:
        return None
    own = rows[[_variant(r) == _variant(owner) for _, r in rows.iterrows()]]
    if not own.empty:
        return own.iloc[0] if own["point"].nunique() == 1 else None
    if not stray or rows["point"].nunique() != 1:
        return None
    only = rows.iloc[0]
    theirs = page[(page["quantity"] == other) & (page["entity"] == only["entity"])]
    return None if not theirs.empty else only


def _bound_findings(page: pd.DataFrame, bound: Bound) -> list[Finding]:
    # every figure above one bounding figure is one finding: the bound is the likelier slip
    # (a read and a write rate both above a '16 Gb/s' link), and one cause is one finding
    above: dict[str, tuple[pd.Series, list[pd.Series]]] = {}
    for _, low in page[page["quantity"] == bound.below].iterrows():
        # a bound pairs one product's own figures only: a comparison page states one card's
        # boost clock and another's base clock often enough
        high = _input(page, bound.above, low, bound.below, stray=False)
        if high is None or float(low["point"]) <= float(high["point"]) * (1 + bound.margin):
            continue
        above.setdefault(str(high["claim_id"]), (high, []))[1].append(low)
    findings = []
    for high, lows in above.values():
        first = lows[0]
        named = " and ".join(f"{r['label']} {r['raw_value']!r}" for r in lows)
        verb = "is" if len(lows) == 1 else "are"
        explanation = (
            f"{first['entity']} on {first['source']}: {named} {verb} above "
            f"its {high['label']} {high['raw_value']!r} ({bound.name}); the bound or the "
            f"figure{'s' if len(lows) > 1 else ''} above it {verb} wrong (a unit slip or "
            f"another model's figure)."
        )
        findings.append(_finding(FindingKind.LOGIC, first, explanation, [*lows, high], bound.name))
    return findings


def _product_findings(page: pd.DataFrame, product: Product) -> list[Finding]:
    findings = []
    for _, result in page[page["quantity"] == product.result].iterrows():
        inputs = [_input(page, q, result, product.result) for q in product.inputs]
        if any(i is None for i in inputs):
            continue
        rows = [i for i in inputs if i is not None]
        factors, divisors = rows[: len(product.factors)], rows[len(product.factors) :]
        denominator = math.prod(float(i["worth"]) for i in divisors)
        expected = product.constant * math.prod(float(i["worth"]) for i in factors) / denominator
        stated = float(result["worth"])
        if expected <= 0 or abs(stated / expected - 1) <= product.tolerance:
            continue
        scale = stated / float(result["point"])  # the result's unit's worth
        worked = format_interval(expected / scale, expected / scale, str(result["unit"]))
        given = ", ".join(f"{i['label']} {i['raw_value']!r}" for i in rows)
        explanation = (
            f"{result['entity']} on {result['source']}: {result['raw_value']!r} "
            f"({result['label']}) is {stated / expected:.2g} times what the page's own "
            f"{given} give ({product.name}: {worked})."
        )
        findings.append(
            _finding(FindingKind.DIFF_MISMATCH, result, explanation, [result, *rows], product.name)
        )
    return findings


def _finding(
    kind: FindingKind, subject: pd.Series, explanation: str, rows: list[pd.Series], rule: str
) -> Finding:
    return make_finding(
        kind,
        Scope.SAME_PAGE,
        Severity.MEDIUM,
        str(subject["entity"]),
        None if pd.isna(subject.get("metric")) else str(subject.get("metric")),
        None,
        explanation,
        [str(r["claim_id"]) for r in rows],
        rule=rule,
    )


def find_spec_formula_breaks(facts: pd.DataFrame) -> list[Finding]:
    """Findings (same page, medium) for every bound and product of spec_formulas.toml that a
    page's figures break."""
    spec = formulas()
    return spec_formula_breaks(spec_figures(facts, spec.quantities))


def spec_formula_breaks(figures: pd.DataFrame) -> list[Finding]:
    """find_spec_formula_breaks over figures already read (`spec_figures`)."""
    spec = formulas()
    if figures.empty:
        return []
    findings: list[Finding] = []
    for _, page in figures.groupby("source", sort=True):
        present = set(page["quantity"])
        for bound in spec.bounds:
            if {bound.below, bound.above} <= present:
                findings.extend(_bound_findings(page, bound))
        for product in spec.products:
            if {product.result, *product.inputs} <= present:
                findings.extend(_product_findings(page, product))
    return findings
