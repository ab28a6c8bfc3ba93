"""checks.spec_formulas: a spec figure above the figure that bounds it, or off the product it is
defined as, on one page and for one product; figures of other products, other variants, other
pages, or rounding never fire. Figures are made up in the shape of real spec cards."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.spec_formulas import find_spec_formula_breaks

from crosscheck.contracts import FindingKind

Row = tuple[str, str, str, str, float, str]  # page, entity, label, raw value, value, unit


def _facts(rows: list[Row], evidence: dict[int, str] | None = None) -> pd.DataFrame:
    """Fact rows; `evidence` gives a sentence figure's sentence (its label is the sentence)."""
    evidence = evidence or {}
    texts = [evidence.get(i, f"| {r[2]} | {r[3]} |") for i, r in enumerate(rows)]
    return pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(len(rows))],
            "source": [r[0] for r in rows],
            "entity": [r[1] for r in rows],
            "entity_qualifier": [None] * len(rows),
            "metric": ["m"] * len(rows),
            "label": [r[2] for r in rows],
            "raw_value": [r[3] for r in rows],
            "low": [r[4] for r in rows],
            "high": [r[4] for r in rows],
            "bound": [None] * len(rows),
            "unit": [r[5] for r in rows],
            "value_type": ["number"] * len(rows),
            "evidence": texts,
            "value_start": [t.find(r[3]) for t, r in zip(texts, rows, strict=True)],
        }
    )


_SENTENCE = "With 0.4 DWPD this drive takes about 250 GB of host writes per day for its warranty."


def test_sequential_read_above_the_interface_bandwidth_is_flagged() -> None:
    rows: list[Row] = [
        ("a.md", "Drive X", "Total Interface Bandwidth", "8 Gb/s", 1e9, "B/s"),
        ("a.md", "Drive X", "Sequential Read", "3500 MB/s", 3.5e9, "B/s"),
        ("a.md", "Drive X", "Sequential Write", "900 MB/s", 0.9e9, "B/s"),  # within the link
    ]
    findings = find_spec_formula_breaks(_facts(rows))
    assert [(f.kind, f.claim_ids) for f in findings] == [(FindingKind.LOGIC, ("c0", "c1"))]


def test_a_bound_never_pairs_figures_of_two_entities() -> None:
    # an interface row given to a stray entity ('PCIe') could be another drive's: no finding
    rows: list[Row] = [
        ("a.md", "PCIe", "Total Interface Bandwidth", "8 Gb/s", 1e9, "B/s"),
        ("a.md", "Drive X", "Seq Read", "3500 MB/s", 3.5e9, "B/s"),
    ]
    assert find_spec_formula_breaks(_facts(rows)) == []


def test_a_spec_rows_stray_entity_still_gives_a_product_its_input() -> None:
    # the page states one capacity and one DWPD, each given to a table cell's text
    rows: list[Row] = [
        ("a.md", "Brand", "Capacity", "2 TB", 2e12, "B"),
        ("a.md", "TLC NAND", "Drive Writes Per Day", "0.4", 0.4, "count"),
        ("a.md", "Drive X", _SENTENCE, "about 250 GB", 250e9, "B"),
    ]
    assert len(find_spec_formula_breaks(_facts(rows, {2: _SENTENCE}))) == 1


def test_another_products_interface_never_bounds_a_drive() -> None:
    # two drives on one comparison page: the older drive's link bounds only the older drive
    rows: list[Row] = [
        ("a.md", "Old Drive", "Interface bandwidth", "32 Gb/s", 4e9, "B/s"),
        ("a.md", "Old Drive", "Sequential read", "3500 MB/s", 3.5e9, "B/s"),
        ("a.md", "New Drive", "Sequential read", "7450 MB/s", 7.45e9, "B/s"),
        ("b.md", "New Drive", "Interface bandwidth", "32 Gb/s", 4e9, "B/s"),  # another page
    ]
    assert find_spec_formula_breaks(_facts(rows)) == []


def test_daily_writes_off_dwpd_times_capacity_are_flagged() -> None:
    rows: list[Row] = [
        ("a.md", "Drive X", "Capacity", "2 TB", 2e12, "B"),
        ("a.md", "Drive X", "Drive Writes Per Day", "0.4", 0.4, "count"),
        ("a.md", "Drive X", _SENTENCE, "about 250 GB", 250e9, "B"),
    ]
    findings = find_spec_formula_breaks(_facts(rows, {2: _SENTENCE}))
    assert [(f.kind, f.claim_ids) for f in findings] == [
        (FindingKind.DIFF_MISMATCH, ("c0", "c1", "c2"))
    ]
    assert "800 GB" in findings[0].explanation


def test_daily_writes_that_hold_within_rounding_are_not_flagged() -> None:
    rows: list[Row] = [
        ("a.md", "Drive X", "Capacity", "2 TB", 2e12, "B"),
        ("a.md", "Drive X", "DWPD", "0.4", 0.4, "count"),
        ("a.md", "Drive X", _SENTENCE, "about 750 GB", 750e9, "B"),  # 800 GB, rounded down
    ]
    assert find_spec_formula_breaks(_facts(rows, {2: _SENTENCE})) == []


def test_two_capacities_on_a_page_give_no_product() -> None:
    # capacity variants: which capacity the daily writes were worked out for is unknown
    rows: list[Row] = [
        ("a.md", "Drive X", "Capacity", "1 TB", 1e12, "B"),
        ("a.md", "Drive X", "Capacity", "2 TB", 2e12, "B"),
        ("a.md", "Drive X", "DWPD", "0.4", 0.4, "count"),
        ("a.md", "Drive X", _SENTENCE, "about 250 GB", 250e9, "B"),
    ]
    assert find_spec_formula_breaks(_facts(rows, {3: _SENTENCE})) == []


def test_a_quantity_word_far_from_a_sentence_figure_names_nothing() -> None:
    # the 250 GB is a cache size; 'writes per day' comes long after it
    sentence = "The 250 GB SLC cache refills quickly, so heavy writes per day stay fast."
    rows: list[Row] = [
        ("a.md", "Drive X", "Capacity", "2 TB", 2e12, "B"),
        ("a.md", "Drive X", "DWPD", "0.4", 0.4, "count"),
        ("a.md", "Drive X", sentence, "250 GB", 250e9, "B"),
    ]
    assert find_spec_formula_breaks(_facts(rows, {2: sentence})) == []


def _endurance(dwpd: float, warranty: tuple[str, float, str]) -> list[Row]:
    return [
        ("a.md", "Drive X", "Capacity", "2 TB", 2e12, "B"),
        ("a.md", "Drive X", "Endurance (TBW)", "1200 TBW", 1.2e15, "B"),
        ("a.md", "Drive X", "Warranty", *warranty),
        ("a.md", "Drive X", "DWPD", f"{dwpd}", dwpd, "count"),
    ]


def test_a_dwpd_the_tbw_capacity_and_warranty_give_is_not_flagged() -> None:
    # 1200 TB / 2 TB over 5 x 365 days: 0.33 drive writes per day, rounded
    for warranty in (("5 years", 5.0, "years"), ("5 years", 5 * 365 * 86400.0, "s")):
        assert find_spec_formula_breaks(_facts(_endurance(0.33, warranty))) == []


def test_a_dwpd_double_what_the_tbw_gives_is_flagged() -> None:
    findings = find_spec_formula_breaks(_facts(_endurance(0.66, ("5 years", 5.0, "years"))))
    assert [(f.kind, f.claim_ids) for f in findings] == [
        (FindingKind.DIFF_MISMATCH, ("c0", "c1", "c2", "c3"))
    ]
    assert "2 times" in findings[0].explanation


def test_a_base_clock_above_its_own_boost_clock_is_flagged_and_two_cards_never_cross() -> None:
    rows: list[Row] = [
        ("a.md", "Card A", "Base Clock", "2520 MHz", 2.52e9, "Hz"),
        ("a.md", "Card A", "Boost Clock", "2235 MHz", 2.235e9, "Hz"),  # swapped: flagged
        ("a.md", "Card B", "Base Clock", "2205 MHz", 2.205e9, "Hz"),
        ("a.md", "Card B", "Boost Clock", "2505 MHz", 2.505e9, "Hz"),
        ("a.md", "Card C", "Base Clock", "2300 MHz", 2.3e9, "Hz"),  # no boost of its own
    ]
    findings = find_spec_formula_breaks(_facts(rows))
    assert [(f.kind, f.entity, f.claim_ids) for f in findings] == [
        (FindingKind.LOGIC, "Card A", ("c0", "c1"))
    ]


def test_figures_above_one_bound_are_one_finding() -> None:
    # a read and a write rate both above one '16 Gb/s' link: the link figure is the likelier
    # slip, one cause and one finding citing all three figures (realfind12)
    rows: list[Row] = [
        ("a.md", "Drive X", "Total Interface Bandwidth", "16 Gb/s", 2e9, "B/s"),
        ("a.md", "Drive X", "Sequential Read", "7100 MB/s", 7.1e9, "B/s"),
        ("a.md", "Drive X", "Sequential Write", "6400 MB/s", 6.4e9, "B/s"),
    ]
    findings = find_spec_formula_breaks(_facts(rows))
    assert [(f.kind, f.claim_ids) for f in findings] == [(FindingKind.LOGIC, ("c0", "c1", "c2"))]
    assert "7100 MB/s" in findings[0].explanation and "6400 MB/s" in findings[0].explanation


def _headerless(rows: list[tuple[str, list[tuple[str, float, str]]]]) -> pd.DataFrame:
    """A spec table without a header row: each row's first cell (the quantity) read as the
    entity, its cells labelled 'column N' (what ingest gives a column without a header)."""
    flat = []
    for r, (quantity, cells) in enumerate(rows, start=1):
        row_text = " | ".join([quantity, *(raw for raw, _, _ in cells)])
        for c, (raw, value, unit) in enumerate(cells, start=2):
            flat.append((quantity, f"column {c}", raw, value, unit, f"t1r{r}", row_text))
    return pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(len(flat))],
            "source": ["w.txt"] * len(flat),
            "entity": [f[0] for f in flat],
            "entity_qualifier": [None] * len(flat),
            "metric": ["m"] * len(flat),
            "label": [f[1] for f in flat],
            "raw_value": [f[2] for f in flat],
            "low": [f[3] for f in flat],
            "high": [f[3] for f in flat],
            "bound": [None] * len(flat),
            "unit": [f[4] for f in flat],
            "value_type": ["number"] * len(flat),
            "row_key": [f[5] for f in flat],
            "evidence": [f[6] for f in flat],
            "value_start": [f[6].find(f[2]) for f in flat],
        }
    )


def test_a_headerless_table_multiplies_each_column_as_one_product() -> None:
    # columns are standards whose names the table lost: 12 x 1800 Mbps = 21.6 Gbps holds in
    # column 3; column 2 states 30 Gbps for 12 x 2000 Mbps (24 Gbps)
    facts = _headerless(
        [
            ("Maximum Spatial Streams", [("12", 12, "count"), ("12", 12, "count")]),
            (
                "Maximum Bandwidth per Stream",
                [("2000 Mbps", 2.5e8, "B/s"), ("1800 Mbps", 2.25e8, "B/s")],
            ),
            (
                "Theoretical Maximum Data Rate",
                [("30 Gbps", 3.75e9, "B/s"), ("21.6 Gbps", 2.7e9, "B/s")],
            ),
        ]
    )
    findings = find_spec_formula_breaks(facts)
    assert [(f.kind, f.claim_ids) for f in findings] == [
        (FindingKind.DIFF_MISMATCH, ("c0", "c2", "c4"))
    ]
    assert "column 2 of table 1" in findings[0].explanation


def test_streams_times_rate_within_rounding_is_not_flagged() -> None:
    # 16 x 2.88 Gbit/s = 46.08 Gbit/s, stated as 46
    rows: list[Row] = [
        ("a.md", "Std X", "Spatial streams", "16", 16, "count"),
        ("a.md", "Std X", "Rate per stream", "2.88 Gbit/s", 3.6e8, "B/s"),
        ("a.md", "Std X", "Theoretical maximum data rate", "46 Gbit/s", 5.75e9, "B/s"),
    ]
    assert find_spec_formula_breaks(_facts(rows)) == []
