"""Processor model names a page writes ("Core i5-5300U", "i5-4200U", "Ryzen 7 7840U"): each is
a name of its own, not a spec of the laptop or phone it sits in.

Why: reviews give a processor's clocks and core counts beside the machine's battery and
weight; no gazetteer lists every model code. The families' shapes are data (prose.toml)."""

from __future__ import annotations

import re
from functools import lru_cache

from crosscheck.ingest.lexicon import word_list


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    shapes = "|".join(word_list("chip_name_patterns"))
    return re.compile(rf"(?<![\w-])(?:{shapes})(?![\w-])")


@lru_cache(maxsize=1)
def _hints() -> tuple[str, ...]:
    return tuple(word_list("chip_name_hints"))


def chip_names(texts: list[str]) -> list[str]:
    """The processor model names of a page's texts, in page order, each once (the pattern is
    asked only of a page holding one of the hints as a plain substring)."""
    page = "\n".join(texts)
    if not any(hint in page for hint in _hints()):
        return []
    return list(dict.fromkeys(found.group() for found in _pattern().finditer(page)))
