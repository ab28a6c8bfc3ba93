"""Moved to :mod:`crosscheck.common.contracts` (plain contracts) and
:mod:`crosscheck.common.schemas` (pandera models); this name is kept for one release so that
code written against it keeps working. New code imports from ``crosscheck.common``.
"""

from crosscheck.common.contracts import *  # noqa: F403  (re-export for old imports)
from crosscheck.common.contracts import _SEVERITY_ORDER  # noqa: F401
from crosscheck.common.schemas import ClaimModel, FactModel, FindingModel  # noqa: F401
from crosscheck.common.units import CANONICAL_UNITS  # noqa: F401
