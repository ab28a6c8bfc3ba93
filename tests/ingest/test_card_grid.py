"""An HTML grid of stat cards, one wrapping block per product (name, shared label, figure), is
read as cards of those products, not as attribute rows with the names as labels (issue 16)."""

from __future__ import annotations

from pathlib import Path

from tests.ingest.parsing import parse_file

PAGE = """<!DOCTYPE html><html><head><title>Quoin vs Tiller vs Umbra: numbers</title></head>
<body><main><h1>Quoin vs Tiller vs Umbra: numbers</h1><h2>At a glance</h2>
<div class="grid">
<div class="stat"><div>Quoin</div><div>Answer delay</div><div>3.1 ms</div></div>
<div class="stat"><div>Tiller</div><div>Answer delay</div><div>29 ms</div></div>
<div class="stat"><div>Umbra</div><div>Answer delay</div><div>4.4 ms</div></div>
</div>
<h2>Details</h2>
<div class="grid">
<div class="row"><div>Answer delay</div><div>3.1 ms</div><div>29 ms</div></div>
<div class="row"><div>Boot to ready</div><div>120 ms</div><div>95 ms</div></div>
</div></main></body></html>"""


def test_each_card_gives_its_product_the_figure(tmp_path: Path) -> None:
    path = tmp_path / "grid.html"
    path.write_text(PAGE, encoding="utf-8")
    claims = parse_file(path).claims
    cards = {
        (c["entity_raw"], c["label"], c["raw_value"]) for c in claims if "card" in c["locator"]
    }
    assert cards == {
        ("Quoin", "Answer delay", "3.1 ms"),
        ("Tiller", "Answer delay", "29 ms"),
        ("Umbra", "Answer delay", "4.4 ms"),
    }
    assert not any(c["label"] in ("Quoin", "Tiller", "Umbra") for c in claims)
    # attribute rows (a label, then one value per product) stay a table
    rows = {(c["label"], c["raw_value"]) for c in claims if "attribute rows" in c["locator"]}
    assert ("Boot to ready", "95 ms") in rows
