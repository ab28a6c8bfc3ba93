"""The parser's CPU shortcuts give the answers of the long way: the space-folding and
decoration regexes skipped on texts they cannot change, a table's orientation answered
before its homogeneity when that cannot move it, a page's known-name answers kept per text."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from crosscheck.ingest import table_orientation
from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.extract import _gazetteer_names
from crosscheck.ingest.html_parser import _SPACE, _text
from crosscheck.ingest.table_cells import _DECORATION, _SPACES, _WRAPPED, clean_cell
from crosscheck.ingest.table_emit import KnownNames
from crosscheck.ingest.table_orientation import orient
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import FIXTURES_DIR
from tests.ingest.parsing import parse_file

_EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages"
# what decides the shortcuts: spaces and their runs, tabs and breaks, NBSP and the other
# non-printable spaces, a decoration, wrappers, markup
_CHARS = [" ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\xa0", "\u2009", "\u2028", "\x1c"]
_CHARS += ["a", "Z", "7", "1.5", "ms", "(", ")", "[x](y)", "**", "`", "<b>", "é", "🥇", "⭐"]
_TEXTS = st.lists(st.sampled_from(_CHARS), max_size=10).map("".join)


@settings(deadline=None)  # no timed assertion: the first call loads the gazetteer
@given(_TEXTS)
def test_an_elements_text_is_folded_as_the_regex_folds_it(text: str) -> None:
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text):
        return  # not allowed in an XML text node: no page's parse gives one
    element = etree.Element("p")
    element.text = text
    assert _text(element) == _SPACE.sub(" ", text).strip()


@settings(deadline=None)  # no timed assertion: the first call loads the gazetteer
@given(_TEXTS)
def test_a_cells_spaces_and_decorations_come_off_as_the_regexes_take_them(text: str) -> None:
    """Without markup (an HTML cell) clean_cell is the decoration, space and wrapper steps,
    the steps a markdown cell takes too after its markup is off."""
    expected = text
    stripped = _DECORATION.sub("", expected)
    if stripped.strip():
        expected = stripped
    expected = _SPACES.sub(" ", expected).strip()
    wrapped = _WRAPPED.match(expected)
    if wrapped and wrapped.group("inner").strip():
        expected = wrapped.group("inner").strip()
    assert clean_cell.__wrapped__(text, False) == expected


_HEADS = ["", "Metric", "Framework", "Latency (ms)", "RPS", "p99", "Threads", "Rank", "Notes"]
_HEADS += ["Django", "Flask", "fastify", "Bun", "Version"]
_CELLS = ["", "-", "Django", "Flask", "fastify", "Express", "Throughput", "Memory (MB)"]
_CELLS += ["12 ms", "48 210", "1,234.5", "3.1x", "95%", "v1.2.3", "2024-01-01", "yes", "42"]


@settings(deadline=None)  # no timed assertion: the first call loads the gazetteer
@given(
    st.lists(st.sampled_from(_HEADS), min_size=1, max_size=5),
    st.lists(st.lists(st.sampled_from(_CELLS), min_size=1, max_size=5), max_size=5),
    st.sampled_from([frozenset(), frozenset({"django", "flask"})]),
)
def test_an_orientation_answered_early_is_the_one_homogeneity_would_give(
    header: list[str], rows: list[list[str]], page_names: frozenset[str]
) -> None:
    names = KnownNames(page_names, lookup=_gazetteer_names(finder_for_page()))
    early = orient(header, rows, names)
    with mock.patch.object(table_orientation, "_DECIDED", float("inf")):
        assert orient(header, rows, names) is early


def test_both_ways_of_deciding_orientation_read_the_example_pages_alike() -> None:
    folders = (_EXAMPLES, FIXTURES_DIR / "html", FIXTURES_DIR / "text")
    pages = sorted(page for folder in folders for page in folder.iterdir())
    pages = [p for p in pages if p.suffix in (".html", ".md", ".txt")]
    assert len(pages) >= 10
    early = [parse_file(p).claims for p in pages]
    with mock.patch.object(table_orientation, "_DECIDED", float("inf")):
        assert [parse_file(p).claims for p in pages] == early


def test_a_pages_known_names_are_answered_once_and_alike() -> None:
    finder = finder_for_page()
    finder.add_page_names(["Basalt"])
    known = _gazetteer_names(finder)
    texts = ["Django", "Rust Axum", "Basalt", "flask", "a very long label text", "", "Throughput"]
    first = [known(t) for t in texts]
    assert first[0] and not first[4] and not first[6]
    with mock.patch.object(finder, "mentions", side_effect=AssertionError("asked again")):
        assert [known(t) for t in texts] == first
    direct = [
        len(t.split()) <= 3
        and any(finder.gazetteer.canonical(m.text) for m in finder.mentions(t, cache=False))
        for t in texts
    ]
    assert first == direct
