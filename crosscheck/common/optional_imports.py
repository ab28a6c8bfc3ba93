"""Libraries we use import optional extras we never need: pint and pandera import dask when it is
installed (~0.5 s: dask is here for the dask engine), pandera imports hypothesis (data synthesis)
and tries dask.dataframe. A run pays that before its first page, so the first import of those
libraries happens with the extras hidden; they import normally afterwards."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

# Extras of pint and pandera that pandas frames and plain quantities never use.
UNUSED_EXTRAS = ("dask", "hypothesis")


@contextmanager
def without(modules: tuple[str, ...] = UNUSED_EXTRAS) -> Iterator[None]:
    """Within the block, importing any of `modules` not yet imported fails as if it were not
    installed (what those libraries check for an extra); after it, they import normally."""
    hidden = [name for name in modules if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
