"""Processor model names a page writes ("Core i5-5300U", "i5-4200U", "Ryzen 7 7840U"): each is
a name of its own, not a spec of the laptop or phone it sits in.

Why: reviews give a processor's clocks and core counts beside the machine's battery and
weight; no gazetteer lists every model code. The families' shapes are data (prose.toml)."""

from __future__ import annotations

import re
from functools import lru_cache

from crosscheck.ingest.lexicon import word_list

# every shape in chip_name_patterns holds one of these: a page without any has no chip name
_HINT = re.compile(r"i[3579]-\d|Core |Ryzen |Snapdragon |Xeon |Dimensity |Exynos ")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    shapes = "|".join(word_list("chip_name_patterns"))
    return re.compile(rf"(?<![\w-])(?:{shapes})(?![\w-])")


def chip_names(texts: list[str]) -> list[str]:
    """The processor model names of a page's texts, in page order, each once."""
    names: dict[str, None] = {}
    for text in texts:
        if _HINT.search(text):
            for found in _pattern().finditer(text):
                names[found.group()] = None
    return list(names)
