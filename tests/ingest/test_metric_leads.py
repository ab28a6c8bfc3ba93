"""A 'Label: value' item whose lead is a metric phrase ('MTBF', 'Pixel Density') is a label
(realent26): the figure stays with the product the page or its heading speaks of, the lead never
becomes a product of its own."""

from __future__ import annotations

from tests.ingest.parsing import claims_by_raw, text_claims

ONE_PRODUCT = """Samsung 980 Pro endurance figures

What the Samsung 980 Pro promises on paper for heavy writers.
Endurance
- TBW: 600 TB for the 1TB model
- MTBF: 1.5 million hours
That is all the vendor lists.
"""

PER_HEADING = """Display notes for three phones

iPhone 15 Pro
- Screen Size: 6.1 inches
- Pixel Density: 460 ppi

iPhone 15 Pro Max
- Screen Size: 6.7 inches
- Pixel Density: 460 ppi
"""


def test_a_metric_lead_leaves_the_figure_to_the_page_product() -> None:
    claims = claims_by_raw(text_claims(ONE_PRODUCT))
    assert claims["1.5 million hours"]["entity_raw"] == "Samsung 980 Pro"
    assert claims["1.5 million hours"]["label"] == "MTBF"


def test_a_metric_lead_under_a_product_heading_is_that_products() -> None:
    claims = text_claims(PER_HEADING)
    owners = sorted(c["entity_raw"] for c in claims if c["raw_value"] == "460 ppi")
    assert owners == ["iPhone 15 Pro", "iPhone 15 Pro Max"]
