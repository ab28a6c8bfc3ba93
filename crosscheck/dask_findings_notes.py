"""The reconcile's work on findings left on the Dask workers (crosscheck.dask_findings): the
claims they flag, the facts they cite, the conflicts' consensus sentences, the notes on
copies and the near_duplicate findings, each by findings partition where it is. The client
submits tasks and gathers a few numbers per partition, never a finding.

Per partition this gives what `check_and_reconcile` gives the whole frame on the client:
`flagged_claims`, `held_voters`' cited rows, `dask_reconcile._annotate` (the same homes and
tasks: an annotation reads only its finding, its entity partition and that partition's
consensus) and `finished_findings.finished` (the same function).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from crosscheck.common.contracts import FACT_COLUMNS, FINDING_COLUMNS, FindingKind
from crosscheck.dask_copies import findings_at
from crosscheck.dask_held import _cited_rows, _read_claims, cited_stack
from crosscheck.dask_reconcile import (
    SEVERAL,
    annotate_task,
    consensus_of,
    finding_homes,
    of_entities,
)
from crosscheck.dask_shuffle import Runner, buckets, combine
from crosscheck.finished_findings import finished
from crosscheck.reconcile import ReconcileConfig, annotate_conflicts, flagged_claims


def flagged_left(runner: Runner, parts: list[Any], extra: frozenset[str] | None) -> Any:
    """A handle on the claims the findings flag (`flagged_claims`), with `extra` ones."""
    flags = [runner.submit(flagged_claims, part) for part in parts]
    return runner.submit(_union, extra or frozenset(), *flags)


def _union(*sets: frozenset[str]) -> frozenset[str]:
    return frozenset().union(*sets)


def cited_left(runner: Runner, findings: list[Any], facts: list[Any]) -> Any:
    """A handle on the (claim, entity, page) rows of the facts the findings cite
    (`dask_held.cited`), stacked on a worker."""
    wanted = runner.submit(_wanted, *(runner.submit(_read_claims, part) for part in findings))
    return runner.submit(cited_stack, *(runner.submit(_cited_rows, p, wanted) for p in facts))


def _wanted(*claims: set[str]) -> list[str]:
    return sorted(set().union(*claims))


def annotated_left(
    runner: Runner,
    findings: list[Any],
    facts: list[Any],
    consensus: list[Any] | None,
    copy_groups: pd.DataFrame | Any,
    config: ReconcileConfig,
    cited: Any,
    copies: pd.DataFrame | Any,
) -> tuple[list[Any], int]:
    """Each findings partition annotated, noted and with the near_duplicate findings of its
    entities, ready for the lake; and how many findings they hold. `copy_groups` and
    `copies` (the near_duplicate findings): frames, or handles on them on the runner
    (crosscheck.dask_copies.KeptCopies: cut there by findings partition)."""
    n = runner.partitions
    here = isinstance(copies, pd.DataFrame)
    groups = runner.put(copy_groups) if isinstance(copy_groups, pd.DataFrame) else copy_groups
    copy_at = buckets(copies["entity"], n) if here and len(copies) else np.zeros(0, dtype=np.int64)
    out = []
    if consensus is None:  # no consensus (no voter): annotated as `_no_consensus` does
        texts_of = [[runner.submit(_annotate_none, part, groups)] for part in findings]
        homes = [None] * len(findings)
    else:
        homes = [runner.submit(_homes_of, part, cited, n) for part in findings]
        several = runner.gather([runner.submit(_involved, h, n) for h in homes])
        texts_of = []
        for j, part in enumerate(findings):
            texts = [
                runner.submit(
                    _annotate_home, part, homes[j], i, facts[i], consensus[i], groups, config
                )
                for i in range(n)
            ]
            if several[j]:
                entities = runner.submit(_several_entities, homes[j])
                pieces = [runner.submit(of_entities, facts[b], entities) for b in several[j]]
                theirs = [runner.submit(of_entities, consensus[b], entities) for b in several[j]]
                texts.append(
                    runner.submit(
                        _annotate_home, part, homes[j], SEVERAL,
                        runner.submit(combine, *pieces), runner.submit(consensus_of, *theirs),
                        groups, config,
                    )
                )  # fmt: skip
            texts_of.append(texts)
    for j, part in enumerate(findings):
        if here:
            mine = copies[copy_at == j] if len(copies) else copies
        else:
            mine = runner.submit(findings_at, copies, j, n)
        out.append(runner.submit(_finished, part, mine, cited, groups, *texts_of[j]))
    rows = sum(runner.gather([runner.submit(len, part) for part in out]))
    return out, rows


def _homes_of(
    findings: pd.DataFrame, cited: pd.DataFrame, n: int
) -> tuple[np.ndarray, dict[int, set[str]]]:
    """`dask_reconcile.finding_homes` of one findings partition."""
    if findings.empty:
        return np.zeros(0, dtype=np.int64), {}
    conflict = (findings["kind"] == FindingKind.CONFLICT.value).to_numpy(dtype=bool)
    return finding_homes(findings, conflict, cited, n)


def _involved(homes: tuple[np.ndarray, dict[int, set[str]]], n: int) -> list[int]:
    """The entity partitions the findings of several partitions need (none: no such)."""
    at, named = homes
    several = np.flatnonzero(at == SEVERAL).tolist()
    if not several:
        return []
    entities = sorted({e for i in several for e in named[i]})
    return sorted(set(buckets(pd.Series(entities, dtype=object), n).tolist()))


def _several_entities(homes: tuple[np.ndarray, dict[int, set[str]]]) -> list[str]:
    at, named = homes
    return sorted({e for i in np.flatnonzero(at == SEVERAL).tolist() for e in named[i]})


def _annotate_home(
    findings: pd.DataFrame,
    homes: tuple[np.ndarray, dict[int, set[str]]],
    home: int,
    facts: pd.DataFrame,
    consensus: pd.DataFrame,
    copy_groups: pd.DataFrame,
    config: ReconcileConfig,
) -> tuple[np.ndarray, np.ndarray]:
    """(positions, explanations) of the findings at `home`, annotated there."""
    mine = np.flatnonzero(homes[0] == home)
    if not len(mine):
        return mine, np.empty(0, dtype=object)
    chosen = findings.iloc[mine][FINDING_COLUMNS].reset_index(drop=True)
    return mine, annotate_task(chosen, facts, consensus, copy_groups, config)


def _annotate_none(findings: pd.DataFrame, copy_groups: pd.DataFrame) -> tuple[Any, Any]:
    from crosscheck.reconcile.consensus import _empty

    if findings.empty:
        return np.zeros(0, dtype=np.int64), np.empty(0, dtype=object)
    empty = _empty(copy_groups)
    done = annotate_conflicts(
        findings[FINDING_COLUMNS].reset_index(drop=True), pd.DataFrame(columns=FACT_COLUMNS),
        empty.reconciled, copy_groups=copy_groups,
    )  # fmt: skip
    return np.arange(len(findings)), done["explanation"].to_numpy(dtype=object)


def _finished(
    findings: pd.DataFrame,
    copies: pd.DataFrame,
    cited: pd.DataFrame,
    copy_groups: pd.DataFrame,
    *texts: tuple[np.ndarray, np.ndarray],
) -> pd.DataFrame:
    """A findings partition as the lake takes it: its explanations annotated, the
    near_duplicate findings of its entities added, notes on copies, root causes."""
    out = findings[FINDING_COLUMNS].reset_index(drop=True)
    if texts and len(out):
        explanations = out["explanation"].to_numpy(dtype=object, copy=True)
        for positions, done in texts:
            explanations[positions] = done
        out["explanation"] = pd.Series(explanations, dtype=out["explanation"].dtype)
    return finished(out, copies, cited, copy_groups)


__all__ = ["annotated_left", "cited_left", "flagged_left"]
