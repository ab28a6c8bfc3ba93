"""The analyst notebook runs top to bottom against a fresh warehouse, and is committed stripped.

The warehouse is built from the bundled example pages; the notebook is executed headless with
nbclient on ipykernel's own kernel (tests/notebook_support.py), with CROSSCHECK_DB pointing at it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import nbformat
import pytest

from crosscheck.cli import EXIT_OK, main
from tests.notebook_support import (
    cell_errors,
    cell_mimetypes,
    cell_text,
    execute_notebook,
    read_notebook,
)

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "analyst.ipynb"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("notebook") / "examples.duckdb"
    assert main(["run", "--db", str(db)]) == EXIT_OK  # no SOURCE: the bundled example pages
    return db


@pytest.fixture(scope="module")
def executed(warehouse: Path) -> tuple[nbformat.NotebookNode, str, str]:
    """The executed notebook, and the warehouse's sha256 before and after the execution."""
    before = _sha256(warehouse)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CROSSCHECK_DB", str(warehouse))
        mp.setenv("MPLCONFIGDIR", str(warehouse.parent / "mplconfig"))
        nb = execute_notebook(NOTEBOOK, timeout=60)
    return nb, before, _sha256(warehouse)


def _tagged(nb: nbformat.NotebookNode, tag: str) -> nbformat.NotebookNode:
    cells = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"expected one cell tagged {tag!r}"
    return cells[0]


def test_committed_notebook_is_stripped() -> None:
    nb = read_notebook(NOTEBOOK)
    dirty = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        and (cell.outputs or cell.execution_count is not None or "execution" in cell.metadata)
    ]
    assert not dirty, (
        f"cells {dirty} have outputs or an execution count: strip them before committing"
    )
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    assert "widgets" not in nb.metadata


def test_sql_is_never_built_by_string_formatting() -> None:
    """Scraped values go in as parameters; f-strings and .format stay out of SQL text."""
    for i, cell in enumerate(read_notebook(NOTEBOOK).cells):
        if cell.cell_type != "code":
            continue
        for pattern in ('f"""', "f'''", '""".format', '""" %', '""" +'):
            assert pattern not in cell.source, f"cell {i} formats SQL text ({pattern})"


def test_notebook_runs_without_errors(executed: tuple[nbformat.NotebookNode, str, str]) -> None:
    nb, _, _ = executed
    assert cell_errors(nb) == []
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code_cells)


def test_notebook_connects_read_only(executed: tuple[nbformat.NotebookNode, str, str]) -> None:
    nb, before, after = executed
    assert before == after, "the notebook changed the warehouse file"
    connects = [
        line for c in nb.cells for line in c.source.splitlines() if "duckdb.connect(" in line
    ]
    assert connects and all("read_only=True" in line for line in connects)


def test_most_contradicted_metrics(executed: tuple[nbformat.NotebookNode, str, str]) -> None:
    nb, _, _ = executed
    text = cell_text(_tagged(nb, "most-contradicted"))
    assert "throughput" in text and "Flask" in text
    assert "evidence_claims" in text and "worst_severity" in text


def test_chart_is_rendered_inline(executed: tuple[nbformat.NotebookNode, str, str]) -> None:
    nb, _, _ = executed
    assert "image/png" in cell_mimetypes(_tagged(nb, "chart"))


def _warehouse_rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_views_and_evidence_sections(executed: tuple[nbformat.NotebookNode, str, str]) -> None:
    nb, _, _ = executed
    assert "Starlette" in cell_text(_tagged(nb, "matrix"))  # pivoted: entities are columns
    assert "new" in cell_text(_tagged(nb, "changes"))  # a first run: every finding is new
    evidence = cell_text(_tagged(nb, "evidence"))
    assert all(col in evidence for col in ("finding_id", "source", "locator", "raw_value"))


def test_quarantine_and_unmapped_sections_match_the_warehouse(
    warehouse: Path, executed: tuple[nbformat.NotebookNode, str, str]
) -> None:
    """The example pages' quarantine and unmapped labels move with the vocabulary: compare with
    the warehouse rather than with fixed values."""
    nb, _, _ = executed
    quarantine = cell_text(_tagged(nb, "quarantine"))
    reasons = _warehouse_rows(warehouse, "SELECT DISTINCT reason FROM quarantine")
    if reasons:
        assert all(reason in quarantine for (reason,) in reasons)
    else:
        assert "nothing is quarantined" in quarantine

    unmapped = cell_text(_tagged(nb, "unmapped"))
    top = _warehouse_rows(
        warehouse,
        "SELECT c.label FROM facts x JOIN claims c USING (claim_id) "
        "WHERE x.metric = 'unmapped' OR x.metric LIKE 'auto:%' "
        "GROUP BY c.label ORDER BY count(*) DESC, c.label LIMIT 1",
    )
    if top:
        assert top[0][0][:20] in unmapped
    else:
        assert "every label maps to a metric" in unmapped


def test_notebook_json_is_tidy() -> None:
    """Stable cell ids and a plain nbformat 4 document keep diffs reviewable."""
    raw = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert raw["nbformat"] == 4
    ids = [cell["id"] for cell in raw["cells"]]
    assert len(ids) == len(set(ids))
