"""Columns that set up a repeated row's run: a parameter, not a measurement.

Why: a table that lists one thing on several rows ('f32 x256' under connectivity 16, 12 and 32)
varies a set-up between them; its bare integer columns under headers that name no metric
('Connectivity', 'EF @ A') are that set-up. Read as figures, the rows looked like one thing
measured three ways, and the checks flagged every measurement column as a conflict.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from crosscheck.ingest.table_headers import is_metric_like

__all__ = ["parameter_columns", "set_up_rows", "title_subject"]

_BARE_INTEGER = re.compile(r"^\d{1,6}$")
_MARKUP = "*_` "


def parameter_columns(
    header: list[str], rows: list[list[str]], keys: list[int], values: list[int]
) -> list[int]:
    """Value columns that are parameters of the rows: the first key column names one thing
    on two or more rows, and every cell of the column is a bare integer under a header that
    names no metric. Empty when the key names a different thing on each row."""
    if not keys or not rows:
        return []
    names = [r[keys[0]].strip(_MARKUP) for r in rows if keys[0] < len(r)]
    names = [n for n in names if n]
    if len(set(names)) == len(names):
        return []
    found = []
    for col in values:
        cells = [r[col].strip(_MARKUP) for r in rows if col < len(r) and r[col].strip(_MARKUP)]
        head = header[col] if col < len(header) else ""
        if cells and not is_metric_like(head) and all(_BARE_INTEGER.match(c) for c in cells):
            found.append(col)
    return found


_TITLE_WORD = re.compile(r"[\w.+#-]+")


def title_subject(title: str, known: Callable[[str], bool]) -> str | None:
    """The one known name among the title's words ('Benchmarking USearch'), else None."""
    found = {w for w in _TITLE_WORD.findall(title or "") if known(w)}
    return found.pop() if len(found) == 1 else None


class _Page(Protocol):
    page_subject: str | None
    title: str


def set_up_rows(
    header: list[str],
    rows: list[list[str]],
    keys: list[int],
    roles: dict[int, str],
    known: Callable[[str], bool],
    page: _Page,
) -> str | None:
    """Turn the parameter columns of `roles` into conditions; when there are some and no row
    names a known thing, the page's one subject (else the title's one known name) owns the
    rows and each row's name is one more set-up: returned, else None."""
    measured = [col for col, role in roles.items() if role == "value"]
    params = parameter_columns(header, rows, keys, measured)
    for col in params:
        roles[col] = "condition"
    if not params or any(known(r[keys[0]]) for r in rows):
        return None
    return page.page_subject or title_subject(page.title, known)
