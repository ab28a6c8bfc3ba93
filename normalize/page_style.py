"""A page's number style decides the one shape the value alone cannot: "1.234".

Why: "1.234" is 1.234 on a page that writes decimal points and 1234 on a page that writes
decimal commas ("12,5 ms", "0,85") or dotted thousands ("1.234.567"). Read alone it is a
decimal; when other values of the same page show the comma style, or the page's words are
mostly those of a comma-decimal language (German, Italian, ...: data/number_styles.toml), it
is a thousands group. Decided per batch with array operations; the common case (no lone dot
group) is one search.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache

import numpy as np
import pandas as pd
from crosscheck.normalize.unit_table import unit_table
from crosscheck.normalize.units import hint_info
from crosscheck.normalize.vocabulary_io import packaged_data

__all__ = ["page_readings"]

# Values that show a page writes decimal commas or dotted thousands.
_COMMA_STYLE = re.compile(
    r"(?<![0-9.,])[0-9]+,(?:[0-9]{1,2}|[0-9]{4,})(?![0-9.,])"
    r"|(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9.,])"
    r"|(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+"
)
# Values that show a page writes decimal points: "12.5", "0.85", "1234.56", "1,234,567".
_POINT_STYLE = re.compile(
    r"(?<![0-9.,])[0-9]+\.(?:[0-9]{1,2}|[0-9]{4,})(?![0-9.,])"
    r"|(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3}){2,}(?![0-9])"
    r"|(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+"
)
# Bound words a value may open with ("Hasta 7.450 MB/s", "bis zu 1.400", "ca. 1.234"): units.toml
_BOUNDS = sorted(
    {w for _, words in unit_table().bound_words for w in words} | {"ca.", "up to", "about", "over"},
    key=len,
    reverse=True,
)
_LEAD = rf"[~≈]?\s*(?:(?i:{'|'.join(map(re.escape, _BOUNDS))})\s+)?"
# The same, found among the values joined by NULs (one search decides there is none).
_LONE_DOT = re.compile(rf"(?:^|\0){_LEAD}[0-9]{{1,3}}\.[0-9]{{3}}(?![0-9.,])")
# A value whose figure is one dot group: "1.234", "~1.234 ms", "Hasta 7.450 MB/s".
_DOT_GROUP = re.compile(rf"^({_LEAD})([0-9]{{1,3}})\.([0-9]{{3}})(?![0-9.,])")


# Words (letters only) and the characters of scripts that write decimal points (CJK).
_WORD = re.compile(r"[^\W\d_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_MIN_WORDS = 4  # a comma-decimal language needs this many of its words, and twice English's
_SAMPLE = 40  # claims of a page whose texts are counted


@cache
def _style_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words of comma-decimal languages and of English (data/number_styles.toml)."""
    doc = tomllib.loads(packaged_data("number_styles.toml").read_text("utf-8"))
    return (
        frozenset(w.lower() for w in doc["comma_decimal"]["words"]),
        frozenset(w.lower() for w in doc["point_decimal"]["words"]),
    )


def comma_language(texts: Sequence[str]) -> bool:
    """Whether a page's texts (its title, the sentences and rows its figures come from) are
    mostly in a language that writes decimal commas: counted once per page, never per figure."""
    comma_words, point_words = _style_words()
    comma = point = 0
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if word in comma_words:
                comma += 1
            elif word in point_words:
                point += 1
        point += len(_CJK.findall(text)) // 2
    return comma >= _MIN_WORDS and comma > 2 * point


def page_readings(
    raw_codes: np.ndarray,
    raws: np.ndarray,
    sources: np.ndarray,
    hints: np.ndarray,
    texts: Sequence[np.ndarray] = (),
) -> tuple[np.ndarray, np.ndarray]:
    """The value texts to read (codes into distinct texts): "1.234" becomes "1234" on pages
    whose other values use the comma style, or whose `texts` (per claim: its evidence and the
    page's title) are in a comma-decimal language while no value shows the point style; not
    where the claim's hint reads it as a version."""
    if not len(raws):
        return raw_codes, raws
    joined = "\0".join(map(str, raws))
    has_comma = bool(_COMMA_STYLE.search(joined))
    if not has_comma and (not texts or not _LONE_DOT.search(joined)):
        return raw_codes, raws
    dotted = np.fromiter((bool(_DOT_GROUP.match(str(r))) for r in raws), bool, len(raws))
    if not dotted.any():
        return raw_codes, raws
    source_codes, _ = pd.factorize(sources, use_na_sentinel=False)
    if has_comma:
        comma = np.fromiter((bool(_COMMA_STYLE.search(str(r))) for r in raws), bool, len(raws))
        comma_sources = np.unique(source_codes[comma[raw_codes]])
    else:
        comma_sources = np.empty(0, source_codes.dtype)
    if texts:  # the words count only where no value shows the point style ("254.64 ms")
        pages = np.isin(source_codes, np.unique(source_codes[dotted[raw_codes]]))
        point = np.zeros(len(raws), bool)
        for code in np.unique(raw_codes[pages]).tolist():
            point[code] = bool(_POINT_STYLE.search(str(raws[code])))
        point_sources = source_codes[point[raw_codes]]
        candidates = dotted[raw_codes] & ~np.isin(source_codes, point_sources)
        if candidates.any():
            by_words = _word_sources(source_codes, candidates, texts)
            comma_sources = np.union1d(comma_sources, by_words)
    rows = np.flatnonzero(np.isin(source_codes, comma_sources) & dotted[raw_codes])
    if len(rows):
        hint_codes, distinct_hints = pd.factorize(hints[rows], use_na_sentinel=False)
        version = np.asarray([_is_version(h) for h in distinct_hints], bool)
        rows = rows[~version[hint_codes]]
    if not len(rows):
        return raw_codes, raws
    readings = raws[raw_codes].astype(object)
    readings[rows] = [_DOT_GROUP.sub(r"\1\2\3", str(t)) for t in readings[rows]]
    codes, uniques = pd.factorize(readings)
    return codes, np.asarray(uniques, dtype=object)


def _word_sources(
    source_codes: np.ndarray, dotted: np.ndarray, texts: Sequence[np.ndarray]
) -> np.ndarray:
    """The codes of the pages with a lone dot group whose words are a comma-decimal language's:
    a page's first claims' texts (title and evidence) are enough to tell its language."""
    candidates = np.unique(source_codes[dotted])
    order = np.argsort(source_codes, kind="stable")
    ordered = source_codes[order]
    starts = np.searchsorted(ordered, candidates, "left")
    ends = np.minimum(np.searchsorted(ordered, candidates, "right"), starts + _SAMPLE)
    bounds = zip(candidates.tolist(), starts.tolist(), ends.tolist(), strict=True)
    found = [code for code, a, b in bounds if comma_language(_page_texts(order[a:b], texts))]
    return np.asarray(found, source_codes.dtype)


def _page_texts(rows: np.ndarray, texts: Sequence[np.ndarray]) -> list[str]:
    """The distinct texts of some claims of one page, each once."""
    return list(dict.fromkeys(str(t) for column in texts for t in column[rows] if t is not None))


def _is_version(hint: object) -> bool:
    info = hint_info(hint if isinstance(hint, str) else None)
    return info.unit is not None and info.unit.dimension == "version"
