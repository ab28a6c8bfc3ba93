"""Checks stage: facts → findings, before anything is loaded.

Public entry point: :func:`run_checks`. Each finding kind has its own module with one function
from facts to findings; the pandera contracts are applied by :mod:`checks.contracts` and the
Great Expectations suite over the warehouse lives in :mod:`checks.suite` (imported lazily).
"""

from __future__ import annotations

from crosscheck.checks.config import CheckConfig
from crosscheck.checks.run import ChecksResult, run_checks

__all__ = ["CheckConfig", "ChecksResult", "run_checks"]
