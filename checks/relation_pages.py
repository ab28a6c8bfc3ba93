"""The figure pairs of every statement: on its own page, and, for a statement that names its
metric and finds no pair at home, on the other pages measuring both of its entities.

Why a module of its own: the page-level driver of checks.relation_pairs (which pairs one
statement on one page), split off to keep each module short (moved unchanged).
"""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import comparable_facts
from crosscheck.checks.figure_rows import Figures
from crosscheck.checks.frame_records import records
from crosscheck.checks.relation_pairs import FigurePair, _pairs_of

from crosscheck.contracts import UNMAPPED_METRIC

_READ = [
    *("claim_id", "source", "entity", "metric", "qualifier", "unit", "row_key", "raw_value"),
    *("low", "high", "bound", "point", "label", "evidence", "conditions", "entity_qualifier"),
]


def _values(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None
) -> pd.DataFrame:
    values = comparable if comparable is not None else comparable_facts(facts, config)
    if values.empty:
        return values
    if "conditions" in values.columns:
        return values
    if "conditions" in facts.columns:
        conditions = facts.set_index("claim_id")["conditions"]
        values = values.assign(conditions=values["claim_id"].map(conditions))
    else:
        values = values.assign(conditions=None)
    return values


def _sentence_figures(
    facts: pd.DataFrame, relations: pd.DataFrame, config: CheckConfig, columns: list[str]
) -> pd.DataFrame:
    """Figures no metric names, written in a statement's own sentence about its entities
    ("lists A at $1,599 and B at $1,199, so B is 25% cheaper"): the sentence says what they
    measure, so they pair with each other there (relation_pairs._stated_pairs) and nowhere
    else. The comparable set leaves every unnamed figure out."""
    needed = {"metric", "evidence", "source", "entity", "role", "value_type", "low"}
    if facts.empty or not needed <= set(facts.columns):
        return facts.iloc[0:0]
    unnamed = facts[(facts["metric"] == UNMAPPED_METRIC).to_numpy(dtype=bool)]
    if unnamed.empty:
        return unnamed
    stated = relations[relations["b"].notna() & relations["evidence"].notna()]
    sentences = set(zip(stated["source"], stated["evidence"], strict=True))
    names = set(stated["a"]) | set(stated["b"])
    keep = [
        (source, evidence) in sentences and entity in names
        for source, evidence, entity in zip(
            unnamed["source"], unnamed["evidence"], unnamed["entity"], strict=True
        )
    ]
    unnamed = unnamed[keep]
    if unnamed.empty:
        return unnamed
    # compared as a named metric would be, then given back its unnamed mark
    values = comparable_facts(unnamed.assign(metric="unnamed"), config)
    return values.assign(metric=UNMAPPED_METRIC)[[c for c in columns if c in values.columns]]


def figure_pairs(
    facts: pd.DataFrame,
    relations: pd.DataFrame,
    config: CheckConfig,
    comparable: pd.DataFrame | None = None,
) -> dict[str, list[FigurePair]]:
    """Per relation id, the figure pairs on its page it may describe."""
    own, _ = figure_pairs_by_page(facts, relations, config, comparable)
    return own


def figure_pairs_by_page(
    facts: pd.DataFrame,
    relations: pd.DataFrame,
    config: CheckConfig,
    comparable: pd.DataFrame | None = None,
) -> tuple[dict[str, list[FigurePair]], dict[str, list[tuple[str, list[FigurePair]]]]]:
    """Per relation id, the figure pairs on its own page, and, for a statement that names
    its metric and finds no pair at home, the pairs other pages give (page, pairs)."""
    values = comparable if comparable is not None else comparable_facts(facts, config)
    if relations.empty:
        return {}, {}
    # Only the figures a statement may name: its entities anywhere, every entity on a page
    # with a "next best" statement (a million facts are filtered once, not per statement).
    named = set(relations["a"].dropna()) | set(relations["b"].dropna())
    open_pages = set(relations.loc[relations["b"].isna(), "source"])
    columns = [c for c in _READ if c in values.columns]  # a narrow frame slices cheaply
    if not columns:
        return {}, {}
    if not values.empty:
        wanted = values["entity"].isin(named) | values["source"].isin(open_pages)
        values = values.loc[wanted.to_numpy(dtype=bool), columns]
    else:
        values = values[columns]
    extra = _sentence_figures(facts, relations, config, columns)
    if not extra.empty:
        values = pd.concat([values, extra], ignore_index=True)
    values = _values(facts, config, values)
    if values.empty:
        return {}, {}
    # Each page's rows as plain records (in page order), and the pages each entity is on:
    # a statement looks for pairs elsewhere only on the pages naming both of its entities.
    # A statement with a metric pairs on another page only with a's and b's figures of that
    # metric, so the pages are indexed by (entity, metric). Records are built only for the
    # pages a statement reads (a third of them on the real-shaped corpus).
    figures = Figures(values)
    on_pages: dict[tuple[object, object], set[object]] = {}
    # only the (entity, metric) pairs a statement looks up: those of a and of b of a
    # statement that names its metric (a Python step per comparable figure cost ~0.1 s)
    asked = relations[relations["metric"].notna() & relations["b"].notna()]
    placed = values[
        (values["source"].notna() & values["entity"].notna()).to_numpy(dtype=bool)
        & values["metric"].isin(asked["metric"].unique()).to_numpy(dtype=bool)
        & values["entity"].isin(pd.concat([asked["a"], asked["b"]]).unique()).to_numpy(dtype=bool)
    ]
    for entity, metric, source in zip(
        *(placed[c].tolist() for c in ("entity", "metric", "source")), strict=True
    ):
        on_pages.setdefault((entity, metric), set()).add(source)
    order = figures.order
    own: dict[str, list[FigurePair]] = {}
    elsewhere: dict[str, list[tuple[str, list[FigurePair]]]] = {}
    for rel in records(relations):  # read per figure below: dict look-ups
        home = rel["source"]
        own[rel["relation_id"]] = (
            _pairs_of(rel, figures, *figures.page(home)) if home in order else []
        )
        if own[rel["relation_id"]] or not rel["metric"] or not rel["b"]:
            continue
        found = []
        metric = rel["metric"]
        both = on_pages.get((rel["a"], metric), set()) & on_pages.get((rel["b"], metric), set())
        for source in sorted(both - {rel["source"]}, key=order.__getitem__):
            pairs = _pairs_of(rel, figures, *figures.page(source))
            if pairs:
                found.append((str(source), pairs))
        if found:
            elsewhere[rel["relation_id"]] = found
    return own, elsewhere
