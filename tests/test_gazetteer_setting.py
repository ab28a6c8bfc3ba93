"""The gazetteer ablation is a key of the one settings tree (`vocabulary.gazetteer`, or the
variable CROSSCHECK_GAZETTEER_FILE): it reaches ingest's name finder through the run's
workers, changes which names are found, and a bad file is a usage error naming where it came
from, never a traceback."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from crosscheck.ingest.parse import NO_ENTITY, parse_snapshot

from crosscheck.cli import EXIT_USAGE, main
from crosscheck.common.gazetteer import ENTITIES_FILE, build_gazetteer
from crosscheck.config import resolve
from crosscheck.contracts import NO_ENTITY_RAW, Snapshot
from crosscheck.errors import ConfigError

# No title naming two products: only a gazetteer names the two caches (each once, at a
# sentence's start, which the page's own structure does not take for a product).
_PAGE = (
    "Cache notes\n\n"
    "Redis served 120,000 requests per second in our test.\n\n"
    "Memcached served 95,000 requests per second in the same test.\n"
)


def _no_entities(tmp_path: Path) -> Path:
    """The packaged entities file without its [[entity]] tables (the documented ablation)."""
    kept = ENTITIES_FILE.read_text(encoding="utf-8").split("[[entity]]")[0]
    path = tmp_path / "no-entities.toml"
    path.write_text(kept, encoding="utf-8")
    return path


_EMPTY = build_gazetteer([])  # kept alive: the names pattern is cached by the gazetteer's id


def _owners(page_text: str, **kwargs: object) -> set[str]:
    snapshot = Snapshot("notes.md", "0" * 64, page_text, "text/markdown", "now")
    page = parse_snapshot(snapshot, **kwargs)  # type: ignore[arg-type]
    return {c["entity_raw"] for c in page.claims}


def test_the_gazetteer_given_to_the_parse_decides_which_names_are_found() -> None:
    assert _owners(_PAGE) == {"Redis", "Memcached"}
    assert {"Redis", "Memcached"}.isdisjoint(_owners(_PAGE, gazetteer=_EMPTY))


def test_the_key_comes_from_the_file_or_the_environment(tmp_path: Path) -> None:
    entities = _no_entities(tmp_path)
    config = tmp_path / "crosscheck.toml"
    config.write_text('[vocabulary]\ngazetteer = "no-entities.toml"\n', encoding="utf-8")
    assert resolve({"config": config}, {}).gazetteer_file == entities  # relative to the file
    other = tmp_path / "other.toml"
    other.write_text(entities.read_text(encoding="utf-8"), encoding="utf-8")
    environ = {"CROSSCHECK_CONFIG": str(config), "CROSSCHECK_GAZETTEER_FILE": str(other)}
    assert resolve({}, environ).gazetteer_file == other  # the environment over the file
    assert resolve({}, {}).gazetteer_file is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (None, "file not found"),
        ("[[entity]\n", "not valid TOML"),
        ('entity = "Redis"\n', "[[entity]] must be tables"),
    ],
)
def test_a_bad_gazetteer_file_is_a_usage_error(
    tmp_path: Path, body: str | None, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "entities.toml"
    if body is not None:
        bad.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match="environment CROSSCHECK_GAZETTEER_FILE"):
        resolve({}, {"CROSSCHECK_GAZETTEER_FILE": str(bad)})
    config = tmp_path / "crosscheck.toml"
    config.write_text('[vocabulary]\ngazetteer = "entities.toml"\n', encoding="utf-8")
    db = tmp_path / "x.duckdb"
    assert main(["run", "--config", str(config), "--db", str(db)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "vocabulary.gazetteer" in err and message in err and "Traceback" not in err
    assert not db.exists()


def test_a_run_parses_with_the_configured_gazetteer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through `crosscheck run` and its workers: with no listed names, the page names nobody
    (with the packaged file its owners are Redis and Memcached: the parse test above)."""
    page = tmp_path / "notes.md"
    page.write_text(_PAGE, encoding="utf-8")
    db = tmp_path / "ablation.duckdb"
    monkeypatch.setenv("CROSSCHECK_GAZETTEER_FILE", str(_no_entities(tmp_path)))
    main(["run", str(page), "--db", str(db), "--no-validate"])
    with duckdb.connect(str(db), read_only=True) as con:
        owners = {row[0] for row in con.execute("SELECT entity_raw FROM claims").fetchall()}
        errors = {row[0] for row in con.execute("SELECT error FROM pages").fetchall()}
    assert owners == {NO_ENTITY_RAW} and errors == {NO_ENTITY}


def test_dask_workers_take_the_gazetteer_from_the_run_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Dask pool's spec carries the path; a worker installs it from the spec (here run in
    this process, with no variable set), never from its own environment."""
    from crosscheck import batches
    from crosscheck.engines import engine_pool, run_chunk
    from crosscheck.run_types import RunConfig

    for name in ("normalizer", "checks", "gazetteer"):  # restored after the test
        monkeypatch.setattr(batches._WorkerState, name, getattr(batches._WorkerState, name))
    monkeypatch.delenv("CROSSCHECK_GAZETTEER_FILE", raising=False)
    entities = _no_entities(tmp_path)
    config = RunConfig([], tmp_path / "x.duckdb", tmp_path / "snapshots", engine="dask")
    pool = engine_pool(replace(config, gazetteer=entities), None)  # type: ignore[arg-type]
    assert pool.spec.gazetteer == str(entities)  # type: ignore[attr-defined]
    snapshot = Snapshot("notes.md", "0" * 64, _PAGE, "text/markdown", "now")
    chunk = run_chunk(pool.spec, batches.prepare_chunk, [snapshot])  # type: ignore[attr-defined]
    assert {"Redis", "Memcached"}.isdisjoint(set(chunk.claims["entity_raw"]))
    packaged = run_chunk(engine_pool(config, None).spec, batches.prepare_chunk, [snapshot])  # type: ignore[arg-type,attr-defined]
    assert set(packaged.claims["entity_raw"]) == {"Redis", "Memcached"}
