"""The page names' gate (ingest.entities): a name holding another is still found (speed22b)."""

from __future__ import annotations

from crosscheck.ingest.entities import finder_for_page


def test_a_longer_name_behind_its_root_is_found() -> None:
    finder = finder_for_page()
    finder.add_page_names(["Zorblax Q7", "Zorblax Q7 Ultra", "Quibbit One"])
    found = finder.mentions("The Zorblax Q7 Ultra beats the quibbit one by far")
    assert [(m.text, m.canonical) for m in found] == [
        ("Zorblax Q7 Ultra", "Zorblax Q7 Ultra"),
        ("quibbit one", "quibbit one"),
    ]
    assert finder.mentions("no name here") == []
