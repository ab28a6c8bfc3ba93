"""Unit resolution: canonical units, the decimal-KB decision, count nouns, scale words, caching."""

from __future__ import annotations

import pytest
from crosscheck.normalize.units import (
    CUSTOM_DEFINITIONS,
    UnitInfo,
    hint_info,
    resolve_unit,
    scale_of,
    unit_registry,
)

from crosscheck.contracts import CANONICAL_UNITS


def test_kilobyte_is_1000_bytes_and_documented() -> None:
    """KB is decimal here (DESIGN: sizes on these pages are rounded decimal figures)."""
    assert resolve_unit("KB") == UnitInfo("bytes", "B", 1000.0)
    assert resolve_unit("kB") == resolve_unit("kilobytes") == resolve_unit("KB")
    assert resolve_unit("MB").factor == 1e6 and resolve_unit("GB").factor == 1e9
    assert resolve_unit("KiB").factor == 1024  # the binary unit stays binary when written so
    assert "KB = 1000 * byte" in CUSTOM_DEFINITIONS


def test_bytes_are_bytes_not_bits() -> None:
    assert resolve_unit("bytes") == UnitInfo("bytes", "B", 1.0)
    assert resolve_unit("B").factor == 1.0
    assert resolve_unit("mb") == UnitInfo("bytes", "B", 1e6)  # pint alone: a millibarn
    # Mixed case is the bit (as on network links): Mb = megabit, Gbps = gigabits per second
    assert resolve_unit("Mb") == UnitInfo("bytes", "B", 125_000.0)
    assert resolve_unit("Gbps") == UnitInfo("data_rate", "B/s", 1.25e8)
    assert resolve_unit("GB/s") == UnitInfo("data_rate", "B/s", 1e9)


@pytest.mark.parametrize(
    ("text", "factor"),
    [
        ("ms", 0.001),
        ("milliseconds", 0.001),
        ("s", 1.0),
        ("sec", 1.0),
        ("seconds", 1.0),
        ("minutes", 60.0),
        ("min", 60.0),
        ("hours", 3600.0),
        ("hrs", 3600.0),
        ("days", 86400.0),
        ("weeks", 604800.0),
        ("wk", 604800.0),
        ("months", 2629800.0),
        ("years", 31557600.0),
    ],
)
def test_durations_are_seconds(text: str, factor: float) -> None:
    info = resolve_unit(text)
    assert info is not None and info.dimension == "time" and info.canonical_unit == "s"
    assert info.factor == pytest.approx(factor)


@pytest.mark.parametrize(
    "text",
    ["req/s", "req/sec", "RPS", "rps", "requests/second", "requests/sec", "requests per second"],
)
def test_request_rates(text: str) -> None:
    assert resolve_unit(text) == UnitInfo("rate", "req/s", 1.0)


@pytest.mark.parametrize(
    "text",
    [
        "stars",
        "packages",
        "positions",
        "jobs",
        "extensions",
        "questions",
        "lines",
        "lines of code",
        "connections",
        "downloads",
        "integrations",
        "libraries",
        "tutorials",
        "users",
        "count",
        "star",
        "GitHub stars",
        "Stack Overflow questions",
        "third-party extensions",
    ],
)
def test_count_nouns(text: str) -> None:
    assert resolve_unit(text) == UnitInfo("count", "count", 1.0)


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("%", "percent"),
        ("percent", "percent"),
        ("x", "ratio"),
        ("×", "ratio"),
        ("version", "version"),
    ],
)
def test_dimensionless_units(text: str, dimension: str) -> None:
    info = resolve_unit(text)
    assert info is not None and info.dimension == dimension
    assert info.canonical_unit == CANONICAL_UNITS[dimension]


@pytest.mark.parametrize(
    "text", ["", "optimal", "included", "per instance", "MB per instance", "m", "2**99"]
)
def test_unknown_or_unsafe_text_resolves_to_none(text: str) -> None:
    assert resolve_unit(text) is None


def test_every_canonical_unit_is_reachable() -> None:
    texts = ["KB", "ms", "RPS", "stars", "%", "release year", "version", "x", "MB/s", "TFLOPS",
             "TOPS", "Gpixel/s", "MHz", "W", "kJ", "$", "score", "rank", "km", "mph",
             "lb", "mAh", "km/kWh", "Wh/km", "PPI", "amps", "volts", "Nm", "cu ft",
             "Euro", "FPS/W", "FPS/$", "mm2", "nits", "₹", "mm/s²", "cN", "円", "℃"]  # fmt: skip
    reached = {info.canonical_unit for text in texts if (info := resolve_unit(text)) is not None}
    assert reached == set(CANONICAL_UNITS.values())


def test_scale_words() -> None:
    assert scale_of("thousands") == scale_of("(thousands)") == scale_of("K") == scale_of("k") == 1e3
    assert scale_of("million") == scale_of("M") == 1e6
    assert scale_of("billion") == scale_of("B") == scale_of("bn") == 1e9
    assert scale_of("m") is None and scale_of("hours") is None


def test_hints() -> None:
    assert hint_info("thousands").scale == 1e3 and hint_info("thousands").unit is None
    assert hint_info("years in market").unit == resolve_unit("years")
    assert hint_info("% of Python web frameworks").unit == resolve_unit("%")
    assert hint_info("included").unit is None and hint_info("included").scale is None
    assert hint_info("First Release Year").mentions_year
    assert hint_info(None).unit is None


def test_resolution_is_cached_per_string() -> None:
    resolve_unit("kilobytes")
    before = resolve_unit.cache_info()
    for _ in range(5):
        resolve_unit("kilobytes")
    after = resolve_unit.cache_info()
    assert after.hits - before.hits == 5 and after.misses == before.misses


def test_registry_is_built_once() -> None:
    assert unit_registry() is unit_registry()
    assert unit_registry().Quantity(150, "KB").to("byte").magnitude == 150_000


def test_cjk_seconds_iops_and_frames_per_second() -> None:
    """'0.8 秒' on a Chinese editor page, 'FIO Random Read (IOPS)' on a hosting benchmark,
    '120fps' scrolling: a duration, an operation rate and a frequency (realacc3)."""
    assert resolve_unit("秒") == UnitInfo("time", "s", 1.0)
    assert resolve_unit("毫秒") == UnitInfo("time", "s", 1e-3)
    rate = resolve_unit("IOPS")
    assert rate is not None and rate == resolve_unit("req/s")
    fps = resolve_unit("fps")
    assert fps is not None and fps.dimension == "frequency"
