"""Moved to :mod:`crosscheck.common.contracts` (plain contracts) and
:mod:`crosscheck.common.schemas` (pandera models); this name is kept for one release so that
code written against it keeps working. New code imports from ``crosscheck.common``.
"""

from typing import TYPE_CHECKING, Any

from crosscheck.common.contracts import *  # noqa: F403  (re-export for old imports)
from crosscheck.common.contracts import _SEVERITY_ORDER as _SEVERITY_ORDER
from crosscheck.common.units import CANONICAL_UNITS as CANONICAL_UNITS

if TYPE_CHECKING:
    from crosscheck.common.schemas import ClaimModel as ClaimModel
    from crosscheck.common.schemas import FactModel as FactModel
    from crosscheck.common.schemas import FindingModel as FindingModel

#: The pandera models load pandas and pandera (~0.4 s): only for code that asks for them, so a
#: command that imports plain contracts through this name (`crosscheck query`) stays light.
_MODELS = frozenset({"ClaimModel", "FactModel", "FindingModel"})


def __getattr__(name: str) -> Any:
    if name in _MODELS:
        from crosscheck.common import schemas

        return getattr(schemas, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
