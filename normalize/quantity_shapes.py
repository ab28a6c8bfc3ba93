"""Read many values of one written shape ("~N,NNN req/s") with one scan.

Pages repeat a few hundred shapes with fresh figures. What the scanner finds (qualifier, range
separator, scale words, unit or noun, notes) depends on where the digits stand, never on which
digits they are: every pattern of :mod:`normalize.quantity_lex` sees a digit only as `[0-9]`.
So a value whose digits all lie inside its figures reuses the scan of the first value of its
shape with its own numbers, and :func:`normalize.quantity.interpret` (years, versions, the
header hint, backwards ranges) runs on the real numbers: the answer is the full reader's.
A value with digits outside its figures ("(Jan 2026)", "p99") is read in full every time.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Final, NamedTuple

import numpy as np
from crosscheck.normalize.quantity import (
    Choices,
    Failure,
    Intervals,
    ParsedQuantity,
    Plan,
    finish,
    finish_many,
    make_plan,
    read_quantity,
    read_values,
    unit_fixed_by_shape,
)
from crosscheck.normalize.quantity_forms import needs_full_read
from crosscheck.normalize.quantity_lex import Scan, read_figure
from crosscheck.normalize.units import HintInfo, hint_info

__all__ = ["ManyRead", "ShapeReader"]

_ZEROS = str.maketrans("123456789", "000000000")
# "0,482" is a decimal comma, "3,761" a thousands group: the one digit-dependent reading of a
# shape, so a lone leading zero before a comma gets a shape of its own.
_LONE_ZERO_COMMA = re.compile(r"(?<![0-9.,])0,[0-9]{3}(?![0-9.,])")


def _shape(text: str) -> str:
    shape = text.translate(_ZEROS)
    if "0," in text and _LONE_ZERO_COMMA.search(text):
        shape += "\0"
    return shape


_NOT_DIGITS = re.compile(r"[^0-9]+")
_DIGIT_RUNS = re.compile(r"[0-9]+|[^0-9]+")


class _Unseen(Enum):
    """A shape not met yet (None is a shape met and found to have no template)."""

    UNSEEN = 0


_UNSEEN: Final = _Unseen.UNSEEN
# Shapes kept per process before the table is emptied (a few hundred occur in practice).
MAX_SHAPES = 50_000

Layout = tuple[tuple[int, ...], tuple[str, ...]]  # digit-run lengths, the separators between
# Per figure: first digit, first decimal digit (= end when whole), end, negative; digits are
# counted among all the value's digits.
Cuts = tuple[tuple[int, int, int, bool], ...]
_NOT_DIGIT_BYTES = bytes(b for b in range(256) if not 0x30 <= b <= 0x39)
# Figures of up to 15 digits are exact as int64 and as float64 (2**53 > 10**15), so reading
# them as arrays gives the bits float() gives; longer ones are read one by one.
_MAX_ARRAY_DIGITS = 15


class _Template(NamedTuple):
    """The scan of a shape's first value, how its figures' digits are laid out, and the plans
    (unit, factors, bound, note) made so far for each digit-dependent choice."""

    scan: Scan
    hint: HintInfo
    version: bool
    year_lead: bool
    layouts: tuple[Layout, ...]
    signs: tuple[str, ...]
    plans: dict[Choices, Plan]
    many: bool  # values of this shape can be read as arrays (no version or year reading)
    cuts: Cuts  # where each figure's digits are among all the value's digits

    def read(self, text: str) -> ParsedQuantity | Failure:
        numbers = _numbers(self, _NOT_DIGITS.sub("", text))
        values, choices = read_values(numbers, self.scan, self.hint, self.version, self.year_lead)
        return finish(self.plan(choices), values, text)

    def plan(self, choices: Choices) -> Plan:
        plan = self.plans.get(choices)
        if plan is None:
            plan = self.plans[choices] = make_plan(self.scan, self.hint, choices)
        return plan


class ManyRead(NamedTuple):
    """Values read together: each row's plan (an index into `plans`, -1 when read alone) and
    interval; rows read alone (other shapes, failures, versions, years) as (row, reading)."""

    plans: list[Plan]
    which: np.ndarray
    intervals: Intervals
    alone: list[tuple[int, ParsedQuantity | Failure]]


def _layout(number: str) -> Layout:
    """ "1,000.5" → ((1, 3, 1), (",", ".")): how to lay new digits out the same way."""
    runs = _DIGIT_RUNS.findall(number)
    lengths = tuple(len(r) for r in runs if r[0].isdigit())
    separators = tuple(r for r in runs if not r[0].isdigit())
    return lengths, separators


def _template(
    text: str, scan: Scan, hint: HintInfo, version: bool, year_lead: bool
) -> _Template | None:
    """A template when every digit of `text` is inside one of the scanned figures."""
    if scan.digit_dependent:
        return None
    in_figures = sum(len(_NOT_DIGITS.sub("", number)) for _, number in scan.numbers)
    if in_figures != len(_NOT_DIGITS.sub("", text)):
        return None
    layouts = tuple(_layout(number) for _, number in scan.numbers)
    if any(len(lengths) != len(seps) + 1 for lengths, seps in layouts):
        return None  # a figure that starts or ends with a separator (".5"): read in full
    signs = tuple(sign for sign, _ in scan.numbers)
    cuts, at = [], 0
    for sign, (lengths, separators) in zip(signs, layouts, strict=True):
        end = at + sum(lengths)
        whole = end - lengths[-1] if "." in separators else end
        cuts.append((at, whole, end, sign == "-"))
        at = end
    many = (
        unit_fixed_by_shape(scan, hint, version, year_lead)
        and all(set(seps) <= {",", "."} and "." not in seps[:-1] for _, seps in layouts)
        and all(end - start <= _MAX_ARRAY_DIGITS for start, _, end, _ in cuts)
    )
    return _Template(scan, hint, version, year_lead, layouts, signs, {}, many, tuple(cuts))


def _figures(cuts: Cuts, digits: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """First and last figure (signed, before scales) of values that share `cuts`, from
    their digits (the same count for each): one digit matrix, no float() per value."""
    matrix = np.frombuffer(b"".join(digits), np.uint8).reshape(len(digits), -1)
    figures = []
    for start, whole, end, negative in (cuts[0], cuts[-1]):
        places = 10 ** np.arange(end - start - 1, -1, -1, dtype=np.int64)
        value = ((matrix[:, start:end].astype(np.int64) - 0x30) @ places).astype(np.float64)
        if whole < end:  # an exact integer over an exact power of ten: float()'s rounding
            value = value / float(10 ** (end - whole))
        figures.append(-value if negative else value)
    return figures[0], figures[1]


def _numbers(template: _Template, digits: str) -> list[tuple[str, str]]:
    """The template's figures written with `digits` (all of a value's digits, in order)."""
    numbers, at = [], 0
    for sign, (lengths, separators) in zip(template.signs, template.layouts, strict=True):
        if not separators:
            numbers.append((sign, digits[at : at + lengths[0]]))
            at += lengths[0]
            continue
        parts = [digits[at : at + lengths[0]]]
        at += lengths[0]
        for separator, length in zip(separators, lengths[1:], strict=True):
            parts.append(separator)
            parts.append(digits[at : at + length])
            at += length
        numbers.append((sign, "".join(parts)))
    return numbers


class ShapeReader:
    """:func:`normalize.quantity.read_quantity` with one scan per (shape, header hint)."""

    def __init__(self) -> None:
        self._templates: dict[tuple[str, str | None], _Template | None] = {}

    def read(self, text: str, unit_hint: str | None) -> ParsedQuantity | Failure:
        key = (_shape(text), unit_hint)
        try:
            template = self._templates[key]
        except KeyError:
            return self._first(key, text, unit_hint)
        if template is None:
            return read_quantity(text, unit_hint)
        try:
            return template.read(text)
        except (ValueError, ArithmeticError):  # the full reader's guard words the failure
            return read_quantity(text, unit_hint)

    def read_many(self, pairs: list[tuple[str | None, str]]) -> ManyRead:
        """Many (header hint, text) pairs: each text finds its shape's template; the figures
        of all texts with the same digit layout are read as one array, the plans (unit,
        factors, bound) are made per shape, and the intervals for all texts at once."""
        size = len(pairs)
        alone: list[tuple[int, ParsedQuantity | Failure]] = []
        found: list[_Template] = []  # the templates of this batch, numbered
        numbers: dict[int, int] = {}  # id(template) → its number in `found`
        template_of = np.full(size, -1, np.intp)
        by_cuts: dict[Cuts, tuple[list[int], list[bytes]]] = {}
        templates = self._templates
        for row, (unit_hint, text) in enumerate(pairs):
            key = (_shape(text), unit_hint)
            template = templates.get(key, _UNSEEN)
            if template is _UNSEEN:
                template = self._learn(key, text, unit_hint)
            if template is None or not template.many:
                alone.append((row, self.read(text, unit_hint)))
                continue
            number = numbers.get(id(template))
            if number is None:
                number = numbers[id(template)] = len(found)
                found.append(template)
            template_of[row] = number
            rows, digits = by_cuts.setdefault(template.cuts, ([], []))
            rows.append(row)
            digits.append(text.encode().translate(None, _NOT_DIGIT_BYTES))
        first, last = np.full(size, np.nan), np.full(size, np.nan)
        for cuts, (rows, digits) in by_cuts.items():
            first[rows], last[rows] = _figures(cuts, digits)
        return self._finish(pairs, found, template_of, first, last, alone)

    def _finish(
        self,
        pairs: list[tuple[str | None, str]],
        found: list[_Template],
        template_of: np.ndarray,
        first: np.ndarray,
        last: np.ndarray,
        alone: list[tuple[int, ParsedQuantity | Failure]],
    ) -> ManyRead:
        """Each row's plan (its template's, for "biggest figure ≥ 1000" or not) and the
        intervals; rows whose interval fails are read one by one for the wording."""
        together = np.flatnonzero(template_of >= 0)
        with np.errstate(invalid="ignore"):  # inf - inf in an overflowing figure
            big = np.maximum(np.abs(first[together]), np.abs(last[together])) >= 1000
        choice, choice_of_row = np.unique(template_of[together] * 2 + big, return_inverse=True)
        plans = [found[c // 2].plan((False, False, bool(c % 2))) for c in choice.tolist()]
        which = np.full(len(pairs), -1, np.intp)
        which[together] = choice_of_row.reshape(-1)
        intervals = finish_many(plans, which[together], first[together], last[together])
        size = len(pairs)
        low, high, alt_low, alt_high = (np.full(size, np.nan) for _ in range(4))
        full = Intervals(low, high, alt_low, alt_high, np.zeros(size, bool))
        for name, values in zip(Intervals._fields, intervals, strict=True):
            getattr(full, name)[together] = values
        for row in np.flatnonzero((which >= 0) & ~full.ok).tolist():  # worded one by one
            which[row] = -1
            alone.append((row, self.read(pairs[row][1], pairs[row][0])))
        return ManyRead(plans, which, full, alone)

    def _learn(
        self, key: tuple[str, str | None], text: str, unit_hint: str | None
    ) -> _Template | None:
        """Scan the first value of a shape in full and keep the scan as the shape's template."""
        if len(self._templates) >= MAX_SHAPES:
            self._templates.clear()
        if needs_full_read(text):  # '32 KB to 2 MB': each bound read on its own
            self._templates[key] = None
            return None
        hint = hint_info(unit_hint)
        try:
            read = read_figure(text, hint)
        except (ValueError, ArithmeticError):
            read = None
        if read is None or isinstance(read, Failure):
            self._templates[key] = None  # failures name their text: read each in full
            return None
        scan, version, year_lead = read
        template = self._templates[key] = _template(text, scan, hint, version, year_lead)
        return template

    def _first(
        self, key: tuple[str, str | None], text: str, unit_hint: str | None
    ) -> ParsedQuantity | Failure:
        """Read the first value of a shape: learn its template, then read through it."""
        self._learn(key, text, unit_hint)
        if self._templates[key] is None:
            return read_quantity(text, unit_hint)
        return self.read(text, unit_hint)
