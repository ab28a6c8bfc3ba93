"""The word lists of the table-like text readers (ingest/data/textblocks.toml), read once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from crosscheck.common import toml_cache


@cache
def _data() -> dict[str, list[str]]:
    text = (Path(__file__).parent / "data" / "textblocks.toml").read_text("utf-8")
    return toml_cache.loads(text)


def caption_generic() -> frozenset[str]:
    """Caption words that name no entity ('results', 'for', 'benchmark')."""
    return frozenset(_data()["caption_generic"])


def caption_setup() -> frozenset[str]:
    """Caption words after which the caption names the machine a run used ('my', 'our')."""
    return frozenset(_data()["caption_setup"])


def statistics() -> frozenset[str]:
    """Column names that are statistics of a measurement ('avg', 'stdev', 'p99')."""
    return frozenset(_data()["statistics"])
