"""`relation_mismatch`: a comparative statement that the page's figures or other statements
contradict ("up to 4 times faster" over a table where the gap is 11.7x; "25x faster" beside
"B is 18-40 % faster than A").

A relation (normalize.relations, RELATION_COLUMNS) is a ratio interval a/b on an aspect. It is
checked against every pair of figures of a and b on its page that measure the same thing under
the same conditions; it is flagged only when no such pair gives it (the reading most favourable
to the page wins), so one benchmark the page distinguishes never contradicts another.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import comparable_facts
from crosscheck.checks.decimal_slips import find_decimal_slips
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.frame_records import records
from crosscheck.checks.lower_bounds import (
    PERCENT_MARK,
    PERCENT_POINTS,
    UP_TO_SHORTFALL,
    Span,
    lower_bound_finding,
    reads_down,
)
from crosscheck.checks.relation_pages import figure_pairs_by_page
from crosscheck.checks.relation_pairs import (
    FigurePair,
    goodness_span,
    measured_in_sentence,
    pair_finding,
)
from crosscheck.checks.stated_bands import band_mismatches
from crosscheck.checks.stated_ranges import stated_range_mismatches
from crosscheck.checks.stated_sizes import size_mismatches
from crosscheck.checks.statement_metrics import named_by_words
from crosscheck.checks.statement_pairs import (
    RATIO_TOLERANCE,
    against_statements,
)
from crosscheck.checks.statement_pairs import fmt as _fmt
from crosscheck.checks.statement_pairs import oriented as _oriented
from crosscheck.checks.statement_pairs import stated_tolerance as _tolerance
from crosscheck.checks.statement_readings import is_gap
from crosscheck.checks.statement_topics import on_topic
from crosscheck.checks.unnamed_baselines import with_unnamed_baselines
from crosscheck.checks.verdict_sizes import verdict_size_mismatches
from crosscheck.checks.verdicts import is_verdict, verdict_against_figures

from crosscheck.contracts import BoundKind, FindingKind, RelationAspect, Scope, Severity

UNRELATED_PAIR = 20.0  # a closest pair this far off the statement (either way round) is unrelated
Keyed = tuple[tuple[int, ...], Finding]  # a finding and its place in the statements' order


def _percent_holds(rel: pd.Series, span: Span, either_base: bool = True) -> bool:
    """A percentage of b, (g − 1); or, when `either_base`, also (1 − 1/g) of a ("35 %
    improvement" of 245 ms → 156 ms is 36 % of the slower); g anywhere in the pair's span."""
    stated = [abs(v - 1) * 100 for v in (rel["low"], rel["high"])]
    lo, hi = min(stated), max(stated)
    g_lo, g_hi, _ = span
    if rel["direction"] == "equal":  # "within 5 %": the nearest reading of the gap
        if g_lo <= 1 <= g_hi:
            return True
        nearest = min(abs(g_lo - 1), abs(g_hi - 1), abs(1 - 1 / g_lo), abs(1 - 1 / g_hi))
        return nearest * 100 <= hi + 1
    higher = rel["direction"] == "higher"
    if (higher and g_hi < 1 / 1.02) or (not higher and g_lo > 1.02):
        return False  # the figures point the other way
    slack = max(PERCENT_POINTS, hi * RATIO_TOLERANCE)
    readings = [lambda g: abs(g - 1) * 100]
    if either_base:
        readings.append(lambda g: abs(1 - 1 / g) * 100)
    for reading in readings:
        ends = sorted((reading(g_lo), reading(g_hi)))
        if g_lo <= 1 <= g_hi:
            ends[0] = 0.0
        if ends[0] <= hi + slack and lo - slack <= ends[1]:
            return True
    return False


def _up_to_limit(rel: pd.Series, tol: float) -> float:
    """The largest ratio an "up to N" allows: N within its tolerance; for a percentage, N %
    within the points a percentage may be off ("up to 21 %" allows 23.1 %, not 33 %)."""
    high = float(rel["high"])
    if PERCENT_MARK.search(str(rel["raw_value"])) and high >= 1:
        stated = (high - 1) * 100
        return 1 + (stated + max(PERCENT_POINTS, stated * RATIO_TOLERANCE)) / 100
    return high * (1 + tol)


def _holds(rel: pd.Series, span: Span, pair: FigurePair | None = None) -> bool:
    """Whether one pair's goodness ratio (its span) gives the statement (bounds aside). A
    percentage is of the compared-to figure; only a speed on a time may be read on either
    base ("35 % faster": a 35 % shorter time, or 35 % more done in it). "21 % higher" for
    1,874 against 1,480 (26.6 % higher; 1,480 is 21 % lower) does not hold."""
    if PERCENT_MARK.search(str(rel["raw_value"])) or rel["direction"] == "equal":
        either = pair is None or (rel["aspect"] == RelationAspect.SPEED.value and pair.lower_better)
        return _percent_holds(rel, span, either)
    tol = _tolerance(str(rel["raw_value"]))
    return bool(rel["low"] / (1 + tol) <= span[1] and span[0] <= rel["high"] * (1 + tol))


def _explain(rel: pd.Series, pair: FigurePair, g: float, what: str) -> str:
    b = rel["b"] or "the next best"
    return (
        f"{rel['raw_value']!r} ({rel['label']}) says {rel['a']} against {b}, but {what}: "
        f"{pair.a_raw!r} vs {pair.b_raw!r} ({pair.b_entity}) for {pair.metric.replace('_', ' ')}"
        f"{' (' + pair.condition + ')' if pair.condition else ''} give {_fmt(g)}x."
    )


def _folded(span: Span) -> Span:
    """A pair's span as the larger figure over the smaller (a gap's reading)."""
    low, high, point = span
    return (1 / high, 1 / low, 1 / point) if high < 1 else span


def _against_figures(rel: pd.Series, pairs: list[FigurePair]) -> Finding | None:
    """The statement checked against the pairs of figures it may describe (those of the
    topic its sentence fronts, checks.statement_topics); flagged only when no pair can
    give it."""
    ratios: list[tuple[Span, FigurePair]] = []
    gap = is_gap(rel)
    for pair in on_topic(rel, pairs):
        span = goodness_span(rel, pair)
        if span is not None and all(math.isfinite(x) and x > 0 for x in span):
            ratios.append((_folded(span) if gap else span, pair))
    if not ratios:
        return None
    bound = rel["bound"]
    tol = _tolerance(str(rel["raw_value"]))
    if reads_down(rel):  # "up to 40 % less", "more than 33 % cheaper" (checks.lower_bounds)
        return lower_bound_finding(rel, ratios, tol, _explain)
    if bound == BoundKind.AT_MOST.value:  # "up to N": the largest gap is about N
        span, pair = max(ratios, key=lambda sp: sp[0][0])
        if span[0] > _up_to_limit(rel, tol):
            what = "the largest gap on the page is larger"
        elif max(sp[1] for sp, _ in ratios) < rel["high"] * UP_TO_SHORTFALL:
            span, pair = max(ratios, key=lambda sp: sp[0][1])
            what = "every gap on the page is far smaller"
        else:
            return None
        return pair_finding(
            rel, pair, _explain(rel, pair, span[2], what), Severity.MEDIUM, "figures"
        )
    if bound == BoundKind.AT_LEAST.value:
        span, pair = max(ratios, key=lambda sp: sp[0][1])
        if span[1] >= rel["low"] / (1 + tol):
            return None
        explanation = _explain(rel, pair, span[2], "no figure pair reaches it")
        return pair_finding(rel, pair, explanation, Severity.LOW, "figures")
    if any(_holds(rel, span, pair) for span, pair in ratios):
        return None
    target = math.sqrt(rel["low"] * rel["high"])
    span, pair = min(ratios, key=lambda sp: abs(math.log(sp[0][2] / target)))
    off = min(abs(math.log(span[2] / target)), abs(math.log(span[2] * target)))
    if off > math.log(UNRELATED_PAIR) and rel["direction"] != "equal":
        return None  # "68 % faster" against 0.004x: a version "6" read as a score
    explanation = _explain(rel, pair, span[2], "the closest figures")
    return pair_finding(rel, pair, explanation, Severity.MEDIUM, "figures")


def _against_other_page(rel: pd.Series, source: str, pairs: list[FigurePair]) -> Finding | None:
    """A statement another page's figures turn around: "Pulsar 2.5x Kafka's throughput"
    where the other page measures Kafka at twice Pulsar. Only the direction is checked
    (another page ran another benchmark; sizes may differ, the winner should not)."""
    ratios = [(sp, p) for p in pairs if (sp := goodness_span(rel, p)) is not None]
    if not ratios or rel["direction"] == "equal" or is_gap(rel):
        return None
    tol = _tolerance(str(rel["raw_value"]))
    says_higher = rel["low"] > 1 + tol
    says_lower = rel["high"] < 1 / (1 + tol)
    if not (says_higher or says_lower):
        return None
    against = [
        (sp, p)
        for sp, p in ratios
        if ((sp[1] < 1 / (1 + tol)) if says_higher else (sp[0] > 1 + tol))
    ]
    if len(against) < len(ratios):
        return None  # some pair of the other page agrees
    g, pair = against[0][0][2], against[0][1]
    explanation = (
        f"{rel['raw_value']!r} ({rel['label']}) on {rel['source']} says {rel['a']} against "
        f"{rel['b']}, but {source} measures {pair.a_raw!r} vs {pair.b_raw!r} for "
        f"{pair.metric.replace('_', ' ')}: {_fmt(g)}x, the other way round."
    )
    return make_finding(
        FindingKind.RELATION_MISMATCH,
        Scope.CROSS_SOURCE,
        Severity.MEDIUM,
        f"{rel['a']} + {rel['b']}",
        pair.metric,
        pair.condition or None,
        explanation,
        [rel["claim_id"], pair.a_claim, pair.b_claim],
        rule="other page",
    )


def _chains(relations: pd.DataFrame) -> list[Keyed]:
    """A over B, B over C and A over C on one page: the third must be about the product
    (keyed by the position of the page's first statement, then the chain's on the page)."""
    findings: list[Keyed] = []
    # one to_dict for every page (per page, it was ~20 % of the checks lap at 2,000 pages)
    pages: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for at, record in zip(relations.index, records(relations), strict=True):
        pages.setdefault(record["source"], []).append((int(at), record))
    for source, rows in pages.items():
        first, count = rows[0][0], 0
        edges: dict[tuple[str, str, str], tuple[float, float, dict[str, Any]]] = {}
        for _, rel in rows:
            o = _oriented(rel)
            if o is None or not math.isfinite(o[4]):
                continue
            x, y, cls, low, high = o
            edges.setdefault((x, y, cls), (low, high, rel))
            # "over 40% faster" read from the other side has no lower bound (low 0): no top
            edges.setdefault((y, x, cls), (1 / high, 1 / low if low > 0 else math.inf, rel))
        for (x, y, cls), (l1, h1, r1) in edges.items():
            for (y2, z, cls2), (l2, h2, r2) in edges.items():
                if y2 != y or cls2 != cls or z in (x, y) or x >= z:
                    continue
                third = edges.get((x, z, cls))
                if third is None or r1["claim_id"] == r2["claim_id"]:
                    continue
                l3, h3, r3 = third
                if r3["claim_id"] in (r1["claim_id"], r2["claim_id"]):
                    continue
                if l1 * l2 <= h3 and l3 <= h1 * h2:
                    continue
                explanation = (
                    f"On {source}: {x} over {y} is {_fmt(l1)}-{_fmt(h1)}x ({r1['raw_value']!r}) "
                    f"and {y} over {z} {_fmt(l2)}-{_fmt(h2)}x ({r2['raw_value']!r}), so {x} over "
                    f"{z} should be {_fmt(l1 * l2)}-{_fmt(h1 * h2)}x, but the page says "
                    f"{r3['raw_value']!r} ({_fmt(l3)}-{_fmt(h3)}x)."
                )
                count += 1
                findings.append(
                    (
                        (3, first, count),
                        make_finding(
                            FindingKind.RELATION_MISMATCH,
                            Scope.SAME_PAGE,
                            Severity.MEDIUM,
                            f"{x} + {y} + {z}",
                            None if cls.startswith("speed") else cls,
                            None,
                            explanation,
                            [r1["claim_id"], r2["claim_id"], r3["claim_id"]],
                            rule="chain",
                        ),
                    )
                )
    return findings


def _prepared(relations: pd.DataFrame, reported: Iterable[Finding]) -> pd.DataFrame:
    """The statements left to check (those a diff_mismatch finding cites are left to it),
    with None for a missing b or metric; the index (a statement's position) is kept."""
    cited = {c for f in reported if f.kind is FindingKind.DIFF_MISMATCH for c in f.claim_ids}
    relations = with_unnamed_baselines(relations[~relations["claim_id"].isin(cited)])
    return relations.assign(
        b=relations["b"].astype(object).where(relations["b"].notna(), None),
        metric=relations["metric"].astype(object).where(relations["metric"].notna(), None),
    )


def _numeric(relations: pd.DataFrame) -> pd.DataFrame:
    high, low = relations["high"].astype(float), relations["low"].astype(float)
    return relations[high.map(math.isfinite) & (low > 0)]  # verdicts state no size


def pair_mismatches(
    facts: pd.DataFrame,
    relations: pd.DataFrame,
    config: CheckConfig,
    comparable: pd.DataFrame | None = None,
    reported: Iterable[Finding] = (),
) -> list[Keyed]:
    """Every finding but the chains, keyed by the statements' positions (`relations`' index):
    each reads the statement, the figures of its two entities (its page's, other pages') and
    the statements naming the same two entities, so statements cut by their unordered pair of
    entities give these findings whole (checks.partitioned)."""
    relations = _prepared(relations, reported)
    if relations.empty:
        return []
    keyed: list[Keyed] = []
    # One page's statement turned around by other pages: one finding per page and pair of
    # entities, however often the page restates it and however many pages (or copies of
    # one page) measure the other way round.
    turned: dict[tuple[str, str | None, str | None], tuple[int, list[Finding]]] = {}
    pairs_of, elsewhere = figure_pairs_by_page(facts, relations, config, comparable)
    positions = relations.index.tolist()
    # plain dicts: a Series per row cost seconds
    measured: set[str] = set()  # statements whose sentence gives their two figures
    own_wrong: set[int] = set()  # statements their own page's figures already contradict
    for at, rel in zip(positions, records(relations), strict=True):
        if measured_in_sentence(rel, pairs_of.get(rel["relation_id"], [])):
            measured.add(rel["claim_id"])
        if is_verdict(rel):  # no number: only its direction is checked, on its page
            found = verdict_against_figures(rel, pairs_of.get(rel["relation_id"], []))
        else:
            found = _against_figures(rel, pairs_of.get(rel["relation_id"], []))
            for source, pairs in elsewhere.get(rel["relation_id"], []):
                other = _against_other_page(rel, source, pairs)
                if other is not None:
                    key = (str(rel["source"]), other.entity, other.metric)
                    turned.setdefault(key, (at, []))[1].append(other)
        if found is not None:
            keyed.append(((0, at), found))
            own_wrong.add(at)
    keyed += [((1, at), _merged(group)) for at, group in turned.values()]
    numeric = _numeric(relations)
    at_of = numeric.index.tolist()
    # a phrase naming a metric by one of its words ("less RAM") compares that metric
    named = named_by_words(numeric, config)
    keyed += [
        ((2, at_of[i], at_of[j]), f) for (i, j), f in against_statements(named, frozenset(measured))
    ]
    # two pages agreeing who leads, not by how much (checks.stated_sizes); a side its own
    # page's figures already contradict is that page's finding, not a second one here
    keyed += [
        ((2, at_of[i], at_of[j]), f)
        for (i, j), f in size_mismatches(named)
        if at_of[i] not in own_wrong and at_of[j] not in own_wrong
    ]
    # a page's verdict against its other sizes of the same comparison (checks.verdict_sizes)
    keyed += [((2, at_of[i], at_of[j]), f) for (i, j), f in verdict_size_mismatches(named)]
    # the same digits with the decimal point moved on two pages (checks.decimal_slips)
    figures = comparable if comparable is not None else facts
    keyed += [((2, at_of[i], at_of[j]), f) for (i, j), f in find_decimal_slips(numeric, figures)]
    # "within N %" of each other against another page's far wider gap (checks.stated_bands)
    keyed += band_mismatches(
        numeric, comparable_facts(figures, config) if comparable is None else figures, config
    )
    return keyed


def chain_mismatches(relations: pd.DataFrame, reported: Iterable[Finding] = ()) -> list[Keyed]:
    """Chains of three statements on one page, keyed by the position of the page's first
    statement: they read only the page's own statements (a cut by page gives them whole)."""
    numeric = _numeric(_prepared(relations, reported))
    return _chains(numeric) + _stated_ranges(numeric)


def _stated_ranges(relations: pd.DataFrame) -> list[Keyed]:
    """Each page's covering ranges against its ratio column (checks.stated_ranges), keyed
    after the page's chains."""
    pages: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for at, record in zip(relations.index, records(relations), strict=True):
        pages.setdefault(record["source"], []).append((int(at), record))
    keyed: list[Keyed] = []
    for source, rows in pages.items():
        found = stated_range_mismatches(source, [rel for _, rel in rows])
        keyed += [((4, rows[0][0], n), f) for n, f in enumerate(found)]
    return keyed


def find_relation_mismatches(
    facts: pd.DataFrame,
    relations: pd.DataFrame | None,
    config: CheckConfig,
    comparable: pd.DataFrame | None = None,
    reported: Iterable[Finding] = (),
) -> list[Finding]:
    """Statements the page's own figures do not give, and statements that contradict each
    other on one page or across sources. A statement a `reported` diff_mismatch finding
    already cites is left to it (one root cause, one finding)."""
    if relations is None or relations.empty:
        return []
    relations = relations.reset_index(drop=True)
    reported = list(reported)
    keyed = pair_mismatches(facts, relations, config, comparable, reported)
    return in_order(keyed + chain_mismatches(relations, reported))


def in_order(keyed: Iterable[Keyed]) -> list[Finding]:
    """Keyed findings (from any cut) in the statements' order, one per set of claims."""
    return _once(f for _, f in sorted(keyed, key=lambda k: k[0]))


def _merged(group: list[Finding]) -> Finding:
    """The first finding of a group, resting on the claims of all of them."""
    first = group[0]
    if len(group) == 1:
        return first
    claims = tuple(dict.fromkeys(c for f in group for c in f.claim_ids))
    more = len(group) - 1
    note = f" The same holds for {more} more statement(s) or measuring page(s)."
    return replace(first, claim_ids=claims, explanation=first.explanation + note)


def _once(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per set of claims (a chain also seen as a pair keeps the chain)."""
    seen: dict[tuple[str, ...], Finding] = {}
    for f in findings:
        seen.setdefault(f.claim_ids, f)
    return list(seen.values())
