"""Moved to :mod:`crosscheck.common.contracts` (plain contracts) and
:mod:`crosscheck.common.schemas` (pandera models); this name is kept for one release so that
code written against it keeps working. New code imports from ``crosscheck.common``.
"""

from crosscheck.common.contracts import *  # noqa: F403  (re-export for old imports)
from crosscheck.common.contracts import _SEVERITY_ORDER as _SEVERITY_ORDER
from crosscheck.common.schemas import ClaimModel as ClaimModel
from crosscheck.common.schemas import FactModel as FactModel
from crosscheck.common.schemas import FindingModel as FindingModel
from crosscheck.common.units import CANONICAL_UNITS as CANONICAL_UNITS
