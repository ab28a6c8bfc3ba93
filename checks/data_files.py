"""The checks' word lists (checks/data/*.toml), read from the installed package or the source tree.

Why: five rules read their words from data files; one reader keeps the fallback for a source
checkout run without installation in one place.
"""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any


def read_words(filename: str) -> dict[str, Any]:
    """The parsed TOML document `checks/data/<filename>`."""
    try:
        text = files("crosscheck.checks").joinpath("data", filename).read_text("utf-8")
    except (NotADirectoryError, TypeError, ModuleNotFoundError, FileNotFoundError):
        text = (Path(__file__).resolve().parent / "data" / filename).read_text("utf-8")
    return tomllib.loads(text)
