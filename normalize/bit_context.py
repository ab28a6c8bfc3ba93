"""A column headed in bits ("Throughput/Mb") that the page's own figures show to be in bytes.

Why: "Mb" is a megabit, and stays one, unless the page itself rules it out: beside a request
rate in the same table row, a bit reading that leaves some response fewer bytes than the
smallest HTTP response while the byte reading leaves none that small means the column is in
bytes. The threshold and the request words are data (units.toml `[bits_or_bytes]`).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict

import numpy as np
import pandas as pd
from crosscheck.normalize.quantity import ParsedQuantity, read_quantity
from crosscheck.normalize.unit_table import unit_table
from crosscheck.normalize.units import hint_info

__all__ = ["byte_twin", "bytes_by_context"]

# The "b" of a prefixed bit spelling ("Mb", "Mb/s", "Gbps"); "Mbit" is bits by name and stays.
_BIT = re.compile(r"(?<=[kKMGTP])b(?=/|ps\b|\s|$)")


@functools.lru_cache(maxsize=1024)
def byte_twin(hint: str | None) -> str | None:
    """ "Mb/s" → "MB/s": the same hint in bytes, when the hint is a data rate in bits."""
    if not hint or "b" not in hint:
        return None
    bits = hint_info(hint).unit
    if bits is None or bits.dimension != "data_rate":
        return None
    twin = _BIT.sub("B", hint)
    info = hint_info(twin).unit
    if twin == hint or info is None or not np.isclose(info.factor, bits.factor * 8):
        return None
    return twin


def _request_rate(hint: str | None, label: str | None) -> bool:
    """A column of requests per second ("Requests/s", "RPS"): the rate of HTTP responses."""
    info = hint_info(hint).unit
    if info is None or info.dimension != "rate":
        return False
    text = f"{hint or ''} {label or ''}".lower()
    return any(word in text for word in unit_table().request_words)


def _reading(raw: object, hint: str | None, unit: str) -> float | None:
    """The value's low end when it reads in `unit`, else None."""
    read = read_quantity(str(raw), hint)
    if isinstance(read, ParsedQuantity) and read.unit == unit and read.low is not None:
        return float(read.low)
    return None


def bytes_by_context(
    hints: np.ndarray,
    raws: np.ndarray,
    labels: np.ndarray,
    sources: np.ndarray,
    row_keys: np.ndarray,
    entities: np.ndarray,
) -> np.ndarray:
    """The claims' hints, with a bit column's hint turned to bytes where its own rows' request
    rates rule bits out (module docstring). The common case, no bit hint, is one factorize;
    only the pages holding a bit column are looked at row by row."""
    codes, distinct = pd.factorize(hints, use_na_sentinel=True)
    twins = [byte_twin(h) if isinstance(h, str) else None for h in distinct]
    has_twin = np.asarray([t is not None for t in twins] + [False], bool)[codes]
    if not has_twin.any():
        return hints
    # only the pages, and on them the table rows, that hold a bit column
    pages = pd.Series(sources, dtype=object).isin(set(sources[has_twin].tolist())).to_numpy()
    rows = np.flatnonzero(pages & pd.notna(row_keys))
    rates: dict[tuple[object, object, object], float] = {}
    columns: dict[tuple[object, str, object], list[int]] = defaultdict(list)
    for i in rows.tolist():
        hint, key = hints[i], str(row_keys[i])
        if has_twin[i]:
            columns[(sources[i], key.split("r", 1)[0], labels[i])].append(i)
        elif _request_rate(hint, labels[i]):
            rate = _reading(raws[i], hint, "req/s")
            if rate:
                rates[(sources[i], key, entities[i])] = rate
    if not rates:
        return hints
    least = unit_table().min_response_bytes
    out = hints.copy()
    for column in columns.values():
        per_request = []
        for i in column:
            rate = rates.get((sources[i], row_keys[i], entities[i]))
            size = _reading(raws[i], hints[i], "B/s")
            if rate and size is not None:
                per_request.append(size / rate)
        if per_request and min(per_request) < least <= 8 * min(per_request):
            for i in column:
                out[i] = twins[codes[i]]
    return out
