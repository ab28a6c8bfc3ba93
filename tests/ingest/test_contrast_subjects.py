"""Names written as the subject of a contrast clause (ingest/contrast_subjects.py): the product
after "while", "whereas", "mientras que" owns the figures of its clause, and the name-shaped
product on the sentence's other side owns the rest, where no gazetteer knows either.

Pages are written for the test (invented names; figures reused from real pages, no
sentences)."""

from __future__ import annotations

from crosscheck.ingest.contrast_subjects import contrast_subjects
from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.page_products import ordinary_word

from tests.ingest.parsing import parse_snapshot_text


def _owners(text: str) -> dict[str, str]:
    return {c["raw_value"]: c["entity_raw"] for c in parse_snapshot_text(text).claims}


def _subjects(text: str) -> list[str]:
    return contrast_subjects([text], ordinary_word, finder_for_page())


# one name the page repeats (Orbisat), one it writes once after "while" (SkyLinkNet)
SATELLITE = """Orbisat review

Orbisat costs $120 per month. Orbisat averaged 53Mbps in our test.
While SkyLinkNet offers a cheaper tier at $75 per month, it is capped at 25 megabits per second.
"""


def test_the_subject_after_while_owns_its_clause() -> None:
    owners = _owners(SATELLITE)
    assert owners["$75"] == "SkyLinkNet"
    assert owners["$120"] == "Orbisat"  # the page's subject keeps its own figures
    assert owners["53Mbps"] == "Orbisat"


# two launchers written with a hyphenated code, each side of a contrast
LAUNCHERS = """Two launchers compared

While the Vantor-C can lift approximately 2,300 kg into a polar orbit, the Kestrel-9 can
carry up to 4,000 kg.

A typical Kestrel-9 launch costs around 70 million euros, whereas a Vantor-C launch is priced
at 45 million euros.
"""


def test_both_sides_of_a_contrast_own_their_figures() -> None:
    owners = _owners(LAUNCHERS)
    assert owners["approximately 2,300 kg"] == "Vantor-C"
    assert owners["up to 4,000 kg"] == "Kestrel-9"
    assert owners["around 70 million"] == "Kestrel-9"
    assert owners["45 million"] == "Vantor-C"


def test_a_possessive_maker_before_the_name_is_skipped() -> None:
    text = (
        "Brand's Pelago R8100 with a power meter weighs 2763 grams, while Other's Vento AXS "
        "with a power meter weighs 2896 grams."
    )
    assert _subjects(text) == ["Vento AXS", "Pelago R8100"]


def test_only_name_shaped_subjects_with_a_figure_count() -> None:
    assert _subjects("while the GPU draws 450 W") == []  # an acronym of a concept
    assert _subjects("While Apple sells 3 models") == []  # a plain word: the gazetteer's
    assert _subjects("while maintaining 60 fps") == []
    assert _subjects("while the 2TB model offers 1200 TBW") == []  # a size, not a name
    assert _subjects("while ZenBook users wait, the battery lasts 9 hours") == []  # no figure
    assert _subjects("unlike the Vantor-C, it lifts 2,300 kg") == []  # a foil, not an owner
    assert _subjects("mientras que la Q95T llega a 1700 nits") == ["Q95T"]
    assert _subjects("während Sole-Wasser- und Luft-Wärmepumpen 4,5 erreichen") == []


def test_a_page_name_s_first_words_are_no_new_product() -> None:
    finder = finder_for_page()
    finder.add_page_names(["Zarvo 15 Pro"])
    text = "Its zoom reaches 5x, while the Zarvo's zoom only goes up to 2x."
    assert contrast_subjects([text], ordinary_word, finder) == []  # camel-less: not shaped
    finder.add_page_names(["ZarPhone 15 Pro"])
    text = "Its zoom reaches 5x, while the ZarPhone's zoom only goes up to 2x."
    assert contrast_subjects([text], ordinary_word, finder) == []


def test_a_part_after_a_model_possessive_is_no_product() -> None:
    # "whereas A100's Ampere GA100 has 108 SMs": the chip is the A100's, "SMs" a plural acronym
    text = "The Z900 packs 144 SMs, whereas Q700's Vela GX100 has 108 SMs of 64 cores each."
    assert _subjects(text) == []
    finder = finder_for_page()
    finder.add_page_names(["Orbis QUANTOR"])  # a compared product's word, no digit in it
    text = "The Z900 packs 144 SMs, whereas QUANTOR's Vela GX100 has 108 SMs of 64 cores each."
    assert contrast_subjects([text], ordinary_word, finder) == []
    # a possessor the page does not know owns its part; the other side is a part too
    text = "The Vela GX200 packs 144 SMs, whereas ORBI CLOUD's Vela GX100 has 108 SMs."
    assert _subjects(text) == ["ORBI CLOUD"]
