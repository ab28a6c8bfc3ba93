"""`conflict`: the same entity and metric given incompatible figures.

Facts are compared on their comparison intervals (bound kind + tolerance). Within a group the
claims that disagree are those whose interval lies wholly below the highest low end or wholly
above the lowest high end; a finding names the two extremes so a reviewer sees the gap at once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
from crosscheck.checks.columns import Columns
from crosscheck.checks.comparable import KEYS as _KEYS
from crosscheck.checks.comparable import beyond_one_row, comparable_facts, metric_name, typical
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict_places import (
    columns_of_one_row,
    extremes_told_apart,
    line_records,
    parallel_records,
    rows_named_apart,
    series_of_blocks,
)
from crosscheck.checks.counted_nouns import counted_kinds
from crosscheck.checks.data_files import read_words
from crosscheck.checks.extremes import describe_extremes
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.grouping import (
    code_column,
    disagreeing,
    group_positions,
    key_ids,
    members_of,
    representatives,
    sorted_codes,
    with_several,
)
from crosscheck.checks.owner_doubts import (
    COMPARING,
    carried_names,
    misread_comparisons,
    repeated_card_records,
)
from crosscheck.checks.scenarios import SCENARIO, reported_paragraphs, with_scenarios
from crosscheck.checks.sentence_sides import label_entities, several_in_one_sentence
from crosscheck.checks.unit_labels import nameless_metrics, unit_labelled

from crosscheck.contracts import ROW_PLACE_QUALIFIER, FindingKind, LocationKind, Scope, Severity

# What a conflict finding reads of its claims.
_SHOWN = [
    *("claim_id", "source", "locator", "label", "low", "high", "point", "cmp_lo", "cmp_hi"),
    *("row_key", *_KEYS),
    "evidence",
]


@functools.cache
def _statistic_metric() -> re.Pattern[str]:
    """An open-vocabulary metric made of a benchmark tool's statistic label alone ("Error",
    "StdDev", "Mean", "Allocated": checks/data/statistic_labels.toml): it names no operation,
    so it is no side against another source."""
    doc = read_words("statistic_labels.toml")
    labels = [*doc.get("spread", []), *doc.get("summary", [])]
    return re.compile("^auto:(?:" + "|".join(re.escape(str(x)) for x in labels) + "):")


# Where a figure is narrated rather than laid out: a same-page conflict with such a side is
# less sure (the sentence may belong to a scenario it does not name).
_NARRATED = {LocationKind.PROSE.value, LocationKind.LIST_ITEM.value}
# Normalize puts the measurement's conditions and the entity's version or variant into the
# qualifier: qualifiers are sides of one comparison only under the same ones of both.
_SAME_SETTING = ["conditions", "entity_qualifier"]
# What checks.owner_doubts reads of a narrated figure beside its evidence.
_OWNER_READ = ("location_kind", "entity_raw", "value_start")


def _one_comparing_sentence(rows: Columns, at: np.ndarray) -> bool:
    """Whether every claim at `at` comes from one sentence that compares two things, or from
    one sentence of prose at all: a sentence that gives one name two figures of one measure
    ("1M patients for 4000 doctors", a flattened spec row of two products) is misread, it
    does not contradict itself."""
    texts = {str(t) for t in rows["evidence"][at]}
    if len(texts) != 1:
        return False
    prose = bool(pd.isna(rows["row_key"][at]).all())
    return prose or COMPARING.search(next(iter(texts))) is not None


def _finding(
    rows: Columns,
    at: np.ndarray,
    scope: Scope,
    severity: Severity,
    across: bool,
    evidence: Iterable[str] | None = None,
) -> Finding:
    """A conflict finding; the rows at `at` give the extremes quoted, `evidence` (claim ids)
    every claim it rests on (by default those rows)."""
    first = at[0]
    entity, metric = rows["entity"][first], _metric_of(rows["metric"][first])
    extremes, ratio = describe_extremes(rows, at)
    apart = f", {ratio:.1f}× apart" if ratio != float("inf") else ""
    if scope is Scope.SAME_PAGE:
        where = "on one page"
    else:
        where = f"across {len(set(rows['source'][at]))} sources"
    qualifier = None if across else rows["qualifier"][first]
    name = metric_name(metric, qualifier)
    note = " (different qualifiers of the metric)" if across else ""
    explanation = f"{entity} {name} {where}{note}: {extremes}{apart}."
    claims = evidence if evidence is not None else rows["claim_id"][at]
    return make_finding(
        FindingKind.CONFLICT,
        scope,
        severity,
        entity,
        metric,
        qualifier,
        explanation,
        claims,
    )


def _camps(
    df: pd.DataFrame,
    members: list[np.ndarray],
    sides: pd.DataFrame,
    positions: list[np.ndarray],
    by: str,
) -> list[list[str]]:
    """Per group, the claim ids of every member (`members`: positions in `df`) of a
    disagreeing side (a `by` value of the group's rows of `sides` at `positions`) whose
    comparison interval holds its side's representative point; all groups at once."""
    if not members:
        return []
    lengths = np.fromiter(map(len, members), dtype=np.int64, count=len(members))
    member = np.concatenate(members)
    group = np.repeat(np.arange(len(members)), lengths)
    at = np.concatenate(positions)
    side_group = np.repeat(np.arange(len(positions)), [len(p) for p in positions])
    coded = key_ids([df, sides], [by])
    if coded is None:  # codes not carried: the values coded alike in both frames
        both = pd.factorize(
            np.concatenate([df[by].to_numpy(dtype=object), sides[by].to_numpy(dtype=object)])
        )[0]
        coded = [both[: len(df)], both[len(df) :]]
    base = int(max(coded[0].max(initial=0), coded[1].max(initial=0))) + 2
    wanted = pd.Index(side_group * base + coded[1][at] + 1)  # one side per value in a group
    found = wanted.get_indexer(group * base + coded[0][member] + 1)
    point = sides["point"].to_numpy(dtype=float)[at][found]
    lo = df["cmp_lo"].to_numpy(dtype=float)[member]
    hi = df["cmp_hi"].to_numpy(dtype=float)[member]
    held = (found >= 0) & (lo <= point) & (point <= hi)
    claims = df["claim_id"].to_numpy(dtype=object)[member].tolist()
    cuts = np.cumsum(lengths).tolist()
    kept = held.tolist()
    return [
        [claims[i] for i in range(start, stop) if kept[i]]
        for start, stop in zip([0, *cuts[:-1]], cuts, strict=True)
    ]


def _across_sides(
    df: pd.DataFrame, keys: list[str], side: str, scope: Scope, severity: Severity, across: bool
) -> list[Finding]:
    """Findings where the representatives of different sides (qualifiers, sources) of one
    group disagree; each rests on every claim of the sides that agrees with its side."""
    reps = with_several(representatives(df, [*keys, side]), keys, side)
    sides = disagreeing(reps, keys)
    if sides.empty:
        return []
    side_rows = Columns(sides)
    positions = [at for _, at in group_positions(sides, keys)]
    members = members_of(df, keys, sides.index[[at[0] for at in positions]])
    camps = _camps(df, members, sides, positions, side)
    return [
        _finding(side_rows, at, scope, severity, across, camp)
        for at, camp in zip(positions, camps, strict=True)
    ]


def find_conflicts(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """Both halves: the same-page conflicts, then the cross-source ones."""
    df = comparable if comparable is not None else comparable_facts(facts, config)
    return find_same_page_conflicts(facts, config, df) + find_cross_source_conflicts(
        facts, config, df
    )


def _conflict_frame(
    facts: pd.DataFrame,
    config: CheckConfig,
    comparable: pd.DataFrame | None,
    counted_keys: list[str],
) -> tuple[pd.DataFrame, list[str]]:
    """The columns a conflict reads of the comparable facts, and the setting columns
    present: a narrower frame is cheaper to filter. A narrated figure labelled only by its
    unit (checks.unit_labels), or whose entity is its own label (checks.sentence_sides), is
    no side. Narrated counts of different things (checks.counted_nouns) are kept apart
    within the groups of `counted_keys`. A card whose owner was guessed (checks.owner_doubts:
    a run of cards laid out like another) is no side."""
    df = comparable if comparable is not None else comparable_facts(facts, config)
    unnamed = unit_labelled(df) | label_entities(df) | nameless_metrics(df)
    unnamed |= repeated_card_records(df)
    if unnamed.any():
        df = df[~unnamed]
    df = _counted_apart(df, counted_keys)
    setting = [c for c in _SAME_SETTING if c in df.columns]
    read = [*_SHOWN, *setting, *[c for c in _OWNER_READ if c in df.columns]]
    read += [code_column(c) for c in ["source", *_KEYS] if code_column(c) in df]
    return df[read] if not df.empty else df, setting


_COUNTED = "\x1f"  # a metric tagged with what its narrated count counts (checks.counted_nouns)


def _metric_of(metric: str) -> str:
    """The metric without the tag `_counted_apart` gave it."""
    return metric.split(_COUNTED, 1)[0] if _COUNTED in metric else metric


def _counted_apart(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """`df` where narrated counts of different things ("5 concurrent macOS jobs", "256 matrix
    jobs per workflow run") carry their counted words in the metric, so that no grouping of
    the conflict rules sets them against each other (the finding shows the plain metric)."""
    tags = counted_kinds(df, keys)
    if tags is None:
        return df
    metric = df["metric"].astype(str).to_numpy(dtype=object)
    tagged = np.where(tags != "", metric + _COUNTED + tags.astype(str), metric)
    out = df.assign(metric=tagged)
    if code_column("metric") in df.columns:
        out[code_column("metric")] = sorted_codes(out["metric"])
    return out


def find_same_page_conflicts(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """Same-page conflicts per qualifier (high between table figures, medium with prose) and
    sides that disagree across qualifiers of a metric on one page (low). Their groups are
    one page's: the page cut sees them whole."""
    df, setting = _conflict_frame(facts, config, comparable, ["source", "entity", "metric", "unit"])
    if df.empty:
        return []
    page_keys = ["source", *_KEYS]
    same_page = _same_page_disagreements(df, page_keys, facts)
    # a sentence giving one key two figures names two quantities; a sentence that names
    # another entity of the page, not its own, was given it by a guess (checks.owner_doubts).
    # Both leave the groups after the scenarios are read from every figure of the page.
    carried = carried_names(df)
    guessed = set(df["claim_id"].to_numpy(dtype=object)[carried])
    several = several_in_one_sentence(same_page, page_keys)
    several |= same_page["claim_id"].isin(guessed).to_numpy(dtype=bool)
    several |= misread_comparisons(same_page, page_keys)
    if several.any():
        same_page = disagreeing(same_page[~several], [*page_keys, SCENARIO])
    rows = Columns(same_page)
    # the narrated lines of the pages that hold a candidate group only (usually a few pages)
    records = line_records(df[df["source"].isin(pd.unique(same_page["source"]))])
    findings = [
        _finding(rows, at, Scope.SAME_PAGE, _same_page_severity(rows, at), across=False)
        for _, at in group_positions(same_page, [*page_keys, SCENARIO])
        # one cell that lists two variants ("40GB/80GB") gives two figures, not a conflict
        if len(set(rows["locator"][at])) > 1
        and not _one_comparing_sentence(rows, at)
        and not extremes_told_apart(rows, at)
        and not series_of_blocks(rows, at)
        and not rows_named_apart(rows, at)
        and not parallel_records(rows, at, records)
    ]
    # A percentile (p99) is meant to sit above the typical figure: it is no side to compare;
    # nor are figures under other conditions or of another version or variant of the entity.
    findings += _across_sides(
        beyond_one_row(typical(df[~carried]), ["source", "entity", "metric", "unit", *setting]),
        ["source", "entity", "metric", "unit", *setting],
        "qualifier",
        Scope.SAME_PAGE,
        Severity.LOW,
        True,
    )
    return findings


def find_cross_source_conflicts(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """One entity, metric and qualifier whose per-source representatives disagree (medium).
    Their groups are one entity's: the entity cut sees them whole."""
    df, _setting = _conflict_frame(facts, config, comparable, ["entity", "metric", "unit"])
    if df.empty:
        return []
    unnamed = [m for m in df["metric"].unique() if _statistic_metric().match(str(m))]
    if unnamed:
        df = df[~df["metric"].isin(unnamed)]
    page_keys = ["source", *_KEYS]
    # A page whose prose gives one key several different figures (a vendor's claim and a
    # production run, two instance sizes) narrates scenarios it does not name in the
    # qualifier: those figures are no side to set against another source's. (A table or a
    # fact list states one value per key: its disagreement stays a side.) Prose figures that
    # agree with each other within the tolerance beside a table row of the key ('~9,400
    # req/s' in a sentence, '~9,100' in a list, 9,200 in the table) restate the table's
    # value: the page stays a side.
    df = _without_row_places(df)
    df = _without_groups(df, columns_of_one_row(df, page_keys), page_keys)
    prose = df[df["row_key"].isna()]
    several = with_several(beyond_one_row(prose, page_keys), page_keys, "point")
    agreeing = _without_groups(several, disagreeing(several, page_keys), page_keys)
    restated = _in_groups(agreeing, df[df["row_key"].notna()], page_keys)
    scenarios = _without_groups(several, restated, page_keys)
    return _across_sides(
        _without_groups(df, scenarios, page_keys),
        _KEYS,
        "source",
        Scope.CROSS_SOURCE,
        Severity.MEDIUM,
        False,
    )


_ROW_PLACE = re.compile(ROW_PLACE_QUALIFIER)


def _without_row_places(df: pd.DataFrame) -> pd.DataFrame:
    """The figures minus those whose condition is only their row's place in a table that lost
    its condition columns: row 3 of one page's table is not row 3 of another's."""
    placed = [q for q in df["qualifier"].dropna().unique() if _ROW_PLACE.search(str(q))]
    return df[~df["qualifier"].isin(placed)] if placed else df


def _same_page_severity(rows: Columns, at: np.ndarray) -> Severity:
    """How sure a same-page conflict is: high when figures the page lays out (table cells,
    stat cards, attribute rows) disagree among themselves, medium when the disagreement needs
    a narrated figure (a sentence or a list item), which may belong to a scenario its sentence
    does not name."""
    if "location_kind" in rows:
        narrated = np.array([kind in _NARRATED for kind in rows["location_kind"][at]], bool)
    else:
        narrated = np.asarray(pd.isna(rows["row_key"][at]), dtype=bool)
    laid_out = at[~narrated]
    if len(laid_out) >= 2 and rows["cmp_lo"][laid_out].max() > rows["cmp_hi"][laid_out].min():
        return Severity.HIGH
    return Severity.MEDIUM


def _reported(facts: pd.DataFrame | None, candidates: pd.DataFrame) -> frozenset[tuple[str, str]]:
    """The paragraphs of the candidates' pages that open by reporting a third party's claim,
    read from every prose fact of those pages (a percentage or a verdict there too)."""
    if facts is None or facts.empty or "locator" not in facts.columns:
        return frozenset()
    sources = facts["source"].isin(pd.unique(candidates["source"].astype(str)))
    prose = facts["row_key"].isna() if "row_key" in facts.columns else True
    return reported_paragraphs(facts.loc[sources & prose, ["source", "locator", "evidence"]])


def _same_page_disagreements(
    df: pd.DataFrame, page_keys: list[str], facts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Claims of one page that disagree within their key and scenario: prose figures of
    different scenarios (checks.scenarios: other stated conditions, another run of the same
    result set) are other measurements. Scenarios are worked out only for the families
    (the key without the entity) that hold a disagreement at all."""
    candidates = disagreeing(beyond_one_row(df, page_keys), page_keys)
    if candidates.empty:
        return candidates.assign(**{SCENARIO: []})
    family = [k for k in page_keys if k != "entity"]
    scoped = with_scenarios(
        df[_in_groups_mask(df, candidates, family)], family, _reported(facts, candidates)
    )
    keys = [*page_keys, SCENARIO]
    return disagreeing(beyond_one_row(scoped, keys), keys)


def _in_groups_mask(df: pd.DataFrame, groups: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Per row of `df`, whether its `keys` are one of the key tuples of `groups`."""
    if groups.empty or df.empty:
        return np.zeros(len(df), dtype=bool)
    coded = key_ids([df, groups], keys)  # the codes both frames carry (one comparable frame)
    if coded is not None:
        return np.isin(coded[0], coded[1])
    theirs = pd.MultiIndex.from_frame(groups[keys].astype(object).fillna("\0"))
    mine = pd.MultiIndex.from_frame(df[keys].astype(object).fillna("\0"))
    return np.asarray(mine.isin(theirs), dtype=bool)


def _without_groups(df: pd.DataFrame, groups: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The rows of `df` whose `keys` are none of the key tuples of `groups`."""
    return df[~_in_groups_mask(df, groups, keys)]


def _in_groups(df: pd.DataFrame, groups: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The rows of `df` whose `keys` are among the key tuples of `groups`."""
    return df[_in_groups_mask(df, groups, keys)]
