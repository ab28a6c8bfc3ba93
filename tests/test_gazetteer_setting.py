"""The gazetteer ablation is a key of the one settings tree (`vocabulary.gazetteer`, or the
variable CROSSCHECK_GAZETTEER_FILE): it reaches ingest's name finder through the run's
workers, changes which names are found, and a bad file is a usage error naming where it came
from, never a traceback."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from crosscheck.ingest.parse import parse_snapshot

from crosscheck.cli import EXIT_USAGE, main
from crosscheck.common.gazetteer import ENTITIES_FILE, build_gazetteer
from crosscheck.config import resolve
from crosscheck.contracts import Snapshot
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


def _owners(page_text: str, **kwargs: object) -> set[str]:
    snapshot = Snapshot("notes.md", "0" * 64, page_text, "text/markdown", "now")
    page = parse_snapshot(snapshot, **kwargs)  # type: ignore[arg-type]
    return {c["entity_raw"] for c in page.claims}


def test_the_gazetteer_given_to_the_parse_decides_which_names_are_found() -> None:
    assert _owners(_PAGE) == {"Redis", "Memcached"}
    assert {"Redis", "Memcached"}.isdisjoint(_owners(_PAGE, gazetteer=build_gazetteer([])))


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
    page = tmp_path / "notes.md"
    page.write_text(_PAGE, encoding="utf-8")

    def owners(db: Path) -> set[str]:
        main(["run", str(page), "--db", str(db), "--no-validate"])
        with duckdb.connect(str(db), read_only=True) as con:
            return {row[0] for row in con.execute("SELECT entity_raw FROM claims").fetchall()}

    assert owners(tmp_path / "packaged.duckdb") == {"Redis", "Memcached"}
    monkeypatch.setenv("CROSSCHECK_GAZETTEER_FILE", str(_no_entities(tmp_path)))
    assert {"Redis", "Memcached"}.isdisjoint(owners(tmp_path / "ablation.duckdb"))
