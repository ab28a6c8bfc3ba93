"""A cell listing several figures with their units gives each one (realunits26)."""

from __future__ import annotations

from crosscheck.ingest.table_cells import Piece, split_figures


def test_figures_with_words_after_them_each_a_piece() -> None:
    cell = "45W wired, 15W wireless, reverse charging (adapter sold apart)"
    assert split_figures(cell, "Charging", None) == [
        Piece("45W", "Charging", None, "wired"),
        Piece("15W", "Charging", None, "wireless"),
    ]


def test_figures_with_notes_each_a_piece() -> None:
    cell = "50MP (main, f/1.9 aperture), 10MP (telephoto, f/2.4 aperture)"
    assert [p.raw for p in split_figures(cell, "Cameras", None)] == ["50MP", "10MP"]


def test_a_head_figure_and_the_figures_of_its_note() -> None:
    cell = "6.1-inch OLED display (flat, 90Hz LTPS, HDR10, 1,800 nits)"
    assert [p.raw for p in split_figures(cell, "Screen", None)] == [
        "6.1-inch",
        "90Hz",
        "1,800 nits",
    ]


def test_other_cells_stay_one_piece() -> None:
    for cell in (
        "16GB (LPDDR5X)",
        "8MP (f/2.0 aperture, 1.1um pixel size)",
        "4 GB, 8 GB",
        "7 ms (150 MB/s load)",  # a load in parentheses is the figure's condition
        "7 ms (150 MB/s load, 8 threads)",
    ):
        assert split_figures(cell, "Spec", None) == [Piece(cell, "Spec", None)]
