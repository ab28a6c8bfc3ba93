"""The name finder's answers are kept between two changes of its names, and only then: a page
asks for the same texts' mentions several times (issue 20's parse CPU), and a name added
later must still be found in a text read before."""

from __future__ import annotations

import pytest
from crosscheck.ingest import entities
from crosscheck.ingest.entities import finder_for_page

TEXTS = ["Zorblax serves 5,000 requests.", "Quellix serves 7,000 requests and Zorblax 5,000."]


def _names(found: list[entities.Mention]) -> list[str]:
    return [m.canonical for m in found]


def test_a_name_added_after_a_read_is_found_on_the_next_read() -> None:
    finder = finder_for_page()
    before = _names(finder.line_mentions(TEXTS))
    finder.add_page_names(["Zorblax"])
    after = _names(finder.line_mentions(TEXTS))
    assert "Zorblax" not in before and after.count("Zorblax") == 2
    finder.add_page_names(["Quellix"])
    assert "Quellix" in _names(finder.line_mentions(TEXTS))
    assert "Quellix" in _names(finder.mentions(TEXTS[1]))


def test_reads_between_two_changes_are_not_repeated(monkeypatch: pytest.MonkeyPatch) -> None:
    finder = finder_for_page()
    finder.add_page_names(["Zorblax"])
    calls: list[str] = []
    find = entities.EntityFinder._find

    def counted(self: entities.EntityFinder, text: str, lead: str | None) -> list:
        calls.append(text)
        return find(self, text, lead)

    monkeypatch.setattr(entities.EntityFinder, "_find", counted)
    first = finder.line_mentions(TEXTS)
    finder.add_page_names([])  # nothing new: the answers stand
    finder.add_page_names(["Zorblax"])  # a name known already
    assert finder.line_mentions(TEXTS) == first and len(calls) == 2
    finder.mentions(TEXTS[0])
    finder.add_page_names([])
    finder.mentions(TEXTS[0])
    assert len(calls) == 3
    finder.add_page_names(["Quellix"])  # a new name: every text is read again
    finder.line_mentions(TEXTS)
    assert len(calls) == 5
