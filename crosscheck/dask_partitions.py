"""Checks and reconcile as partitioned tasks: the same findings, consensus, reliability and
copy groups as `check_and_reconcile`, with no task holding every fact.

Facts are cut twice by a stable hash: by source for the same-page rules and by entity for the
cross-source rules and the consensus (checks.partitioned, reconcile.partitioned say which rule
needs which key and why). Source reliability is an iterated map-reduce: each round every
entity partition returns per-source counts, the driver sums them and broadcasts the new
reliability. A `Runner` runs the tasks: in this process, or on a Dask cluster where each
partition's state stays on the worker between rounds.

The code lives by concern: the runner, hash and shuffles in crosscheck.dask_shuffle, the
partitioned checks and statements in crosscheck.dask_checks, the partitioned reconcile and
the conflicts' annotation in crosscheck.dask_reconcile. This module names their entry points
in one place.
"""

from __future__ import annotations

from crosscheck.dask_checks import (
    REMOTE_CHECK_TASKS,
    metric_tasks,
    partitioned_checks,
    statement_buckets,
    submit_first_cuts,
    submit_statements,
)
from crosscheck.dask_reconcile import PartitionedResult, partitioned_reconcile
from crosscheck.dask_shuffle import InProcess, Runner, buckets, first, reshuffle, split

__all__ = [
    "REMOTE_CHECK_TASKS", "InProcess", "PartitionedResult", "Runner", "buckets", "first",
    "metric_tasks", "partitioned_checks", "partitioned_reconcile", "reshuffle",
    "split", "statement_buckets", "submit_first_cuts", "submit_statements",
]  # fmt: skip
