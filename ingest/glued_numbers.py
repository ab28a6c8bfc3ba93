"""Numbers of one table row that a text copy glued together (`3232`, `2.512.52`,
`2,612,512,52`), split back into one value per column.

A flattened table loses the break between two cells whose values are bare numbers, so
`Threads3232` under a header of two names is 32 | 32. A run is split only where the split is
forced (one way to read it as well-formed numbers) or clearly best (the only reading whose
numbers share one format: the same decimals, digit counts within one, a bounded ratio);
otherwise nothing is guessed: a wrong split is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path

from crosscheck.common import toml_cache

__all__ = ["placeholder_apart", "split_run", "widen"]

# a run that may hold glued numbers: digits with their separators, a digit at either end
_RUN = re.compile(r"\d[\d.,]*\d")
# a well-formed number, either separator convention: grouping "," or "." and the other decimal
_NUMBER = {
    ",": re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})+|0|[1-9]\d*)(?:\.\d+)?"),
    ".": re.compile(r"(?:[1-9]\d{0,2}(?:\.\d{3})+|0|[1-9]\d*)(?:,\d+)?"),
}
_MAX_RATIO = 10.0  # the largest over the smallest number of one row, at most
_MAX_WIDTH = 8
_MAX_RUN = 60
_ENOUGH = 3  # readings counted before a run is known to be ambiguous
_STEPS = 3000  # cuts tried for one run at most: a run too long to read is not split


class _Exhausted(Exception):
    """The cuts of one run went past `_STEPS`: no reading is guessed."""


def widen(values: list[str], width: int) -> list[str] | None:
    """`values` with the one cell that holds glued numbers split so the row has `width` cells
    (the cell's lead and unit stay with its first and last number); None unless exactly one
    cell splits in exactly one plausible way."""
    values = _placeholders_apart(values)
    missing = width - len(values)
    if missing == 0:
        return values
    if missing < 1 or width > _MAX_WIDTH:
        return None
    found: list[str] | None = None
    for k, value in enumerate(values):
        runs = list(_RUN.finditer(value))
        if len(runs) != 1:
            halves = _chain_halves(value, runs) if missing == 1 else None
            if halves is not None:
                if found is not None:
                    return None
                found = [*values[:k], *halves, *values[k + 1 :]]
            continue
        run = runs[0]
        pieces = split_run(run.group(), missing + 1)
        if pieces is None:
            continue
        if found is not None:
            return None  # two cells could take the split: no guess
        cells = [value[: run.start()] + pieces[0], *pieces[1:]]
        cells[-1] += value[run.end() :]
        found = [*values[:k], *cells, *values[k + 1 :]]
    return found


def _chain_halves(value: str, runs: list[re.Match[str]]) -> list[str] | None:
    """Two cells of one chain of numbers (`6.4 x 3.0 x 0.35.77 x 2.78 x 0.32`: two products'
    dimensions): the middle run is two glued numbers, one way only, the numbers on either side
    of it are joined alike, and each number of one half is of the size of its partner's."""
    if len(runs) < 3 or len(runs) % 2 == 0 or len(runs) > _MAX_WIDTH:
        return None
    joins = {value[a.end() : b.start()] for a, b in pairwise(runs)}
    middle = runs[len(runs) // 2]
    try:
        readings = _readings(middle.group(), 2, strict=False)
    except _Exhausted:
        return None
    if len(joins) != 1 or len(readings) != 1 or not next(iter(joins)).strip():
        return None
    first, second = readings[0]
    left = [r.group() for r in runs[: len(runs) // 2]] + [first]
    right = [second] + [r.group() for r in runs[len(runs) // 2 + 1 :]]
    if not all(_plausible([a, b]) for a, b in zip(left, right, strict=True)):
        return None
    cut = middle.start() + len(first)
    return [value[:cut].rstrip(), value[cut:].lstrip()]


@cache
def _placeholder() -> re.Pattern[str]:
    text = (Path(__file__).parent / "data" / "glued_cells.toml").read_text("utf-8")
    words = sorted(toml_cache.loads(text)["placeholders"], key=len, reverse=True)
    either = "|".join(map(re.escape, words))
    # a placeholder glued to a value's end, or to the start of the next value
    return re.compile(rf"^(.*?[\w.%)])({either})$|^({either})(\d.*)$")


def _placeholders_apart(values: list[str]) -> list[str]:
    """`values` with each placeholder glued to a value made a cell of its own
    (`29.9 cubic feetTBD` → `29.9 cubic feet`, `TBD`)."""
    out: list[str] = []
    for value in values:
        found = _placeholder().match(value)
        out += [v for v in found.groups() if v] if found else [value]
    return out


def placeholder_apart(label: str) -> tuple[str, list[str]]:
    """A row label and the placeholder glued to its end, the row's first cell
    (`Cold buildn/a` → `Cold build`, [`n/a`]); the label alone when none is."""
    found = _placeholder().match(label)
    if found is None or not found.group(1):
        return label, []
    return found.group(1), [found.group(2)]


def split_run(run: str, parts: int) -> list[str] | None:
    """The one reading of `run` as `parts` glued numbers: the only well-formed one (forced),
    else the only one whose numbers share one format; None when none or several remain."""
    if parts < 2 or len(run) > _MAX_RUN or len(run) < parts:
        return None
    whole = any(number.fullmatch(run) for number in _NUMBER.values())
    try:
        loose = [] if whole else _readings(run, parts, strict=False)
        if len(loose) == 1:  # forced: no other reading, and the run is no number of its own
            return loose[0] if _plausible(loose[0]) else None
        strict = [r for r in _readings(run, parts, strict=True) if _plausible(r)]
    except _Exhausted:
        return None
    return strict[0] if len(strict) == 1 else None


def _readings(run: str, parts: int, strict: bool) -> list[list[str]]:
    found: list[list[str]] = []
    steps = [_STEPS]
    for mark in (",", "."):
        for reading in _cut(run, parts, _NUMBER[mark], strict, [], steps):
            if reading not in found:
                found.append(reading)
            if len(found) >= _ENOUGH:
                return found
    return found


def _cut(
    rest: str, parts: int, number: re.Pattern[str], strict: bool, done: list[str], steps: list[int]
) -> Iterator[list[str]]:
    """The ways to cut `rest` into `parts` numbers after `done` (with `strict`, numbers of one
    format as `done`'s: the same decimals, integer digits within one of each other)."""
    if parts == 1:
        if number.fullmatch(rest) and (not strict or _same_format([*done, rest])):
            yield [*done, rest]
        return
    for end in range(1, len(rest) - parts + 2):
        steps[0] -= 1
        if steps[0] < 0:
            raise _Exhausted
        piece = rest[:end]
        if not number.fullmatch(piece) or not rest[end].isdigit():
            continue
        if strict and not _same_format([*done, piece]):
            continue
        yield from _cut(rest[end:], parts - 1, number, strict, [*done, piece], steps)


def _decimals(piece: str) -> int:
    """Digits after the decimal mark: the last separator when fewer or more than 3 follow it
    or when the number has both marks, else none (`2,612` reads as a thousand grouping)."""
    last = max(piece.rfind(","), piece.rfind("."))
    if last < 0:
        return 0
    tail = len(piece) - last - 1
    both = "," in piece and "." in piece
    return tail if tail != 3 or both or (piece.count(piece[last]) == 1 and piece[0] == "0") else 0


def _integer_digits(piece: str) -> int:
    decimals = _decimals(piece)
    head = piece[: len(piece) - decimals - 1] if decimals else piece
    return sum(ch.isdigit() for ch in head)


def _same_format(pieces: list[str]) -> bool:
    decimals = {_decimals(p) for p in pieces}
    digits = [_integer_digits(p) for p in pieces]
    return len(decimals) == 1 and max(digits) - min(digits) <= 1


def _value(piece: str) -> float:
    decimals = _decimals(piece)
    digits = re.sub(r"\D", "", piece)
    return int(digits) / 10**decimals


def _plausible(pieces: list[str]) -> bool:
    """The numbers of one row stay within a bounded ratio of each other (zeros aside), and
    one-digit numbers beside longer ones are no evidence (`322`: 3 | 22 or 32 | 2)."""
    digits = {_integer_digits(p) for p in pieces}
    if len(digits) > 1 and min(digits) < 2:
        return False
    values = [v for v in map(_value, pieces) if v > 0]
    return not values or max(values) / min(values) <= _MAX_RATIO
