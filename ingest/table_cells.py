"""Table cells: markup off, what a cell holds, and cells that hold several figures.

A cell's value text stays a substring of the page ("1394ms" out of "1394ms🥇", "93" out of
'[<sub>93</sub>](# "tooltip")'); only wrappers are removed. Several figures in one cell
("1.1/2.3/9.9 s" under "p10/p50/p99", "QPS: 159K, P99: 0.8ms", "36.6 + 0.25") become one
piece each with its own label.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum
from typing import NamedTuple

from crosscheck.ingest.blocks import is_empty_value
from crosscheck.ingest.cell_lists import unit_list
from crosscheck.ingest.dimensions import split_dimensions
from crosscheck.ingest.lexicon import word_list
from crosscheck.ingest.nonfigure_shapes import is_contact
from crosscheck.ingest.resolutions import is_video_mode, resolution_sides

_LINK = re.compile(
    r"!?\[([^\]]*)\]\([^()\s]*(?:\([^()]*\))?[^()\s]*(?:\s+\"[^\"]*\"|\s+'[^']*')?\s*\)"
)
_REF_LINK = re.compile(r"(?<![\w\]])\[([^\[\]]+)\](?:\[[^\[\]]*\])?")  # not 'RPS[K]'
_IMAGE = re.compile(r"!\[[^\[\]]*\](?:\[[^\[\]]*\]|\([^()\s]*(?:\s+\"[^\"]*\")?\))")
_EMPTY_LINK = re.compile(r"\[\s*\](?:\[[^\[\]]*\]|\([^()]*\))")
_TAG = re.compile(r"<[^<>]{1,200}>")
_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
_CODE = re.compile(r"`([^`]*)`")
# Medals, squares, stars and other pictographs decorate values; a lone ✓/✗ is the value.
_DECORATION = re.compile(
    "[\U0001f300-\U0001faff\u2b50\u2b06\u2b07\u25b2\u25bc\u2605\u2606\ufe0f\u200d\U0001f1e6-\U0001f1ff]"
)
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # NBSP is text as written
_WRAPPED = re.compile(r"^\((?P<inner>[^()]*)\)$")
# BenchmarkDotNet quotes a method name with spaces: 'Moq (with args)'
_QUOTED = re.compile(r"^(?P<q>['\"])(?P<inner>[^'\"]+)(?P=q)$")

_DATE = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_VERSION = re.compile(r"^v?\d+(?:\.\d+){2,}(?:[-+][\w.]+)?$|^v\d+(?:\.\d+)*(?:[-+][\w.]+)?$", re.I)
_THOUSANDS_DOTS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
_DIGIT = re.compile(r"\d")
_CODE_TOKEN = re.compile(r"^[A-Za-z_][\w.]*\(\s*\d+(?:\s*,\s*\d+)*\s*\)$")  # 'varchar(84)'
_FOOTNOTE = re.compile(r"(?:\*+|†+|‡+|\[\d+\]|\^\d+)$")


class CellKind(StrEnum):
    """What a cleaned cell holds."""

    EMPTY = "empty"
    DATE = "date"  # dates and code tokens ('character(84)'): not figures
    VERSION = "version"
    NUMBER = "number"
    TEXT = "text"
    PROSE = "prose"  # a description sentence, not a value


def _link_or_unit(match: re.Match[str], text: str) -> str:
    """A shortcut link's text, or the whole bracket when it closes the cell after a space and
    holds a unit: 'Mean [s]', 'Min [ms]' (hyperfine's markdown export) name a column's unit."""
    inner = match.group(1)
    closing = match.end() == len(text) and match.start() > 0 and text[match.start() - 1] == " "
    if closing and len(inner) <= 8 and " " not in inner:
        from crosscheck.ingest.table_headers import is_unit

        if is_unit(inner):
            return match.group(0)
    return inner


@functools.lru_cache(maxsize=8192)
def clean_cell(text: str, markup: bool = True) -> str:
    """Wrappers off: medals, and with `markup` (cells of text pages) markdown links → their
    text, inline HTML tags, bold and code marks. HTML cells are text already: '<b>' there
    is data as written."""
    if not text:
        return ""
    out = text
    if not markup:
        pass
    elif "[" in out:
        out = _EMPTY_LINK.sub("", _IMAGE.sub("", out))  # badges and images are no values
        out = _LINK.sub(lambda m: m.group(1), out)
        out = _REF_LINK.sub(lambda m: _link_or_unit(m, out), out)
    if markup and "<" in out:
        out = _TAG.sub(" ", out)
    if markup and ("*" in out or "_" in out):
        out = _BOLD.sub(lambda m: m.group(2), out)
    if markup and "`" in out:
        out = _CODE.sub(lambda m: m.group(1), out)
    if not out.isascii():  # every decoration is outside ASCII
        stripped = _DECORATION.sub("", out)
        if stripped.strip():
            out = stripped
    # a printable text without "  " has no run for _SPACES to fold (NBSP is not printable)
    folded = out if out.isprintable() and "  " not in out else _SPACES.sub(" ", out)
    out = folded.strip()
    wrapped = _WRAPPED.match(out) if out.startswith("(") else None
    if wrapped and wrapped.group("inner").strip():
        out = wrapped.group("inner").strip()
    quoted = _QUOTED.match(out) if out[:1] in "'\"" else None
    if quoted and quoted.group("inner").strip():
        out = quoted.group("inner").strip()
    return out


# "zstd 1.5.6 -1", "lzo1x 2.10 --fast=3": command-line options after a name set how it ran.
_OPTIONS = re.compile(r"^(?P<name>.*?[\w)\]])\s+(?P<options>(?:--?[A-Za-z0-9][\w.=:,+-]*\s*)+)$")


def named_winner(cell: str, names: list[str]) -> tuple[str, str] | None:
    """A winner cell that names one of the table's entity columns before its figure ('Grafeo
    1,687x', 'B: 2.1x'): (that name, the figure as written), else None."""
    for name in sorted(names, key=len, reverse=True):
        if name and cell.startswith(name) and len(cell) > len(name):
            rest = cell[len(name) :].lstrip(" :–-")
            if rest[:1].isdigit() and rest.strip() == rest and " " not in rest.rstrip("x×%"):
                return name, rest
    return None


def split_options(name: str) -> tuple[str, str | None]:
    """A row name and the command-line options it ends with ('zstd 1.5.6 -1' → ('zstd 1.5.6',
    '-1')): the options are a condition of the row's figures, not part of the name."""
    if "-" not in name:
        return name, None
    match = _OPTIONS.match(name)
    if match is None or not any(ch.isalpha() for ch in match.group("name")):
        return name, None
    return match.group("name").strip(), match.group("options").strip()


def drop_footnote(name: str) -> str:
    """An entity or row name without its footnote mark ('Node*', 'Go†')."""
    bare = _FOOTNOTE.sub("", name).strip()
    return bare or name


@functools.lru_cache(maxsize=8192)
def cell_kind(text: str) -> CellKind:
    if is_empty_value(text) or text.strip().lower() in ("n/a", "na", "n.a.", "tbd", "-", "?"):
        return CellKind.EMPTY
    if _DATE.match(text) or _CODE_TOKEN.match(text) or is_contact(text):
        return CellKind.DATE  # a date, a code token or a phone number: no figure
    if _VERSION.match(text) and not _THOUSANDS_DOTS.match(text):
        return CellKind.VERSION
    if _DIGIT.search(text):
        if is_video_mode(text):
            return CellKind.DATE  # "4K/60p (uncropped)": a recording mode, no figure (skipped)
        words = text.split()
        if len(words) > 12 or (len(words) > 6 and text.rstrip().endswith(".")):
            return CellKind.PROSE
        return CellKind.NUMBER
    words = text.split()
    if len(words) > 14 or (len(words) > 8 and text.rstrip().endswith(".")):
        return CellKind.PROSE
    return CellKind.TEXT


class Piece(NamedTuple):
    """One figure of a cell: its raw text, label, unit hint and an extra condition (a tuple:
    one is built for every table cell, and a frozen dataclass costs several times as much)."""

    raw: str
    label: str
    unit_hint: str | None
    condition: str | None = None


_PAIR = re.compile(
    r"(?P<label>[A-Za-z][\w .%/()-]{0,30}?)\s*[:=]\s*(?P<value>[~≈<>]?[-+]?\d[^,;:]*)"
)
_PM = re.compile(
    r"^(?P<value>[^±]*?\d(?P<own>[^\d\s±+/]*))\s*(?:±|\+/-|\+-)\s*\d[\d.,]*\s*(?P<unit>[^\d\s±+]*)$"
)
# 'N ms ± M ms', '20.8 ± 1.1 ms': a figure and its spread, each with its unit or sharing one
_SPREAD = re.compile(
    r"^(?P<value>[~≈]?\d[\d.,]*(?:\s?[A-Za-zµμ%]+)?)\s*(?:±|\+/-|\+-)\s*"
    r"(?P<dev>\d[\d.,]*\s*(?P<unit>[A-Za-zµμ%]*))$"
)
# a header naming a cell's two statistics: 'Time (mean ± σ)', 'Range (min … max)'
_TWO_STATS = re.compile(
    r"^(?P<base>[^()]*?)\s*\(\s*(?P<a>[A-Za-zσ][\w ]{0,20}?)\s*(?:±|…|\.\.\.|\+/-)\s*"
    r"(?P<b>[A-Za-zσ][\w ]{0,20}?)\s*\)$"
)
# '427μs (1.28x slower)': a value and its ratio to a baseline column
_RELATIVE = re.compile(
    r"^(?P<value>[^()]*\d[^()]*?)\s*\((?P<rel>[~≈]?\d[\d.,]*\s?(?:x|×|%)[^()]{0,20})\)$"
)
# '912 Mbps (-3.3%)', '24 ms (+1.4ms)': a value and its signed change from a baseline column,
# a figure with its own unit (the sign says which way; the piece's raw is the magnitude)
_DELTA = re.compile(
    r"^(?P<value>[^()]*\d[^()]*?)\s*\((?P<sign>[-+−])\s?"
    r"(?P<delta>\d[\d.,]*\s?(?:%|[A-Za-zµμ]{1,5}(?:/[A-Za-z]{1,4})?))\)$"
)
_PLUS = re.compile(
    r"^(?P<a>\d[\d.,]*)(?:\s*±\s*[\d.,]+)?\s+\+\s+(?P<b>\d[\d.,]*)(?:\s*±\s*[\d.,]+)?\s*(?P<unit>[^\d\s]*)$"
)
_SLASHED = re.compile(
    r"^(?P<body>[~≈]?\d[\d.,]*\s*[A-Za-zµμ%]*(?:\s*/\s*[~≈]?\d[\d.,]*\s*[A-Za-zµμ%]*)+)(?P<tail>\s+\S.*)?$"
)
_MULTI_MARKS = re.compile(r"[:=/±+(]")
_CLOCK = re.compile(r"(?:^|[\s(])\d{1,2}:\d{1,2}(?!\d)")
_SLASH_PART = re.compile(r"(?P<num>[~≈]?\d[\d.,]*)\s*(?P<unit>[A-Za-zµμ%]*)")


_STATS_MARK = re.compile(r"±|…|\.\.\.|\+/-")


def _two_stats(label: str, unit_hint: str | None) -> re.Match[str] | None:
    """The two statistics a header names, in the label ('Time (mean ± σ)') or taken for its
    unit ('Range (min … max)' splits as 'Range' with unit 'min … max')."""
    if unit_hint and _STATS_MARK.search(unit_hint):
        return _TWO_STATS.match(f"{label} ({unit_hint})")
    return _TWO_STATS.match(label) if "(" in label else None


@functools.cache
def _deviation_marks() -> frozenset[str]:
    """data/prose.toml deviation_marks, lower case (read once)."""
    return frozenset(w.lower() for w in word_list("deviation_marks"))


def _stat_label(base: str, stat: str) -> str:
    """'Time' and 'σ' → 'Time stddev' (a spread, never compared with a mean); 'Range', 'max'
    → 'Range max'."""
    word = "stddev" if stat.strip().lower() in _deviation_marks() else stat.strip()
    return f"{base} {word}".strip()


def _slash_labels(label: str, count: int) -> list[str] | None:
    """'Latency p10/p50/p99' and 3 values → ['Latency p10', 'Latency p50', 'Latency p99']."""
    for token in label.split():
        parts = token.split("/")
        if len(parts) == count and all(parts):
            prefix = label[: label.index(token)].strip()
            suffix = label[label.index(token) + len(token) :].strip()
            return [" ".join(x for x in (prefix, p, suffix) if x) for p in parts]
    return None


def _is_score(parts: list[re.Match[str]]) -> bool:
    """'4.5/5', '8/10', '87/100': one score out of a scale, not two figures."""
    if len(parts) != 2 or parts[0].group("unit") or parts[1].group("unit"):
        return False
    return parts[1].group("num") in ("5", "10", "100", "1000")


# '~57K req/s, 0.35ms avg latency': figures with their units listed, a later one named by the
# words after it; 'Highest RPS (60K), lowest idle memory (22 MB), battle-tested': free text
# whose figures stand in parentheses after what they measure
_LIST_PART = re.compile(
    r"^(?P<value>[~≈]?\d[\d.,]*\s?[KMkG]?\s?[A-Za-zµ%/]+(?:/[A-Za-z]+)?)"
    r"(?:\s+(?P<words>[A-Za-z][A-Za-z-]*(?:\s[A-Za-z][A-Za-z-]*){0,2}))?$"
)
_PAREN_PART = re.compile(
    r"^(?P<words>[A-Za-z][\w/-]*(?:\s[A-Za-z][\w/-]*){0,4})\s\((?P<value>[~≈]?\d[^()]{0,14})\)$"
)
_COMPARING = re.compile(r"\b(?:than|faster|slower|more|less|vs)\b", re.IGNORECASE)


def _listed_figures(value: str, label: str, unit_hint: str | None) -> list[Piece] | None:
    """The pieces of a comma-separated list of figures ('~57K req/s, 0.35ms avg latency') or of
    named figures in parentheses inside free text ('Highest RPS (60K), lowest idle memory
    (22 MB), battle-tested'), or None for any other cell. A part that compares ('48% faster
    than X') makes the cell no list: its figure is a relation, read elsewhere."""
    if ", " not in value or _COMPARING.search(value):
        return None
    parts = [p.strip() for p in value.split(", ")]
    listed = [_LIST_PART.match(p) for p in parts]
    if all(listed) and any(m.group("words") for m in listed[1:] if m):
        return [
            Piece(m.group("value"), m.group("words") or label, unit_hint)
            for m in listed
            if m is not None
        ]
    named = [_PAREN_PART.match(p) for p in parts]
    if "(" not in value or any(
        _DIGIT.search(p) for p, m in zip(parts, named, strict=True) if m is None
    ):
        return None  # a figure outside parentheses: not this shape
    found = [m for m in named if m is not None]
    if not found:
        return None
    return [Piece(m.group("value").strip(), m.group("words"), None) for m in found]


def split_figures(value: str, label: str, unit_hint: str | None) -> list[Piece]:
    """The figures of one cleaned cell; a plain cell is one piece as written."""
    if "x" in value or "×" in value:
        pixels = resolution_sides(value, label)  # '1179 x 2556': two pixel counts, no ratio
        if pixels is not None:
            return [Piece(raw, side, None) for raw, side in pixels]
        sides = split_dimensions(value, label)
        if sides is not None:
            return [Piece(*side) for side in sides]
    if ", " in value and _DIGIT.search(value) is not None:
        listed = _listed_figures(value, label, unit_hint)
        if listed is not None:
            return listed
    listed_units = unit_list(value) if ", " in value or "(" in value else None
    if listed_units is not None:  # "30W wired, 23W wireless": each figure, its words a condition
        return [Piece(raw, label, unit_hint, words) for raw, words in listed_units]
    if not _MULTI_MARKS.search(value) or _DIGIT.search(value) is None:
        return [Piece(value, label, unit_hint)]
    plus = _PLUS.match(value)
    if plus:
        unit = plus.group("unit") or unit_hint
        return [
            Piece(plus.group("a"), f"{label} (base)", unit),
            Piece(plus.group("b"), f"{label} (increase)", unit),
        ]
    relative = _RELATIVE.match(value)
    if relative:
        first = split_figures(relative.group("value").strip(), label, unit_hint)
        return [*first, Piece(relative.group("rel").strip(), f"{label} (relative)", None)]
    delta = _DELTA.match(value) if "(" in value else None
    if delta:
        first = split_figures(delta.group("value").strip(), label, unit_hint)
        way = "increase" if delta.group("sign") == "+" else "decrease"
        return [*first, Piece(delta.group("delta"), f"{label} ({way})", None)]
    stats = _two_stats(label, unit_hint) if "(" in label or unit_hint else None
    spread = _SPREAD.match(value) if stats else None
    if stats and spread:  # 'Time (mean ± σ)' over '111.5 ms ± 11.6 ms': each its own figure
        base = stats.group("base")
        unit = spread.group("unit") or (
            None if unit_hint and _STATS_MARK.search(unit_hint) else unit_hint
        )
        return [
            Piece(spread.group("value").strip(), _stat_label(base, stats.group("a")), unit),
            Piece(spread.group("dev").strip(), _stat_label(base, stats.group("b")), unit),
        ]
    pm = _PM.match(value)
    if pm:  # median ± deviation: the deviation is the measurement's spread, not a figure
        unit = None if pm.group("own") else pm.group("unit")
        return [Piece(pm.group("value").strip(), label, unit or unit_hint)]
    if (":" in value or "=" in value) and not _CLOCK.search(value):
        pairs = list(_PAIR.finditer(value))
        covered = sum(len(m.group(0)) for m in pairs)
        if len(pairs) >= 2 or (pairs and covered >= len(value.strip()) - 2):
            return [
                Piece(m.group("value").strip(), m.group("label").strip(), unit_hint)
                for m in pairs
                if m.group("value").strip()
            ]
    slashed = _SLASHED.match(value)
    if slashed and "/" in slashed.group("body"):
        parts = list(_SLASH_PART.finditer(slashed.group("body")))
        labels = _slash_labels(label, len(parts))
        units = [p.group("unit") for p in parts]
        # '24/7', '1/2' (two bare numbers, no labels for them) are one value as written
        evident = labels is not None or len(parts) >= 3 or any(units)
        if len(parts) >= 2 and evident and not _is_score(parts):
            shared = units[-1] if units[-1] and not any(units[:-1]) else None
            tail = (slashed.group("tail") or "").strip()
            pieces = []
            for i, part in enumerate(parts):
                unit = part.group("unit") or shared or unit_hint
                raw = part.group(0).strip()  # as written: '25.56 s', '40GB'
                if labels:
                    pieces.append(Piece(raw, labels[i], unit))
                else:
                    variant = f"variant {raw}" + (f" ({tail})" if tail else "")
                    pieces.append(Piece(raw, label, unit, variant))
            return pieces
    return [Piece(value, label, unit_hint)]
