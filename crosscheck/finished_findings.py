"""The last touches a run's findings get once the reconcile is done, the same on the client
(crosscheck.check_reconcile) and per findings partition on the Dask workers
(crosscheck.dask_findings_notes): this run's near_duplicate findings replace carried ones,
the cross-source findings resting on copies say so, and each finding gets its root cause.
"""

from __future__ import annotations

import pandas as pd

from crosscheck.batches import concat
from crosscheck.checks.root_causes import with_root_causes
from crosscheck.contracts import FINDING_COLUMNS, FindingKind
from crosscheck.reconcile import note_copies


def with_copies(findings: pd.DataFrame, copies: pd.DataFrame) -> pd.DataFrame:
    """The findings with this run's near_duplicate ones: copies are found over every page's
    sketch each run, so one carried from an earlier run is replaced, never doubled."""
    kept = findings[findings["kind"] != FindingKind.NEAR_DUPLICATE.value]
    if copies.empty:
        return kept.reset_index(drop=True)
    return concat([kept, copies], FINDING_COLUMNS)


def finished(
    findings: pd.DataFrame,
    copies: pd.DataFrame,
    facts: pd.DataFrame,
    copy_groups: pd.DataFrame,
    note: bool = True,
) -> pd.DataFrame:
    """`with_copies`, then the notes on copies (`note`: `facts` holds every fact the findings
    cite) and the root causes."""
    out = with_copies(findings, copies)
    if note:
        out = note_copies(out, facts, copy_groups)
    return with_root_causes(out)
