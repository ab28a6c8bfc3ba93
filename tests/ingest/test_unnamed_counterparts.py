"""Figures after "compared to" that no name owns, on a page comparing two products: the other
product's ("A has 24 GB ..., compared to 16 GB ..."), unless the words after the marker say the
comparison is with the product's own past ("compared to 40 fps on the previous model").

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from tests.ingest.parsing import claim_owners, text_claims


def test_unnamed_figures_after_compared_to_are_the_other_products() -> None:
    page = (
        "Nimbus X9 vs Cirrus K4\n\n"
        "The Nimbus X9 carries 48 GB of memory and 12,288 shader units, compared to 32 GB of"
        " memory and 7,168 shader units.\n"
    )
    owners = claim_owners(text_claims(page))
    assert owners["48 GB"] == "Nimbus X9"
    assert owners["12,288"] == "Nimbus X9"
    assert owners["32 GB"] == "Cirrus K4"
    assert owners["7,168"] == "Cirrus K4"


def test_a_named_counterpart_and_the_products_own_past_keep_theirclaim_owners() -> None:
    page = (
        "Nimbus X9 vs Cirrus K4\n\n"
        "The Nimbus X9 draws 320 W, compared to 285 W for the Cirrus K4.\n"
        "The Cirrus K4 renders 96 fps, compared to 71 fps on the previous generation.\n"
    )
    owners = claim_owners(text_claims(page))
    assert owners["320 W"] == "Nimbus X9"
    assert owners["285 W"] == "Cirrus K4"
    assert owners["96 fps"] == "Cirrus K4"
    assert owners["71 fps"] == "Cirrus K4"
