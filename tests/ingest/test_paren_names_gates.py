"""The cheap paths of ingest.paren_names find what the whole-text scans found (speed22b)."""

from __future__ import annotations

import pytest
from crosscheck.ingest import paren_names as pn

_TEXTS = [
    "the model Model X1 2 beats the MODEL EQS 450+ and the version V8 Pro",
    "Das Modell WM14 kostet mit 1080 Euro weniger; la versión S23 Ultra con 652 km",
    "xmodel A1 is no noun; models B2 and C3, remodel D4",
    "el modelo EQS 450+ — the model itself",
    "",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_noun_matches_equal_the_scan(text: str) -> None:
    whole = [m.span() for m in pn._after_model_noun().finditer(text)]
    assert [m.span() for m in pn._noun_matches(text, text.lower())] == whole


def test_an_ascii_page_names_after_a_noun() -> None:
    assert pn.model_noun_names(["the model X1 Carbon 2015 lasts"]) == ["X1 Carbon"]


def test_linked_figure_starts_at_its_word() -> None:
    text = "Miele W 5861 WPS mit 1.200 Euro"
    starts = [m.start() + 1 for m in pn._linked().finditer(text)]
    assert [text[s : s + 3] for s in starts] == ["mit"]
