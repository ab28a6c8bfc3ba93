"""crosscheck: extract, normalize, check, reconcile and load figures from comparison pages.

Kept import-light on purpose: `crosscheck --help` must not import pandas or Great Expectations.
"""

__version__ = "0.1.0"


from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crosscheck.api import run
    from crosscheck.runner import RunResult, StepInfo

__all__ = ["RunResult", "StepInfo", "__version__", "run"]

_LAZY = {"run": "crosscheck.api", "RunResult": "crosscheck.runner", "StepInfo": "crosscheck.runner"}


def __getattr__(name: str) -> Any:
    """`crosscheck.run` and its result types, imported on first use (the package stays light)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'crosscheck' has no attribute {name!r}")
