"""The shape reader gives exactly the full reader's answer, one text at a time or many at once.

Every seed value and hint is read with its digits varied (years, versions, "≥ 1000" under a
scale hint, backwards ranges, overflow), so each digit-dependent choice is crossed.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from crosscheck.normalize.quantity import Failure, ParsedQuantity, read_quantity
from crosscheck.normalize.quantity_shapes import ManyRead, ShapeReader
from hypothesis import given, settings
from hypothesis import strategies as st

SEED_VALUES = Path(__file__).with_name("seed_values.csv")
EDGES = [
    "1999", "2100", "2101", "0999", "999", "1000", "9,999", "10,000", "5-3", "3-5", "3.6+",
    "3.10+", "2.7.18", "in 1999", "year 2020", ".5", "1,000,000+", "under 5 ms", "up to -3",
    "<1,000", "850 thousand", "1-2M", "~2,500 req/sec", "8,000-12,000", "9" * 400,
    "9" * 310 + " ms", "-" + "9" * 309 + " KB", "12 zb/s", "$55/month", "n/a", "4.6 (113 reviews)",
    # real pages' formats: national separators, markup, cards, units of many families
    "48 210", "1 234 567", "1.234.567", "1.234", "0,85", "12,5 ms", "0,482 s", "3,761",
    "1.234.567,89", "1 234,5 ms", "16,6%", "54.2k", "1.2 M", "~310-330 rps", "8-15ms", "25X",
    "20.456<sub>±0.025</sub>", "**2.721**", "1906ms\U0001f948", "25 min 4.53 sec", "1h 5m",
    "4805 ns/op", "56 B/op", "2 allocs/op", "Weekly\n8.9M", "QPS: 159K", "P99.9: 0.8ms",
    "9.02 MiB/s", "1Gbps", "$2.49/hr", "19.5 TFLOPS FP64", "1.25 POPS", "1410MHz", "350W",
    "Top 5 project", "in March 2024", "40GB/80GB HBM2e", "2.0-Slots", "12.5 ± 0.3 ms",
    "305\nMB/s", "within 5%", "18% - 40%", "half",
    "36.62 + 0.25", "[<sub>93</sub>](# \"+2\")",
    "18*", "90!", "3,5 ms†", "300[1]", "2.5 GB[12]", "45 ms¹", "10⁶",  # footnote marks
]  # fmt: skip


def _pairs() -> list[tuple[str | None, str]]:
    with SEED_VALUES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = sorted({row["raw"] for row in rows} | set(EDGES))
    hints = [*sorted({row["unit_hint"] for row in rows if row["unit_hint"]}), "years", None]
    rng = random.Random(5)
    pairs = []
    for text in texts:
        for hint in hints:
            pairs.append((hint, text))
            varied = "".join(rng.choice("0123456789") if c.isdigit() else c for c in text)
            pairs.append((hint, varied))
    rng.shuffle(pairs)
    return pairs


def _readings(read: ManyRead, size: int) -> list[ParsedQuantity | Failure]:
    """The ManyRead as one reading per row, in the full reader's terms."""
    out: dict[int, ParsedQuantity | Failure] = dict(read.alone)
    for row in range(size):
        number = read.which[row]
        if number < 0:
            continue
        assert row not in out
        plan, iv = read.plans[number], read.intervals
        alt = plan.alt_factor is not None
        out[row] = ParsedQuantity(
            float(iv.low[row]),
            float(iv.high[row]),
            plan.bound,
            plan.unit.canonical_unit,
            plan.unit.dimension,
            plan.noun,
            plan.note,
            float(iv.alt_low[row]) if alt else None,
            float(iv.alt_high[row]) if alt else None,
            plan.signed,
            plan.unit.per,
        )
    return [out[row] for row in range(size)]


def test_one_at_a_time_equals_the_full_reader() -> None:
    reader = ShapeReader()
    pairs = _pairs()
    for hint, text in pairs + pairs:  # the second round reads through learnt templates
        assert repr(reader.read(text, hint)) == repr(read_quantity(text, hint)), (text, hint)


def test_many_at_once_equals_the_full_reader() -> None:
    reader = ShapeReader()
    pairs = _pairs()
    assert len(pairs) > 2000
    together = 0
    for start in range(0, len(pairs), 700):
        batch = pairs[start : start + 700]
        read = reader.read_many(batch)
        together += int((read.which >= 0).sum())
        for (hint, text), got in zip(batch, _readings(read, len(batch)), strict=True):
            assert repr(got) == repr(read_quantity(text, hint)), (text, hint)
    assert together > len(pairs) / 2  # most values were read as arrays


def test_a_batch_of_nothing_reads_nothing() -> None:
    read = ShapeReader().read_many([])
    assert read.plans == [] and read.alone == [] and len(read.which) == 0


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "ms", "MB", "thousands", "years", "%", "version"]),
            st.from_regex(
                r"[~<>+-]?[0-9]{1,5}(,[0-9]{3})?(\.[0-9]{1,3})?(-[0-9]{1,4})?\+? ?"
                r"(ms|MB|KB|req/s|stars|%|x|k|M|thousand)?",
                fullmatch=True,
            ),
        ),
        max_size=40,
    )
)
def test_generated_values_read_alike(pairs: list[tuple[str | None, str]]) -> None:
    read = ShapeReader().read_many(pairs)
    for (hint, text), got in zip(pairs, _readings(read, len(pairs)), strict=True):
        assert repr(got) == repr(read_quantity(text, hint)), (text, hint)
