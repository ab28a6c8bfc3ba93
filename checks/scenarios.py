"""Scenarios of prose figures: which measurement a sentence's figure belongs to.

Why: a page that narrates two benchmarks in prose (a vendor's synthetic numbers, then a
production-like run; a plain run, then one "in pipeline mode") gives one entity several
figures of one metric without naming the difference in the metric's qualifier. Two figures of
different scenarios are two measurements, never the two sides of a same-page conflict.

A prose figure's scenario is made of
- the condition markers its sentence names (checks/data/scenario_markers.toml: a CLI flag, an
  instance type, a thread count, "synthetic", "for GET"...), and
- its result set: where the page reports one set of entities twice with several of their
  figures changed, the second report is another run (a slip changes one figure, not most);
- the name its sentence opens with, when that is not the entity's (checks.subjects);
- its output line: a line a tool prints once per benchmarked thing ("Requests per second:
  N [#/sec] (mean)"), repeated with only its numbers changed three times or more, reports one
  thing each time, whatever name the page's lines between give (or fail to give) each.
Table figures take their conditions from the table itself; but a page that repeats one table
(same entities, same columns, no caption telling the copies apart: one per load level or
dataset) with most figures changed reports other runs too, found by the same result-set rule
with each table as one place ("table run N").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.subjects import other_subject

__all__ = ["SCENARIO", "THIRD_PARTY", "markers_of", "reported_paragraphs", "with_scenarios"]

SCENARIO = "scenario"
# Two reports of one result set are two runs when this many shared entities disagree
# (and at least half of those they share): one changed figure is a slip to report.
_RUN_MIN_CHANGED = 2
# A line written alike (numbers aside) this many times or more is a tool's per-item output.
_OUTPUT_LINES = 3
_NUMBER = re.compile(r"\d[\d,.]*")
_DIGITS = re.compile(r"(\d+)")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")  # "in-memory" and "in memory" are one marker
_TABLE = r"^(table \d+)\b"  # the table a table figure's locator names
# A prose figure's paragraph and where its sentence starts in it ("paragraph 6 sentence at 0")
_LEAD = re.compile(r"^(paragraph \d+) sentence at (\d+)\b")
THIRD_PARTY = "claimed by a third party"  # the named marker of scenario_markers.toml
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]urs?|[Mm]y|us|me)\b")


@functools.cache
def _patterns() -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """One alternation of the data file's markers (the text matched is the marker) and its
    named markers (several spellings, one name)."""
    doc = read_words("scenario_markers.toml")
    markers = doc.get("markers", [])
    named = tuple(
        (str(name), re.compile(pattern, re.IGNORECASE))
        for name, pattern in doc.get("named", {}).items()
    )
    return re.compile("|".join(f"(?:{m})" for m in markers), re.IGNORECASE), named


@functools.lru_cache(maxsize=16384)
def markers_of(sentence: str) -> str:
    """The condition markers a sentence names, lower-cased, de-duplicated and sorted:
    "In pipeline mode `--pipeline=30`, X reaches 15M QPS" → "--pipeline=30; in pipeline mode"."""
    written, named = _patterns()
    found = {
        _HYPHEN.sub(" ", " ".join(m.group(0).lower().split())) for m in written.finditer(sentence)
    }
    found |= {name for name, pattern in named if pattern.search(sentence)}
    return "; ".join(sorted(found))


def reported_paragraphs(page: pd.DataFrame) -> frozenset[tuple[str, str]]:
    """(source, "paragraph N") of the paragraphs whose first sentence reports someone else's
    claim ("According to the vendor, ..."): read from every prose figure of the pages
    (columns source, locator, evidence)."""
    if page.empty or not {"source", "locator", "evidence"} <= set(page.columns):
        return frozenset()
    _, named = _patterns()
    third = [pattern for name, pattern in named if name == THIRD_PARTY]
    if not third:
        return frozenset()
    out = set()
    # only a paragraph's first sentences are read (one vectorized test, then a loop)
    first = page[page["locator"].astype(str).str.contains(" sentence at 0 ", regex=False)]
    for source, locator, evidence in zip(
        first["source"].tolist(), first["locator"].tolist(), first["evidence"].tolist(), strict=True
    ):
        found = _LEAD.match(str(locator))
        if found and found.group(2) == "0" and evidence and third[0].search(str(evidence)):
            out.add((str(source), found.group(1)))
    return frozenset(out)


def _inherits(sentence: str, source: object, locator: object, reported: frozenset) -> bool:
    """Whether a sentence carries on the report its paragraph opened ("He also claimed...",
    "In addition, ... scored 300"): in such a paragraph, not the writer's own words (I, we)."""
    found = _LEAD.match(str(locator))
    if found is None or (str(source), found.group(1)) not in reported:
        return False
    return _FIRST_PERSON.search(sentence) is None


def with_scenarios(
    df: pd.DataFrame, family: Sequence[str], reported: frozenset[tuple[str, str]] = frozenset()
) -> pd.DataFrame:
    """`df` with a SCENARIO column. `family` names the columns of one measured quantity on one
    page apart from the entity (source, metric, qualifier, unit): result sets are sought among
    the prose figures of each family. Needs columns entity, row_key, evidence, cmp_lo, cmp_hi.
    `reported` (reported_paragraphs) names paragraphs that report a third party's claim: their
    sentences carry that marker even when they do not repeat the "according to"."""
    scenario = np.full(len(df), "", dtype=object)
    if df.empty or not {"row_key", "evidence"} <= set(df.columns):
        return df.assign(**{SCENARIO: scenario})
    prose = df["row_key"].isna().to_numpy() & df["evidence"].notna().to_numpy()
    evidence = df["evidence"].to_numpy(dtype=object)
    marks = [markers_of(str(e)) if p else "" for e, p in zip(evidence, prose, strict=True)]
    if reported and {"source", "locator"} <= set(df.columns):
        sources, locators = df["source"].tolist(), df["locator"].tolist()
        for i in np.flatnonzero(prose):
            sentence = str(evidence[i])
            if THIRD_PARTY in marks[i] or not _inherits(
                sentence, sources[i], locators[i], reported
            ):
                continue
            marks[i] = "; ".join(sorted(filter(None, [*marks[i].split("; "), THIRD_PARTY])))
    if "entity" in df.columns:  # a sentence that opens with another product's name
        entities = df["entity"].to_numpy(dtype=object)
        for i in np.flatnonzero(prose):
            subject = other_subject(str(evidence[i]), str(entities[i]))
            if subject:
                marks[i] = "; ".join(filter(None, [marks[i], f"about {subject}"]))
    runs = np.zeros(len(df), dtype=np.int64)
    lines: dict[int, int] = {}
    at_prose = np.flatnonzero(prose)
    if at_prose.size:
        sub = df.iloc[at_prose]
        # the columns a run reads, once (a frame per family cost a take of every column)
        read = [c for c in ("evidence", "locator", "entity", "cmp_lo", "cmp_hi") if c in sub]
        columns = {c: sub[c].to_numpy() for c in read}
        if "locator" in columns:
            columns["locator"] = sub["locator"].astype(str).to_numpy(dtype=object)
        for _, at in sub.groupby(list(family), sort=False, dropna=False).indices.items():
            runs[at_prose[at]] = _runs({c: values[at] for c, values in columns.items()})
            lines.update(_output_lines(evidence[at_prose[at]], columns["entity"][at], at_prose[at]))
    for i in np.flatnonzero(prose):
        number = lines.get(int(i), 0)
        line = f"output line {number}" if number else ""
        parts = [p for p in (marks[i], f"run {runs[i]}" if runs[i] else "", line) if p]
        scenario[i] = " | ".join(parts)
    for row, run in _table_runs(df, family).items():
        scenario[row] = f"table run {run}"
    return df.assign(**{SCENARIO: scenario})


def _output_lines(evidence: np.ndarray, entities: np.ndarray, rows: np.ndarray) -> dict[int, int]:
    """Per row (of `rows`) whose sentence is one of three or more distinct lines written
    alike but for their numbers and given to one entity, which of those lines it is (1, 2...).
    Two such lines of an entity (a list's two items "16,000+ GitHub stars and ...", "70,000+
    GitHub stars and ...") stay one figure stated twice."""
    if len(evidence) < _OUTPUT_LINES:
        return {}
    texts = [str(e) for e in evidence]
    shapes: dict[tuple[object, str], list[str]] = {}
    for entity, text in dict.fromkeys(zip(entities.tolist(), texts, strict=True)):
        shapes.setdefault((entity, _NUMBER.sub("#", text)), []).append(text)
    numbered = {
        (entity, text): n
        for (entity, _), alike in shapes.items()
        if len(alike) >= _OUTPUT_LINES
        for n, text in enumerate(alike, start=1)
    }
    return {
        int(row): numbered[(e, t)]
        for row, e, t in zip(rows, entities.tolist(), texts, strict=True)
        if (e, t) in numbered
    }


def _table_runs(df: pd.DataFrame, family: Sequence[str]) -> dict[int, int]:
    """Positions of table figures in a later run than their family's first table (a page that
    repeats a table under conditions it does not name) and that run's number."""
    if "locator" not in df.columns:
        return {}
    tables = df["locator"].astype(str).str.extract(_TABLE, expand=False)
    in_table = df["row_key"].notna().to_numpy() & tables.notna().to_numpy()
    at_table = np.flatnonzero(in_table)
    out: dict[int, int] = {}
    if at_table.size < 4:
        return out
    sub = df.iloc[at_table]
    places = tables.to_numpy(dtype=object)[at_table]
    columns = {
        "evidence": places,
        "locator": places,
        "entity": sub["entity"].to_numpy(),
        "cmp_lo": sub["cmp_lo"].to_numpy(),
        "cmp_hi": sub["cmp_hi"].to_numpy(),
    }
    for _, at in sub.groupby(list(family), sort=False, dropna=False).indices.items():
        if len(set(places[at])) < 2:
            continue
        runs = _runs({c: values[at] for c, values in columns.items()})
        out.update({int(at_table[at[j]]): int(r) for j, r in enumerate(runs) if r})
    return out


def _runs(rows: Mapping[str, np.ndarray]) -> np.ndarray:
    """Per row of one family's prose figures, the run (0, 1, ...) its sentence reports.

    Sentences are read in page order; a sentence joins the first run it agrees with on every
    entity they share, starts a new run when it disagrees with each earlier run on several
    entities, and otherwise stays in the run it disagrees with least (so that a single
    changed figure remains a conflict)."""
    evidence = np.asarray(rows["evidence"], dtype=object)
    run_of = np.zeros(len(evidence), dtype=np.int64)
    places = list(pd.unique(evidence))
    if len(places) < 2:
        return run_of
    if "locator" in rows:  # page order: "paragraph 10" after "paragraph 9"
        locators = rows["locator"]
        first = {place: _natural(locators[np.argmax(evidence == place)]) for place in places}
        places.sort(key=first.__getitem__)
    entities = np.asarray(rows["entity"], dtype=object)
    lo, hi = np.asarray(rows["cmp_lo"], dtype=float), np.asarray(rows["cmp_hi"], dtype=float)
    runs: list[dict[object, tuple[float, float]]] = []
    for place in places:
        at = np.flatnonzero(evidence == place)
        figures: dict[object, tuple[float, float]] = {}
        for i in at:
            figures.setdefault(entities[i], (lo[i], hi[i]))
        chosen = _choose_run(runs, figures)
        if chosen == len(runs):
            runs.append({})
        for entity, bounds in figures.items():
            runs[chosen].setdefault(entity, bounds)
        run_of[at] = chosen
    return run_of


def _natural(locator: str) -> tuple:
    """A sort key that orders the numbers of a locator by value ("paragraph 9" < "10")."""
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in _DIGITS.split(locator) if t)


def _choose_run(runs: list[dict[object, tuple[float, float]]], figures: dict) -> int:
    """The index of the run a sentence's figures belong to (len(runs) for a new run)."""
    best, fewest = 0, None
    overlapping = []
    for index, run in enumerate(runs):
        shared = [e for e in figures if e in run]
        if not shared:
            continue
        changed = sum(1 for e in shared if not _agree(figures[e], run[e]))
        if not changed:
            return index
        overlapping.append(run)
        if fewest is None or changed < fewest:
            best, fewest = index, changed
    if overlapping and len(figures) >= 2 and all(_changed_enough(figures, r) for r in overlapping):
        return len(runs)
    return best if runs else 0


def _changed_enough(figures: dict, run: dict) -> bool:
    shared = [e for e in figures if e in run]
    changed = sum(1 for e in shared if not _agree(figures[e], run[e]))
    return changed >= _RUN_MIN_CHANGED and 2 * changed >= len(shared)


def _agree(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]
