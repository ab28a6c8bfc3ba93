"""Sizes written as one figure ("159.26 x 82.98 x 10.06 mm", "23.5 × 15.7mm"): one piece per side.

Read whole, such a cell looks like a ratio ("159.26x") with a note; its sides are three lengths
of one product, so each becomes its own figure under the cell's length unit, labelled with the
side the label names ("(B x H x T)") or its place. Units and side letters: data/prose.toml.
"""

from __future__ import annotations

import functools
import re

from crosscheck.ingest.lexicon import DATA_FILE

from crosscheck.common import toml_cache

_NUMBER = r"\d+(?:[.,]\d+)?"


@functools.cache
def _data() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str]]:
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    units = sorted((str(u) for u in doc.get("dimension_units", [])), key=len, reverse=True)
    unit = "|".join(re.escape(u) for u in units)
    size = re.compile(
        rf"^(?P<a>{_NUMBER})\s?[x×]\s?(?P<b>{_NUMBER})(?:\s?[x×]\s?(?P<c>{_NUMBER}))?"
        rf"\s?(?P<unit>{unit})$"
    )
    axes = {str(k): str(v) for k, v in dict(doc.get("dimension_axes", {})).items()}
    letters = "".join(re.escape(k) for k in axes)
    side = rf"([{letters}])"
    named = re.compile(rf"(?<![A-Za-z]){side}\s?[x×]\s?{side}(?:\s?[x×]\s?{side})?(?![A-Za-z])")
    return size, axes, named


def split_dimensions(value: str, label: str) -> list[tuple[str, str, str]] | None:
    """The sides of a size cell as (raw, label, unit): the number as written, the label with the
    side's name, the cell's unit; or
    None when the cell is no size (callers test for "x"/"×" first, so other cells pay nothing)."""
    size, axes, named = _data()
    found = size.match(value.strip())
    if found is None:
        return None
    sides = [s for s in (found.group("a"), found.group("b"), found.group("c")) if s is not None]
    unit = found.group("unit")
    unit = "inch" if unit in ('"', "″") else unit
    letters = named.search(label)
    names: list[str] | None = None
    if letters is not None:
        given = [g for g in letters.groups() if g is not None]
        if len(given) == len(sides):
            names = [axes[g] for g in given]
    return [
        (side, f"{label} ({names[i] if names else f'dimension {i + 1}'})", unit)
        for i, side in enumerate(sides)
    ]
