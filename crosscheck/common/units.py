"""One registry of canonical units: which unit each dimension is stored in, and how it is shown.

Normalize converts every figure to the unit of its dimension here; checks' explanations
(`format_value`, "1,200 req/s", "35 MB") and the report's compact numbers (`number_text`, "1.2M",
"45 MB") read the same table, so a new unit is added in one place.
"""

from __future__ import annotations

import math

# Canonical units, one per dimension (docs/normalization.md). Requests, queries, transactions,
# operations and messages per second are one family ("rate"); compute operations (TOPS) and
# floating-point operations (TFLOPS) are their own. Durations of years are seconds ("time");
# "year" is a calendar year.
CANONICAL_UNITS: dict[str, str] = {
    "bytes": "B",
    "time": "s",
    "rate": "req/s",
    "data_rate": "B/s",
    "flops": "FLOP/s",
    "compute_ops": "OP/s",
    "pixel_rate": "pixel/s",
    "frequency": "Hz",
    "power": "W",
    "energy": "J",
    "money": "usd",
    "count": "count",
    "score": "score",
    "rank": "rank",
    "percent": "percent",
    "year": "year",
    "version": "version",
    "ratio": "x",
    # spec sheets of cars, laptops and routers: range, speed, weight
    "length": "m",
    "speed": "m/s",
    "mass": "kg",
    # phones' batteries, electric cars' efficiency and consumption
    "charge": "mAh",
    "pixel_density": "ppi",  # a display's pixels per inch
    "efficiency": "km/kWh",
    "consumption": "Wh/km",
    "current": "A",  # a battery's or inverter's output current, a breaker's rating
    "voltage": "V",  # a charger's or battery pack's output voltage ("5V", "20 V")
    # engines and e-bike motors ("207 lb-ft", "85 Nm"); fridges, boots and tanks ("21 cu. ft.")
    "torque": "N·m",
    "volume": "m³",
    # prices written in euros after the figure ("1.240 Euro", "59,00 €"); never mixed with usd
    "money_eur": "eur",
    # a CPU or GPU review's frames per watt and frames per dollar ("0.94 FPS/W", "0.39 FPS/$")
    "frame_efficiency": "fps/W",
    "frame_value": "fps/usd",
    # spec sheets: a chip's die area ("608 mm2"), a display's brightness ("2000 nits"), prices
    # written in Indian rupees ("₹1,06,999"; never mixed with usd, no exchange rate)
    "area": "m²",
    "luminance": "nit",
    "money_inr": "inr",
    # 3D printers' accelerations ("20,000 mm/s²") and keyboard switches' forces ("45 cN", "60 gf")
    "acceleration": "m/s²",
    "force": "N",
    # notfound30: prices in yen ("約4円"; never mixed with usd, no exchange rate) and
    # temperatures in degrees Celsius ("85.9℃")
    "money_jpy": "jpy",
    "temperature": "°C",
}
# Units shown with an SI prefix ("1.2 GB/s", "19.5 TFLOP/s", "1.41 GHz").
SI_UNITS: frozenset[str] = frozenset({"B/s", "FLOP/s", "OP/s", "pixel/s", "Hz", "W", "J"})

# What follows a number in compact text; bytes and seconds travel with the number ("45 MB").
UNIT_TEXT: dict[str, str] = {
    "count": "", "percent": "%", "x": "×", "year": "", "version": "", "B": "", "s": "",
    "usd": "", "score": "", "rank": "",
}  # fmt: skip

# Scales, largest first: (size in the canonical unit, name).
BYTE_STEPS: tuple[tuple[float, str], ...] = ((1e9, "GB"), (1e6, "MB"), (1e3, "KB"))
TIME_STEPS: tuple[tuple[float, str], ...] = (
    (31_557_600, "years"), (604_800, "weeks"), (86_400, "days"), (3_600, "h"), (60, "min"),
    (1, "s"),
)  # fmt: skip
COMPACT_TIME_STEPS: tuple[tuple[float, str], ...] = (
    (31_557_600, "yr"), (86_400, "d"), (3_600, "h"), (60, "min"), (1, "s"), (1e-3, "ms"),
    (1e-6, "µs"),
)  # fmt: skip
COMPACT_STEPS: tuple[tuple[float, str], ...] = ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))


def _num(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _rounded(value: float, digits: int = 2) -> str:
    """A value rounded to `digits` places, or in significant figures when rounding would show 0
    ('1e-17' for an error rate, not '0')."""
    if value and abs(value) < 10**-digits:
        return f"{value:.3g}"
    return _num(round(value, digits))


def format_value(value: float | None, unit: str | None) -> str:
    """A canonical-unit value as a sentence writes it ("1,200 req/s", "35 MB", "7 min")."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "?"
    if unit == "B":
        for size, name in BYTE_STEPS:
            if abs(value) >= size:
                return f"{_num(round(value / size, 2))} {name}"
        return f"{_num(value)} B"
    if unit == "s":
        for size, name in TIME_STEPS:
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
    if unit in SI_UNITS:
        for size, prefix in ((1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
            if abs(value) >= size:
                return f"{_num(round(value / size, 2))} {prefix}{unit}"
        return f"{_rounded(value)} {unit}"
    if unit == "usd":
        return f"${_num(round(value, 2))}"
    return _rounded(value)


def format_interval(low: float, high: float, unit: str | None) -> str:
    """'2,500 req/s' for a point, '8,000–12,000 req/s' for a range, '68,000+' unbounded."""
    if not math.isfinite(high):
        return f"{format_value(low, unit)}+"
    if low == high:
        return format_value(low, unit)
    return f"{format_value(low, unit)}–{format_value(high, unit)}"


def unit_text(unit: str | None) -> str:
    """A canonical unit as shown next to a compact number ("count" shows nothing)."""
    return UNIT_TEXT.get(unit or "", unit or "")


def number_text(value: float | None, unit: str | None = None) -> str:
    """A compact, readable number: 2,500 / 1.2M / 45 MB (bytes carry their unit) / 2019 / ∞."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if unit == "year":
        return str(round(value))
    if unit == "s":
        div, name = next(((d, n) for d, n in COMPACT_TIME_STEPS if abs(value) >= d), (1, "s"))
        return f"{value / div:,.4g} {name}"
    size, tail = abs(value), " B" if unit == "B" else ""
    for div, suffix in COMPACT_STEPS:
        if size >= div and (tail or div > 1e3):
            return f"{value / div:.3g}" + (f" {suffix}B" if tail else suffix)
    return (f"{value:,.0f}" if size >= 1000 else f"{value:.4g}") + tail


def interval_text(low: float | None, high: float | None, unit: str | None) -> str:
    """An interval in compact words: "2,500 req/s", "≥ 400,000", "8,000–12,000 req/s"."""
    shown = unit_text(unit)
    tail = shown if shown in ("%", "×") else f" {shown}".rstrip()
    if low is None or high is None:
        return "—"
    if low == high:
        body = number_text(low, unit)
    elif math.isinf(high) and not math.isinf(low):
        body = f"≥ {number_text(low, unit)}"
    elif math.isinf(low) and not math.isinf(high):
        body = f"≤ {number_text(high, unit)}"
    else:
        body = f"{number_text(low, unit)}–{number_text(high, unit)}"
    return body + tail
