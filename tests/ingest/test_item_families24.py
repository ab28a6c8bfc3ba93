"""Names given as bullet and heading labels (realent24): sibling leads of one family ("Zorro
KX Amber: ...", "Zorro KX Teal: ...", "802.11b (1999) — ...") name the products whose figures
their items hold; a property label ("Max Speed: 11 Mbps") or an enumeration ("Step 2: ...")
never does; a header word after a column's name ("... specification") is no part of it; a
chart flattened to value-led lines ("35 gf Zorro KX Amber" / "Zorro KX Sand") gives each name
its row's value.

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

import pytest
from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.generic_nouns import without_header_tail
from crosscheck.ingest.item_families import item_families
from crosscheck.ingest.value_led_rows import value_led_tables

from tests.ingest.parsing import text_claims


def _nothing(text: str) -> list[object]:
    return []


def _owners(text: str, raw: str) -> list[str]:
    found = [str(c["entity_raw"]) for c in text_claims(text) if c["raw_value"] == raw]
    assert found, raw
    return found


SWITCH_BULLETS = """Picking a keyboard switch

Keyboard makers sell many switch kinds; here are the ones we tried this year.

- Zorro KX Amber: A smooth switch that needs only a light push (41 cN) to register.
- Zorro KX Teal: A loud switch with a bump. Its push force is 57 cN at the bump.
- Zorro KX Plum: Heavier than the others, rated at 68 cN by its maker.
"""


def test_sibling_bullet_labels_own_their_figures() -> None:
    assert _owners(SWITCH_BULLETS, "41 cN") == ["Zorro KX Amber"]
    assert _owners(SWITCH_BULLETS, "57 cN") == ["Zorro KX Teal"]
    assert _owners(SWITCH_BULLETS, "68 cN") == ["Zorro KX Plum"]


STANDARD_SECTIONS = """Radio link standards

Each version brought a faster link.

902.7q (2001) — The first one

  • Band: 3.1 GHz
  • Top rate: 14 Mbps

902.7r (2004) — A faster one

Released a bit after 902.7q, with a wider band.

  • Band: 4.2 GHz
  • Top rate: 61 Mbps
"""


def test_a_code_heading_of_a_family_owns_its_section() -> None:
    assert _owners(STANDARD_SECTIONS, "14 Mbps") == ["902.7q"]
    assert _owners(STANDARD_SECTIONS, "61 Mbps") == ["902.7r"]


@pytest.mark.parametrize(
    "lines",
    [
        ["Max Speed: 11 Mbps", "Max Range: 40 m"],  # property labels
        ["Actuation Force: 60cN", "Actuation Point: 2 mm"],  # a figure right after the label
        ["Step 1: unpack the box", "Step 2: plug it in"],  # an enumeration
        ["Option A - the cheap one", "Option B - the quiet one"],
    ],
)
def test_labels_and_enumerations_are_no_family(lines: list[str]) -> None:
    assert item_families(lines, _nothing) == []


def test_a_family_needs_two_members() -> None:
    assert item_families(["Zorro KX Amber: a smooth switch"], _nothing) == []
    pair = ["Zorro KX Amber: a smooth one", "Zorro KX Teal: a loud one"]
    assert item_families(pair, _nothing) == ["Zorro KX Amber", "Zorro KX Teal"]


def test_a_lead_holding_a_known_name_needs_no_new_name() -> None:
    pair = ["Zorro KX Amber: a smooth one", "Zorro KX Teal: a loud one"]
    assert item_families(pair, lambda text: ["Teal"] if "Teal" in text else []) == []


def test_a_header_word_after_a_name_is_dropped() -> None:
    assert without_header_tail("Zorro KX Amber specification") == "Zorro KX Amber"
    assert without_header_tail("Pixel 8 specs") == "Pixel 8"
    assert without_header_tail("specs") == "specs"
    assert without_header_tail("Zorro KX Amber") == "Zorro KX Amber"


SPEC_TABLE = """A buying guide to keyboard switches: what force and travel figures mean for typing

Switches differ in a few mechanical properties that a spec sheet states.

Linear switches (e.g., Zorro KX Amber)

| Property | Zorro KX Amber specification |
|---|---|
| Push force | 41g |
| Travel | 3.8mm |
"""


def test_a_column_header_word_is_no_part_of_the_entity() -> None:
    assert _owners(SPEC_TABLE, "3.8mm") == ["Zorro KX Amber"]


FORCE_CHART = """Keyboard switches by force and feel

Each row is a spring weight; the switches of that weight follow it.

  Smooth Bumpy Loud
35 gf Zorro KX Amber
Zorro KX Sand
42 gf
Zorro KX Teal
Vexa Pro Lime
57 gf   Zorro KX Plum
71 gf Vexa Pro Coal

Heavier springs are mostly sold for the space bar.
"""


def test_a_value_led_chart_gives_each_name_its_row_value() -> None:
    owners: dict[str, set[str]] = {}
    for claim in text_claims(FORCE_CHART):
        owners.setdefault(claim["raw_value"], set()).add(str(claim["entity_raw"]))
    assert owners["35 gf"] == {"Zorro KX Amber", "Zorro KX Sand"}
    assert owners["42 gf"] == {"Zorro KX Teal", "Vexa Pro Lime"}
    assert owners["57 gf"] == {"Zorro KX Plum"}
    assert owners["71 gf"] == {"Vexa Pro Coal"}


@pytest.mark.parametrize(
    "lines",
    [
        # values alone, labels between them: a spec card, not a chart of names
        ["Sextant", "212 ms", "Time until listening", "192 ms", "Meteor", "413 ms"],
        # falling values: no chart axis
        ["90 gf Zorro KX Amber", "60 gf Zorro KX Teal", "30 gf Zorro KX Plum"],
        # one-word or metric cells: labels
        ["1.25 POPS Tensor", "2.49 POPS Tensor Sparse", "3.03 POPS Peak Performance"],
    ],
)
def test_other_value_runs_are_no_chart(lines: list[str]) -> None:
    blocks = [Block(BlockKind.LINE, text=line) for line in lines]
    out, names = value_led_tables(blocks)
    assert names == [] and all(b.kind is BlockKind.LINE for b in out)


RADIO_BULLETS = """Radio links explained: what each letter means

The older links are named by one letter only. Link letters include:

  • Q – up to 14Mbps
  • R – up to 61Mbps
  • Link 4 S (3.1Ghz) – up to a 290 Mbps
"""


def test_a_one_letter_lead_owns_a_bounded_figure_after_it() -> None:
    assert _owners(RADIO_BULLETS, "up to 14Mbps") == ["Q"]
    assert _owners(RADIO_BULLETS, "up to 61Mbps") == ["R"]


OVER_SENTENCE = (
    "Link 9 explained: what the new standard really brings\n\n"
    "Link 9 is the newest radio link standard and Link 8 the one before it.\n\n"
    "Link 9 brings several improvements over Link 8 and 8X, such as 640MHz lanes (twice the "
    "previous 320MHz limit), and a denser code.\n"
)


def test_figures_after_improvements_over_b_are_the_subjects() -> None:
    assert _owners(OVER_SENTENCE, "640MHz") == ["Link 9"]
    assert _owners(OVER_SENTENCE, "320MHz") == ["Link 8"]
