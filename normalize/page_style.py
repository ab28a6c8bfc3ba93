"""A page's number style decides the one shape the value alone cannot: "1.234".

Why: "1.234" is 1.234 on a page that writes decimal points and 1234 on a page that writes
decimal commas ("12,5 ms", "0,85") or dotted thousands ("1.234.567"). Read alone it is a
decimal; when other values of the same page show the comma style, it is a thousands group.
Decided per batch with array operations; the common case (no comma-style value) is one search.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from crosscheck.normalize.units import hint_info

__all__ = ["page_readings"]

# Values that show a page writes decimal commas or dotted thousands.
_COMMA_STYLE = re.compile(
    r"(?<![0-9.,])[0-9]+,(?:[0-9]{1,2}|[0-9]{4,})(?![0-9.,])"
    r"|(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9.,])"
    r"|(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+"
)
# A value whose figure is one dot group: "1.234", "~1.234 ms".
_DOT_GROUP = re.compile(r"^([~≈]?\s*)([0-9]{1,3})\.([0-9]{3})(?![0-9.,])")


def page_readings(
    raw_codes: np.ndarray, raws: np.ndarray, sources: np.ndarray, hints: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The value texts to read (codes into distinct texts): "1.234" becomes "1234" on pages
    whose other values use the comma style, unless the claim's hint reads it as a version."""
    if not len(raws) or not _COMMA_STYLE.search("\0".join(map(str, raws))):
        return raw_codes, raws
    comma = np.fromiter((bool(_COMMA_STYLE.search(str(r))) for r in raws), bool, len(raws))
    dotted = np.fromiter((bool(_DOT_GROUP.match(str(r))) for r in raws), bool, len(raws))
    if not dotted.any():
        return raw_codes, raws
    source_codes, _ = pd.factorize(sources, use_na_sentinel=False)
    comma_sources = np.unique(source_codes[comma[raw_codes]])
    rows = np.flatnonzero(np.isin(source_codes, comma_sources) & dotted[raw_codes])
    if len(rows):
        hint_codes, distinct_hints = pd.factorize(hints[rows], use_na_sentinel=False)
        version = np.asarray([_is_version(h) for h in distinct_hints], bool)
        rows = rows[~version[hint_codes]]
    if not len(rows):
        return raw_codes, raws
    texts = raws[raw_codes].astype(object)
    texts[rows] = [_DOT_GROUP.sub(r"\1\2\3", str(t)) for t in texts[rows]]
    codes, uniques = pd.factorize(texts)
    return codes, np.asarray(uniques, dtype=object)


def _is_version(hint: object) -> bool:
    info = hint_info(hint if isinstance(hint, str) else None)
    return info.unit is not None and info.unit.dimension == "version"
