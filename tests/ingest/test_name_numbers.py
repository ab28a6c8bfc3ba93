"""A small number closing a capitalised name of two words or more is the name's (a game's
title, a model's generation: "in Dying Light 2 the", "the Galaxy Z Fold 6."), no figure
(ingest/nonfigures.py); a label opening its line keeps its figure ("Open Issues 12").

Lines are written for the test (figures reused, no sentences of real pages)."""

from __future__ import annotations

import pytest

from tests.ingest.parsing import text_claims


def _raws(text: str) -> list[str]:
    return [c["raw_value"] for c in text_claims(text)]


@pytest.mark.parametrize(
    ("text", "name_number", "figure"),
    [
        ("Phones\n\nThe Zarvo 9 holds 4400 mAh, less than the Galaxy Z Fold 6.", "6", "4400 mAh"),
        ("Cards\n\nIn Dying Light 2 the RTX 3090 averaged 52 FPS.", "2", "52"),
        ("Cards\n\nRT benchmarks: Dying Light 2, Forza Horizon 5, Control; the RTX 3080 "
         "averaged 48 FPS.", "5", "48"),
        ("Cards\n\nDying Light 2 at 1440p is harder: the RTX 3090 averaged 33 FPS.", "2", "33"),
    ],
)  # fmt: skip
def test_a_names_number_is_no_figure(text: str, name_number: str, figure: str) -> None:
    raws = _raws(text)
    assert name_number not in raws
    assert figure in raws


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Repository stats\n\nRedis\nOpen Issues 12\nGitHub Stars 65,000", "12"),  # a label
        ("Runtimes\n\nBun has a Cold Start 8 ms faster than Node.js.", "8 ms"),  # a unit after
    ],
)
def test_a_labels_or_a_units_number_stays_a_figure(text: str, figure: str) -> None:
    assert figure in _raws(text)
