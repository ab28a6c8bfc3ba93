"""A reader that raises on one unforeseen page shape quarantines that page with the error and
where it was raised; the other pages of the run are parsed as before."""

import crosscheck.ingest.parse as parse_module
import pytest
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.snapshots import Snapshot

PAGE = "# Quillrun vs Bramble\n\nQuillrun serves 4,200 req/s and Bramble 3,100 req/s.\n"


def _snapshot() -> Snapshot:
    return Snapshot("page.md", "x", PAGE, "text/markdown", "2026")


def test_a_readers_error_quarantines_only_its_page(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> list[dict[str, object]]:
        return [][1]  # an IndexError inside a reader, as a lone-pipe table once raised

    monkeypatch.setattr(parse_module, "extract_claims", broken)
    page = parse_snapshot(_snapshot())
    assert page.quarantined and page.claims == []
    assert "the parser failed on this page (IndexError" in page.note
    assert "test_reader_defects.py:" in page.note  # where it was raised, for a bug report


def test_a_page_without_defect_is_not_quarantined() -> None:
    page = parse_snapshot(_snapshot())
    assert not page.quarantined and len(page.claims) >= 2
