"""Names a page writes as runs no gazetteer lists (ingest/page_products.py): a word with a
hyphen-joined generation ('Zentra Vox-3'), and a brand word written alone beside a digitless
run of it ('Plumo' beside 'Plumo Post', short for it); a longer name's tail never ('Kestrel Cloud').

Pages are written for the test with invented product names (figures reused, no sentences)."""

from __future__ import annotations

from crosscheck.ingest.page_products import page_products
from crosscheck.ingest.text_parser import text_to_blocks

from tests.ingest.parsing import parse_snapshot_text


def _none(_: str) -> list[tuple[int, int]]:
    return []


def _names(text: str, title: str = "") -> list[str]:
    return page_products(title, text_to_blocks(text), _none)


HYPHEN_MODEL = """Zentra Vox-3: model profile
Zentra Vox-3 is a speech model released in 2025.
We ran Vox-3 on our own calls, and Zentra Vox-3 returned text in 198 ms.
The team behind Vox-3 charges for each minute of audio.
"""


def test_a_hyphen_joined_generation_makes_a_run_a_model_name() -> None:
    assert "Zentra Vox-3" in _names(HYPHEN_MODEL)
    page = parse_snapshot_text(HYPHEN_MODEL)
    assert page.empty_reason is None
    owners = {c["raw_value"]: c["entity_raw"] for c in page.claims}
    assert owners["198 ms"] == "Zentra Vox-3"


BRAND_ALONE = """Shrinking mailboxes
The notice from Plumo Post said the free plan now holds 20GB of mail.
Plumo Post once offered 1TB to every account, and Plumo Post never charged for it.
For years the Plumo team kept raising its limit, and the Plumo notice came late.
In 2004 Plumo raised the cap to 100MB.
"""


def test_a_brand_written_alone_beside_its_digitless_run_is_a_name() -> None:
    assert _names(BRAND_ALONE) == ["Plumo", "Plumo Post"]  # the run it is short for too
    page = parse_snapshot_text(BRAND_ALONE)
    owners = {c["raw_value"]: c["entity_raw"] for c in page.claims}
    assert owners["20GB"] == "Plumo Post"
    assert owners["100MB"] == "Plumo Post"  # the word alone stands for the page's full name


TAIL_ONLY = """Two stores
Our old store lagged, so we tried Kestrel Cloud last year.
At 比 Kestrel Cloud the reads took 9 ms, and 快 Kestrel Cloud kept 3 copies.
We liked 用 Kestrel Cloud enough, and 的 Kestrel Cloud stayed up.
"""


def test_a_longer_names_tail_is_no_name_of_its_own() -> None:
    assert "Cloud" not in _names(TAIL_ONLY)
