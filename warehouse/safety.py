"""Output channels that carry scraped text: spreadsheets, terminals and DuckDB itself.

Page text is untrusted: a cell "=HYPERLINK(...)" runs as a formula when a CSV is opened in a
spreadsheet, an escape sequence in a label rewrites the analyst's terminal, and a DuckDB that
auto-installs extensions reaches the network when handed an odd file. Each channel gets its guard
here, in one place, so every writer uses the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# DuckDB must never download or load an extension on its own (a foreign file at --db, a query
# naming a function of an extension): opening a connection anywhere starts from these.
SAFE_DUCKDB_CONFIG: dict[str, str | bool | int] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}

# Analyst queries: a long or huge one must not block a scheduled run or exhaust the machine.
DEFAULT_QUERY_TIMEOUT = 60.0  # seconds
DEFAULT_QUERY_MEMORY = "1GB"
_MEMORY = re.compile(r"\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*", re.IGNORECASE)


def duckdb_config(
    extra: Mapping[str, str | bool | int] | None = None,
) -> dict[str, str | bool | int | float | list[str]]:
    """The safe connection options, with ``extra`` on top (extension loading stays off)."""
    return {**(extra or {}), **SAFE_DUCKDB_CONFIG}


def valid_memory_limit(text: str) -> bool:
    """Whether ``text`` is a size DuckDB's memory_limit takes ("512MB", "2 GB", "1GiB")."""
    return _MEMORY.fullmatch(text) is not None


# --- spreadsheets (OWASP CSV injection) -------------------------------------------------------
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet will show as text: a leading = + - @ tab or CR gets a quote
    prefix (OWASP); plain numbers such as "-5" or "+1.5e3" are left as numbers."""
    if text.startswith(_FORMULA_LEAD) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


# --- terminals ----------------------------------------------------------------------------------
# C0 controls (tab, newline kept only where the caller allows), DEL, C1 controls (an 8-bit CSI
# starts an escape sequence too) and the bidirectional overrides that reorder what is shown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_ALL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(value: Any, *, keep_newlines: bool = False) -> str:
    """Text safe to print: control and escape characters shown as \\xNN, never interpreted."""
    text = str(value)
    return (_CONTROL if keep_newlines else _CONTROL_ALL).sub(_escape, text)
