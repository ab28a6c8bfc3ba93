"""Which packages are parts of an entity is data in the entities file, not code."""

from __future__ import annotations

from pathlib import Path

from crosscheck.common.gazetteer import load_components


def test_the_packaged_components_name_their_framework() -> None:
    parts = load_components()
    assert parts["uvicorn"] == "FastAPI" and parts["werkzeug"] == "Flask"


def test_components_come_from_the_file_given(tmp_path: Path) -> None:
    path = tmp_path / "entities.toml"
    path.write_text('version = "t"\n[components]\nHyper = "Axum"\n', encoding="utf-8")
    assert load_components.__wrapped__(path) == {"hyper": "Axum"}
    path.write_text("not toml [", encoding="utf-8")
    assert load_components.__wrapped__(path) == {}
