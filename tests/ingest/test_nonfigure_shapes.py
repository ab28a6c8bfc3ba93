"""Numbers that belong to a name, a contact block, a comment counter or a test's set-up are no
figures (ingest/nonfigure_shapes.py); the figures beside them stay.

Lines are written for the test (figures reused from real pages, no sentences of them)."""

from __future__ import annotations

import pytest
from crosscheck.ingest.nonfigure_shapes import NotFigure, is_contact, shape_reason

from tests.ingest.parsing import text_claims


def _raws(text: str) -> list[str]:
    return [c["raw_value"] for c in text_claims(text)]


@pytest.mark.parametrize(
    ("text", "not_figure", "figure"),
    [
        # a name's generation or model: a name-like word, a small number, no unit
        ("Drives\n\nThe Samsung 990 Pro reads 7450 MB/s and also fits GameStation 5 consoles.",
         "5", "7450 MB/s"),
        ("Drives\n\nOn a board with Thunderbolt 4 ports the Samsung 990 Pro wrote 6900 MB/s.",
         "4", "6900 MB/s"),
        ("Drives\n\nIn DiskMark 8 (64GB data set) the Samsung 990 Pro read 7,400 MB/s.",
         "8", "7,400 MB/s"),
        # a variant's capacity after the product's name
        ("Drives\n\nThe Samsung 990 Pro 4TB reads up to 7,450 MB/s.", "4TB", "up to 7,450 MB/s"),
        # a test's load or input size, a setting, a point in an activity
        ("Generators\n\nThe Hugo build of 4000 pages took 2.1 s on the laptop.", "4000", "2.1 s"),
        ("Clients\n\nWe started 30 web requests at a time and httpx needed 1.2 s.", "30", "1.2 s"),
        ("Readers\n\nWith the light setting at 20% the Kindle Paperwhite lasts 9 weeks.",
         "20%", "9 weeks"),
        ("Drives\n\nAbout 80 hours into a new game the Samsung 990 Pro still read 7000 MB/s.",
         "80 hours", "7000 MB/s"),
        ("Drives\n\nThe test bed had two 16GB DDR5 modules; the Samsung 990 Pro read 7100 MB/s.",
         "16GB", "7100 MB/s"),
    ],
)  # fmt: skip
def test_a_number_of_a_name_or_a_set_up_is_no_figure(
    text: str, not_figure: str, figure: str
) -> None:
    raws = _raws(text)
    assert not_figure not in raws
    assert figure in raws


def test_a_contact_block_and_a_comment_counter_give_no_figure() -> None:
    text = (
        "Contact\n\nOur shop: Lindenallee 12, 10115 Berlin.\n+49 30 1234 5678\n\n"
        "5 Comments on this review\n\nThe drone weighs 249 g."
    )
    raws = _raws(text)
    assert not {"+49", "30", "1234", "5678", "10115", "12", "5"} & set(raws)
    assert any(r.startswith("249") for r in raws)


def test_a_measured_sentence_lists_conditions_until_a_subject() -> None:
    footnote = (
        "Flugzeit | Ca. 31 Minuten\n"
        "Gemessen bei einer Geschwindigkeit von 25,2 km/h, im Normalmodus und von 100 % bis 0 %."
    )
    assert not {"25,2 km/h", "0 %"} & set(_raws(footnote))
    main_clause = "Cards\n\nMeasured at 1440p, the RTX 4090 averages 141 FPS."
    assert any(r.startswith("141") for r in _raws(main_clause))


@pytest.mark.parametrize(
    ("raw", "before", "after", "reason"),
    [
        ("4.0 x", "With PCIe ", "4, the drive", NotFigure.VERSION),
        ("3", "", " Replies to the post", NotFigure.COUNTER),
        ("15", "Wir haben über ", " Jahre Berufserfahrung", NotFigure.PROFILE),
        ("3 - 5", "delivery takes ", " working days.", NotFigure.TERMS),
        ("1%", "the ", " lows are", NotFigure.IDENTIFIER),
        ("4K", "shoots ", " video at", NotFigure.VARIANT),
        ("630", "Intel HD ", "", NotFigure.IDENTIFIER),
        ("23", "RX 7900 XT ", "", None),  # a value after a model's whole name
        ("95", "a Score ", ", the best", None),  # a measure's word, then its value
        ("12", "with ", " cores", None),
        ("7000", "the Radeon ", " series cards", NotFigure.IDENTIFIER),
        ("1TB", "(for ", " and 2TB models)", NotFigure.VARIANT),
        ("20-82", "controller ", "-10035-B2", NotFigure.IDENTIFIER),
        ("6379", "listens on 127.0.0.1:", " by default", NotFigure.IDENTIFIER),
        ("10", "averaged over ", " games at 4K", NotFigure.CONDITION),
        ("2 To", "le MP600 ", " atteint", None),  # no name known before it: no variant
    ],
)
def test_shape_reasons(raw: str, before: str, after: str, reason: NotFigure | None) -> None:
    text = before + raw + after
    assert shape_reason(text, len(before), raw, before, after, set(), 0) is reason


def test_only_a_phone_shaped_cell_is_contact() -> None:
    assert is_contact("+49 163 244 50 84")
    assert not is_contact("+12%")
    assert not is_contact("+3.5 ms")
