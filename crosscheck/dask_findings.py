"""The Dask engine's findings stay on the workers (issue 19): the per-page cap, the finding ids
and the root causes run where the findings are, so the client never gathers them.

Each check task's findings become rows on its worker (`prepared`): the finding, its place in
`run_checks`' order (rule, cut, partition, position), its pages, the place of its earliest
evidence, its evidence keys and its id, all read from the facts that task cites (a finding
cites facts of its own cut). The rows are shuffled by cap group (kind × set of pages: a group
lies whole in one bucket, so each bucket caps exactly as checks.caps does over every finding),
then by entity (findings that share a root cause share their entity and metric:
checks.root_causes), where duplicates of an id (same evidence, hence the same cap bucket) are
dropped as `findings_frame` drops them. crosscheck.dask_findings_notes annotates them there and
the lake receives them by entity bucket (crosscheck.dask_lake); the client keeps handles and
counts only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from crosscheck import dask_statements as held_statements
from crosscheck.checks import CheckConfig
from crosscheck.checks.caps import (
    NO_PLACE,
    SUMMARY_RULE,
    cap_summary,
    earliest_place,
    pages_of,
    place_of,
    rank_key,
)
from crosscheck.checks.findings import Finding, evidence_keys, finding_id
from crosscheck.checks.partitioned import (
    Checked,
    Family,
    merge_statements,
)
from crosscheck.checks.root_causes import with_root_causes
from crosscheck.checks.rules import RULES
from crosscheck.common.contracts import FINDING_COLUMNS, FindingKind, Scope, Severity
from crosscheck.common.shared_strings import expanded
from crosscheck.dask_checks import (
    metric_tasks,
    submit_first_cuts,
    submit_statements,
)
from crosscheck.dask_shuffle import Runner, cut_part, piece_of
from crosscheck.dask_statements import HeldStatements

#: A finding's place in `run_checks`' order: rule, the rule's cut, partition, position.
ORDER = ["o_rule", "o_cut", "o_part", "o_pos"]
#: The statements' findings come after every rule's, the cap's summaries after those.
STATEMENTS_AT = len(RULES)
SUMMARIES_AT = len(RULES) + 1


@dataclass
class LeftFindings:
    """The run's findings by entity partition on the runner (`parts`) and how many
    findings the checks gave before the cap (for the cap's whole-run shortcut)."""

    parts: list[Any]
    checked: int


def left_checks(
    runner: Runner,
    page_parts: list[Any],
    pages: pd.DataFrame,
    relations: pd.DataFrame | HeldStatements | None,
    config: CheckConfig,
    keep: dict[str, list[Any]],
    cuts: dict[str, list[Any]] | None = None,
) -> LeftFindings:
    """`dask_checks.partitioned_checks` whose findings stay on the runner: the same
    rules and cuts; the client gathers counts only (the diff_mismatch findings the
    statements read are stacked on the runner too)."""
    n = runner.partitions
    # each page task cuts the figures each pair bucket of statements reads: buckets cut from
    # a frame, or where the workers kept the statements (crosscheck.dask_statements)
    held_pages: list[Any] = []
    if isinstance(relations, HeldStatements):
        pairs, held_pages = held_statements.cut(runner, relations)
        keep["statements"] = pairs
        cut = submit_first_cuts(runner, page_parts, pages, config, cuts, None, pairs)
    else:
        cut = submit_first_cuts(runner, page_parts, pages, config, cuts, relations)
    page_tasks, entity_parts, no_pages, by = cut.page_tasks, cut.entity_parts, cut.no_pages, cut.by
    tasks: dict[Family, list[Any]] = {Family.PAGE: page_tasks, Family.ENTITY: cut.entity_tasks}
    # the metric cut over the metrics the page partitions name (dask_checks.metric_tasks)
    limits = runner.gather([runner.submit(_metric_limit, t) for t in page_tasks])
    tasks[Family.METRIC] = metric_tasks(runner, limits, page_parts, config, no_pages, by)
    keep["page"], keep["entity"] = page_parts, entity_parts
    submit = _statements(runner, page_parts, relations, config, cut.statements, held_pages)
    statements = None
    if submit is not None:
        early = _reported(runner, {Family.PAGE: page_tasks})
        pending = submit(early)
        found = _reported(runner, tasks)
        counts = runner.gather([runner.submit(len, early), runner.submit(len, found)])
        if counts[0] != counts[1]:  # another cut's rule reported one
            pending = submit(found)
        statements = runner.submit(_merged_statements, *pending)
    ready = [
        runner.submit(prepared, task, family.value, i)
        for family, handles in tasks.items()
        for i, task in enumerate(handles)
    ]
    if statements is not None:
        ready.append(runner.submit(prepared, statements, None, 0))
    checked = sum(runner.gather([runner.submit(len, r) for r in ready]))
    capping = 0 < config.max_findings_per_page < checked
    capped = [
        runner.submit(cap_bucket, config.max_findings_per_page, capping, *pieces)
        for pieces in _shuffled(runner, ready, "group", n)
    ]
    parts = [
        runner.submit(entity_bucket, *pieces) for pieces in _shuffled(runner, capped, "entity", n)
    ]
    return LeftFindings(parts, checked)


def _statements(
    runner: Runner,
    page_parts: list[Any],
    relations: pd.DataFrame | HeldStatements | None,
    config: CheckConfig,
    inputs: list[tuple[Any, list[Any]]] | None,
    held_pages: list[Any],
) -> Callable[[Any], list[Any]] | None:
    """What submits the statements' tasks given a handle on the diff_mismatch findings
    reported (None: no statement): each pair bucket with the figures the page tasks cut
    for it (`inputs`), and the chains by page, from the client's frame or from the page
    partitions cut where the workers kept the statements (`held_pages`,
    crosscheck.dask_statements)."""
    if relations is None or not inputs:
        return None
    if isinstance(relations, HeldStatements):
        return lambda found: held_statements.submit_statements(
            runner, page_parts, held_pages, config, found, inputs
        )
    frame = relations
    return lambda found: submit_statements(runner, page_parts, frame, config, found, inputs)


def _metric_limit(checked: Checked) -> frozenset[str] | None:
    return checked.metrics


def _reported(runner: Runner, tasks: dict[Family, list[Any]]) -> Any:
    """A handle on the diff_mismatch findings of the tasks in `checks.partitioned.ordered`'s
    order, stacked on the runner: the statements' tasks take it, the client never holds
    them."""
    keyed = [
        runner.submit(_reported_of, task, family.value, i)
        for family, handles in tasks.items()
        for i, task in enumerate(handles)
    ]
    return runner.submit(_in_order, *keyed)


def _in_order(*parts: list[tuple[tuple, Finding]]) -> list[Finding]:
    return [f for _, f in sorted((k for part in parts for k in part), key=lambda k: k[0])]


def _reported_of(checked: Checked, family: str, partition: int) -> list[tuple[tuple, Finding]]:
    return [
        (key, f)
        for key, f in _keyed(checked, family, partition)
        if f.kind is FindingKind.DIFF_MISMATCH
    ]


def _keyed(
    checked: Checked, family: str | None, partition: int
) -> list[tuple[tuple[int, int, int, int], Finding]]:
    """Each finding of a task with its place in `checks.partitioned.ordered`'s order (the
    statements' after every rule's, in their own order)."""
    if family is None:
        return [((STATEMENTS_AT, 0, 0, p), f) for p, f in enumerate(checked.by_rule[0])]
    out = []
    for at, found in enumerate(checked.by_rule):
        if not found:
            continue
        cuts = list(dict.fromkeys(part.family.value for part in RULES[at].parts))
        cut = cuts.index(family)
        out += [((at, cut, partition, p), f) for p, f in enumerate(found)]
    return out


def _merged_statements(*parts: Any) -> Checked:
    return merge_statements(parts)


def prepared(checked: Checked, family: str | None, partition: int) -> pd.DataFrame:
    """One task's findings as rows (on its worker): each finding's fields, its order, cap
    group, earliest evidence place, evidence keys and id, read from the facts it cites."""
    keyed = _keyed(checked, family, partition)
    cited = checked.cited
    if len(cited):
        cited = expanded(cited.drop_duplicates("claim_id"))
    found = [f for _, f in keyed]
    keys = evidence_keys(cited, found) if len(cited) and found else {}
    source_of = (
        dict(zip(cited["claim_id"], cited["source"], strict=True)) if "source" in cited else {}
    )
    places = place_of(cited) if len(cited) else {}
    rows = [_row(key, f, keys, source_of, places) for key, f in keyed]
    return pd.DataFrame(rows, columns=_PREPARED)


_PREPARED = [
    *ORDER, "finding_id", "kind", "scope", "severity", "entity", "metric", "qualifier",
    "explanation", "claim_ids", "rule", "pages", "group", "place", "keys",
]  # fmt: skip


def _row(
    key: tuple[int, int, int, int],
    f: Finding,
    keys: dict[str, str],
    source_of: dict[str, str],
    places: dict[str, tuple[str, ...]],
) -> tuple[Any, ...]:
    pages = pages_of(f, source_of)
    return (
        *key, finding_id(f, keys or None), f.kind.value, f.scope.value, f.severity.value,
        f.entity, f.metric, f.qualifier, f.explanation, f.claim_ids, f.rule, pages,
        f.kind.value + "\x1e" + "\x1f".join(pages), earliest_place(f, places),
        tuple(keys.get(c, c) for c in f.claim_ids),
    )  # fmt: skip


def _shuffled(runner: Runner, parts: list[Any], column: str, n: int) -> list[list[Any]]:
    """Per bucket of `column`, its piece of every part (still on the runner)."""
    cuts = [runner.submit(cut_part, part, column, n) for part in parts]
    return [[runner.submit(piece_of, cut, i) for cut in cuts] for i in range(n)]


def _stacked(pieces: Sequence[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """Pieces of several tasks in `run_checks`' order."""
    present = [p for p in pieces if len(p)]
    if not present:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(present, ignore_index=True)
    return frame.sort_values(ORDER, kind="stable").reset_index(drop=True)


def cap_bucket(per_page: int, capping: bool, *pieces: pd.DataFrame) -> pd.DataFrame:
    """One cap bucket's findings capped per kind and set of pages (checks.caps.cap_findings,
    whose groups lie whole here), as FINDING_COLUMNS rows with their order, one per id."""
    frame = _stacked(pieces, _PREPARED)
    if capping and len(frame):
        frame = _capped(frame, per_page)
    frame = frame.drop_duplicates("finding_id")  # the first of each id (findings_frame)
    out = frame[[*ORDER, *FINDING_COLUMNS[:-1]]].copy()
    out["claim_ids"] = [list(c) for c in out["claim_ids"]]
    out["root_cause"] = out["finding_id"]
    return out.reset_index(drop=True)


def _capped(frame: pd.DataFrame, per_page: int) -> pd.DataFrame:
    """`cap_findings` over a bucket's rows in order: dropped rows out, summaries appended."""
    groups: dict[str, list[int]] = {}
    for at, group in enumerate(frame["group"].tolist()):
        groups.setdefault(group, []).append(at)
    dropped: list[int] = []
    summaries: list[tuple[Any, ...]] = []
    for members in groups.values():
        pages = frame["pages"].iat[members[0]]
        if len(members) <= per_page or not pages:
            continue
        findings = {at: _finding(frame, at) for at in members}
        ranked = sorted(members, key=lambda at: _rank(frame, findings[at], at))
        over = ranked[per_page:]
        dropped += over
        summary = cap_summary([findings[at] for at in over], pages, per_page)
        head = over[0]
        keys = dict(zip(frame["claim_ids"].iat[head], frame["keys"].iat[head], strict=True))
        summaries.append(
            (
                SUMMARIES_AT, *(int(frame[c].iat[members[0]]) for c in ORDER[1:]),
                finding_id(summary, keys), summary.kind.value, summary.scope.value,
                summary.severity.value, None, None, None, summary.explanation,
                summary.claim_ids, SUMMARY_RULE, pages, "", NO_PLACE, (),
            )
        )  # fmt: skip
    kept = frame.drop(index=frame.index[dropped])
    if not summaries:
        return kept
    return pd.concat([kept, pd.DataFrame(summaries, columns=_PREPARED)], ignore_index=True)


def _finding(frame: pd.DataFrame, at: int) -> Finding:
    row = frame.iloc[at]
    return Finding(
        FindingKind(row["kind"]), Scope(row["scope"]), Severity(row["severity"]),
        row["entity"], row["metric"], row["qualifier"], row["explanation"],
        tuple(row["claim_ids"]), row["rule"],
    )  # fmt: skip


def _rank(frame: pd.DataFrame, finding: Finding, at: int) -> tuple[Any, ...]:
    """`checks.caps.rank_key`, with the earliest evidence place read in the finding's task."""
    return rank_key(finding, frame["place"].iat[at])


def entity_bucket(*pieces: pd.DataFrame) -> pd.DataFrame:
    """One entity bucket's findings in order, one per id, with their root causes (a root
    cause's findings share an entity and a metric: all here)."""
    frame = _stacked(pieces, [*ORDER, *FINDING_COLUMNS])
    frame = frame.drop_duplicates("finding_id").reset_index(drop=True)
    return with_root_causes(frame)


def order_free(frame: pd.DataFrame) -> pd.DataFrame:
    """FINDING_COLUMNS of a bucket's rows (the order columns dropped)."""
    return frame[FINDING_COLUMNS]


__all__ = ["ORDER", "LeftFindings", "cap_bucket", "entity_bucket", "left_checks", "prepared"]
