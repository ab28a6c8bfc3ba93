"""Human-readable figures ("1,200 req/s", "35 MB", "7 min"), shared by checks and reconcile."""

from __future__ import annotations

import math


def _num(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_value(value: float, unit: str | None) -> str:
    """A canonical-unit value written the way a reader expects."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "?"
    if unit == "B":
        for size, name in ((1e9, "GB"), (1e6, "MB"), (1e3, "KB")):
            if abs(value) >= size:
                return f"{_num(round(value / size, 2))} {name}"
        return f"{_num(value)} B"
    if unit == "s":
        for size, name in (
            (31_557_600, "years"),
            (604_800, "weeks"),
            (86_400, "days"),
            (3_600, "h"),
            (60, "min"),
            (1, "s"),
        ):
            if abs(value) >= size:
                return f"{_num(round(value / size, 2))} {name}"
        return f"{_num(round(value * 1000, 2))} ms"
    if unit == "percent":
        return f"{_num(round(value, 1))}%"
    if unit == "year":
        return str(int(value))
    if unit == "version":
        return f"{int(value) // 100}.{int(value) % 100}"
    if unit == "x":
        return f"{_num(round(value, 2))}×"
    if unit == "req/s":
        return f"{_num(round(value))} req/s"
    if unit in _SI_UNITS:  # "1.2 GB/s", "19.5 TFLOP/s", "1.41 GHz"
        for size, prefix in ((1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
            if abs(value) >= size:
                return f"{_num(round(value / size, 2))} {prefix}{unit}"
        return f"{_num(round(value, 2))} {unit}"
    if unit == "usd":
        return f"${_num(round(value, 2))}"
    return _num(round(value, 2))


_SI_UNITS = frozenset({"B/s", "FLOP/s", "OP/s", "pixel/s", "Hz", "W", "J"})


def format_interval(low: float, high: float, unit: str | None) -> str:
    """'2,500 req/s' for a point, '8,000–12,000 req/s' for a range, '68,000+' unbounded."""
    if not math.isfinite(high):
        return f"{format_value(low, unit)}+"
    if low == high:
        return format_value(low, unit)
    return f"{format_value(low, unit)}–{format_value(high, unit)}"
