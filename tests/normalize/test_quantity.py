"""The quantity parser against every value of the seed pages, the hint rules, and properties."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest
from crosscheck.normalize.errors import NormalizeError, QuantityError
from crosscheck.normalize.quantity import (
    HINT_MISMATCH,
    ParsedQuantity,
    format_interval,
    parse_quantity,
)
from crosscheck.normalize.repair import repair_text
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.contracts import BoundKind, QuarantineReason
from tests.conftest import SEEDS_DIR

SEED_VALUES = Path(__file__).with_name("seed_values.csv")


def _rows() -> list[dict[str, str]]:
    with SEED_VALUES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _float(text: str) -> float | None:
    return None if text == "" else float(text)


def _close(actual: float | None, expected: float | None) -> bool:
    if actual is None or expected is None:
        return actual is expected
    return actual == expected or math.isclose(actual, expected, rel_tol=1e-9)


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['raw']}|{r['unit_hint']}")
def test_seed_value(row: dict[str, str]) -> None:
    """Each distinct seed value (table cells, flattened rows, cards, bullets) parses as expected."""
    hint = row["unit_hint"] or None
    if row["unit"].startswith("error:"):
        with pytest.raises(QuantityError) as caught:
            parse_quantity(row["raw"], hint)
        assert caught.value.reason == QuarantineReason(row["unit"].removeprefix("error:"))
        return
    q = parse_quantity(row["raw"], hint)
    assert q.bound == BoundKind(row["bound"])
    assert q.unit == row["unit"]
    assert _close(q.low, _float(row["low"])), q
    assert _close(q.high, _float(row["high"])), q
    assert _close(q.alt_low, _float(row["alt_low"])), q
    assert _close(q.alt_high, _float(row["alt_high"])), q
    assert (q.noun or "") == row["noun"]
    assert (q.note or "") == row["note"]


def test_seed_table_has_enough_rows() -> None:
    rows = _rows()
    assert len(rows) >= 150
    assert len({(r["raw"], r["unit_hint"]) for r in rows}) == len(rows)


_SEPARATOR = re.compile(r"^[\s|:-]+$")


def test_every_seed_table_cell_is_in_the_fixture() -> None:
    """The fixture stays complete: every non-empty table cell of the seeds has a row."""
    covered = {r["raw"] for r in _rows()}
    missing = set()
    for page in sorted(SEEDS_DIR.glob("*.txt")):
        for line in page.read_text(encoding="utf-8").splitlines():
            if not line.startswith("|") or _SEPARATOR.match(line):
                continue
            label, *cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if label in {"Metric", "Attribute"}:
                continue  # a header row
            for cell in cells:
                text = repair_text(cell).text
                if text not in {"", "—"} and text not in covered:
                    missing.add(text)
    assert not missing


# --- bounds and interval semantics ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "bound"),
    [
        ("75 MB", 75e6, 75e6, BoundKind.EXACT),
        ("~11 KB", 11e3, 11e3, BoundKind.APPROXIMATE),
        ("about 5 hours", 18000, 18000, BoundKind.APPROXIMATE),
        ("approx. 5 ms", 0.005, 0.005, BoundKind.APPROXIMATE),
        ("≈ 40 MB", 40e6, 40e6, BoundKind.APPROXIMATE),
        ("2,500+", 2500, math.inf, BoundKind.AT_LEAST),
        ("over 500 users", 500, math.inf, BoundKind.AT_LEAST),
        ("more than 3 weeks", 3 * 604800, math.inf, BoundKind.AT_LEAST),
        ("> 10 ms", 0.01, math.inf, BoundKind.AT_LEAST),
        ("at least 2 GB", 2e9, math.inf, BoundKind.AT_LEAST),
        ("under 10 lines of code", 0, 10, BoundKind.AT_MOST),
        ("<500", 0, 500, BoundKind.AT_MOST),
        ("up to 8 KB", 0, 8000, BoundKind.AT_MOST),
        ("less than 2 hours", 0, 7200, BoundKind.AT_MOST),
        ("at most 1.5 s", 0, 1.5, BoundKind.AT_MOST),
        ("25-35 ms", 0.025, 0.035, BoundKind.RANGE),
        ("8,000 – 12,000 req/s", 8000, 12000, BoundKind.RANGE),
        ("5 to 10 minutes", 300, 600, BoundKind.RANGE),
        ("~8,000-12,000", 8000, 12000, BoundKind.RANGE),
        ("between 5 and 10", 5, 10, BoundKind.RANGE),
        ("1-2M downloads", 1e6, 2e6, BoundKind.RANGE),
        ("1 hour - 2 hours", 3600, 7200, BoundKind.RANGE),
    ],
)
def test_bounds(text: str, low: float, high: float, bound: BoundKind) -> None:
    q = parse_quantity(text)
    assert (q.low, q.high, q.bound) == (pytest.approx(low), pytest.approx(high), bound)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("850 thousand", 850e3, "count"),
        ("1.2M", 1.2e6, "count"),
        ("500K", 500e3, "count"),
        ("~500K packages", 500e3, "count"),
        ("1,200 thousand", 1.2e6, "count"),
        ("2 billion", 2e9, "count"),
        ("3 bn", 3e9, "count"),
        ("1.5 GB", 1.5e9, "B"),
        ("512 kB", 512e3, "B"),
        ("64 KiB", 65536, "B"),
        ("100 bytes", 100, "B"),
        ("2 days", 172800, "s"),
        ("90 seconds", 90, "s"),
        ("3 months", 3 * 2629800, "s"),
        ("~7,500 RPS", 7500, "req/s"),
        ("400 requests/second", 400, "req/s"),
        ("12 requests per second", 12, "req/s"),
        ("16.7×", 16.7, "x"),
    ],
)
def test_scales_and_units(text: str, value: float, unit: str) -> None:
    q = parse_quantity(text)
    assert q.low == pytest.approx(value) and q.unit == unit


def test_percent_signs() -> None:
    assert parse_quantity("+656%").signed and parse_quantity("+656%").low == 656
    minus = parse_quantity("-67%")
    assert (minus.low, minus.unit, minus.dimension, minus.signed) == (
        -67,
        "percent",
        "percent",
        True,
    )
    assert not parse_quantity("70%").signed
    assert parse_quantity("−67%").low == -67  # the Unicode minus sign


def test_versions_are_major_times_100_plus_minor() -> None:
    assert parse_quantity("3.10+", "version").low == 310
    assert parse_quantity("Python 3.6+").low == 306
    q = parse_quantity("Python 2.7+ (legacy) / 3.4+", "version")
    assert (q.low, q.bound, q.unit, q.note) == (
        304,
        BoundKind.AT_LEAST,
        "version",
        "Python 2.7+ (legacy)",
    )
    assert parse_quantity("v2.0").low == 200


def test_years_need_a_hint_or_a_lead_word() -> None:
    assert parse_quantity("2018", "First Release Year").unit == "year"
    assert parse_quantity("2018").unit == "count"
    assert parse_quantity("2018-2020", "year").bound is BoundKind.RANGE
    age = parse_quantity("6 years (2018)", "years")
    assert (age.unit, age.low, age.note) == ("s", 6 * 31557600, "2018")
    assert parse_quantity("6", "years").low == 6 * 31557600


def test_nouns_and_notes() -> None:
    q = parse_quantity("68,000+ stars")
    assert (q.noun, q.dimension, q.bound) == ("stars", "count", BoundKind.AT_LEAST)
    optimal = parse_quantity("500 optimal", "connections")
    assert (optimal.noun, optimal.note, optimal.unit) == (None, "optimal", "count")
    assert parse_quantity("~35 MB per instance").note == "per instance"
    assert parse_quantity("1,200KB (with uvicorn)").note == "with uvicorn"
    assert parse_quantity("~1.2M (PyPI: ~2.8M)").note == "PyPI: ~2.8M"


# --- header hints and the two-readings rule ------------------------------------------------


def test_hint_applies_when_the_cell_has_no_unit() -> None:
    assert parse_quantity("100", "MB").low == 100e6
    assert parse_quantity("175", "ms").low == 0.175
    assert parse_quantity("5-10", "minutes").high == 600
    assert parse_quantity("68", "% of Python web frameworks").unit == "percent"
    assert parse_quantity("12", "years in market").unit == "s"
    assert parse_quantity("42", "included").unit == "count"  # a hint that is no unit is ignored


def test_same_dimension_other_scale_keeps_both_readings() -> None:
    q = parse_quantity("7 minutes", "hours")
    assert (q.low, q.alt_low, q.alt_high) == (420, 25200, 25200)
    assert parse_quantity("3.5 hours (manual setup required)", "minutes").alt_low == 210
    assert parse_quantity("~35 MB", "MB").alt_low is None


def test_scale_hint_rules() -> None:
    own = parse_quantity("850 thousand", "thousands")
    assert (own.low, own.alt_low) == (850e3, 850e6)
    big = parse_quantity("40,000+", "thousands")
    assert (big.low, big.alt_low, big.alt_high) == (40000, 40e6, math.inf)
    small = parse_quantity("850", "thousands")
    assert (small.low, small.alt_low) == (850e3, None)
    assert parse_quantity("1.2", "millions").low == 1.2e6
    # a bare figure of four digits is still a scaled one: "3844" under "(thousands qps)" is
    # 3.844 million; written in full with digit groups it is the second reading
    bare = parse_quantity("3844", "thousands qps")
    assert (bare.low, bare.alt_low) == (3_844_000, None)
    grouped = parse_quantity("3,844,000", "thousands")
    assert (grouped.low, grouped.alt_low) == (3_844_000, 3_844_000_000)


def test_hint_of_another_dimension_is_noted() -> None:
    q = parse_quantity("~12,000 req/s", "packages")
    assert (q.unit, q.alt_low, q.note) == ("req/s", None, HINT_MISMATCH)


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Native, default behavior", QuarantineReason.NO_NUMBER),
        ("", QuarantineReason.NO_NUMBER),
        ("—", QuarantineReason.NO_NUMBER),
        ("Built-in (OpenAPI 3.0)", QuarantineReason.NO_NUMBER),
        ("5 zb", QuarantineReason.UNKNOWN_UNIT),
        ("12 parsecs/s", QuarantineReason.UNKNOWN_UNIT),
        ("10 Qb", QuarantineReason.UNKNOWN_UNIT),
        ("Flask 2.0 (2021)", QuarantineReason.UNPARSEABLE),
        ("10-5 ms", QuarantineReason.UNPARSEABLE),
    ],
)
def test_errors_carry_a_reason(text: str, reason: QuarantineReason) -> None:
    with pytest.raises(QuantityError) as caught:
        parse_quantity(text)
    assert caught.value.reason is reason
    assert isinstance(caught.value, NormalizeError)
    assert str(caught.value)


def test_results_are_cached() -> None:
    assert parse_quantity("~2,500 req/sec", "req/sec") is parse_quantity(
        "~2,500 req/sec", "req/sec"
    )


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text(max_size=20)))
def test_never_raises_anything_but_quantity_error(text: str, hint: str | None) -> None:
    try:
        q = parse_quantity(text, hint)
    except QuantityError as exc:
        assert isinstance(exc.reason, QuarantineReason)
    else:
        assert q.low <= q.high


_FIGURE_TEXT = st.from_regex(
    r"\A[~<>]?\s?[+-]?[0-9]{1,6}(,[0-9]{3})?(\.[0-9]{1,3})?\s?(-\s?[0-9]{1,6})?\+?"
    r"\s?(KB|MB|ms|hours|req/s|RPS|%|x|stars|K|M|thousand)?\Z"
)


@settings(max_examples=300, deadline=None)
@given(_FIGURE_TEXT)
def test_figure_shaped_text_never_crashes(text: str) -> None:
    try:
        q = parse_quantity(text)
    except QuantityError:
        return
    assert q.low <= q.high and q.unit is not None


_MAGNITUDES = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)


@st.composite
def _intervals(draw: st.DrawFn) -> ParsedQuantity:
    unit = draw(st.sampled_from(["B", "s", "req/s", "count", "percent", "year", "version", "x"]))
    bound = draw(st.sampled_from(list(BoundKind)))
    if unit == "version":
        values = sorted(
            float(v) for v in draw(st.lists(st.integers(0, 9999), min_size=2, max_size=2))
        )
    elif unit == "percent":
        values = sorted(draw(st.lists(st.floats(-1e4, 1e4), min_size=2, max_size=2)))
    else:
        values = sorted(draw(st.lists(_MAGNITUDES, min_size=2, max_size=2)))
    low, high = values
    if bound is BoundKind.RANGE:
        pass
    elif bound is BoundKind.AT_LEAST:
        high = math.inf
    elif bound is BoundKind.AT_MOST:
        low = 0.0 if high >= 0 else -math.inf
    else:
        high = low
    return ParsedQuantity(low, high, bound, unit, None, None, None)


@settings(max_examples=500, deadline=None)
@given(_intervals())
def test_format_then_parse_round_trips(q: ParsedQuantity) -> None:
    text = format_interval(q)
    back = parse_quantity(text)
    assert (back.low, back.high, back.bound, back.unit) == (q.low, q.high, q.bound, q.unit), text


def test_a_quota_per_calendar_period_keeps_its_unit_and_notes_the_period() -> None:
    """'2,000 min/mo', '30,000 credits/mo' on CI plan tables (realacc3): the unit with the
    period is unknown, the figure is its unit's, the period a note."""
    minutes = parse_quantity("1,500 min/mo (Linux)")
    assert (minutes.low, minutes.unit) == (90_000.0, "s")
    assert minutes.note is not None and minutes.note.startswith("per month")
    credits = parse_quantity("25,000 credits/mo")
    assert (credits.low, credits.unit, credits.noun) == (25_000.0, "count", "credits")
    assert parse_quantity("12 req/s").note is None
