"""Configuration merged in one place: defaults < config file < environment < flags, with
every bad value named by where it came from; the same merge behind the CLI and the API."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main
from crosscheck.config import DEFAULT_DB, Settings, resolve
from crosscheck.errors import ConfigError


def _config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "crosscheck.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_defaults_without_file_environment_or_flags() -> None:
    settings = resolve({}, {})
    assert settings == Settings()
    assert settings.db == DEFAULT_DB and settings.fail_on is None and settings.validate
    assert settings.snapshot_dir == DEFAULT_DB.resolve().parent / ".crosscheck" / "snapshots"
    assert settings.run_sources()[0].endswith("examples/pages")


def test_each_layer_overrides_the_one_below(tmp_path: Path) -> None:
    config = _config(
        tmp_path,
        '[run]\ndb = "file.duckdb"\nfail_on = "low"\nwait = 5\nfail_on_fetch_error = true\n'
        'log_format = "json"\n',
    )
    from_file = resolve({"config": config}, {})
    assert from_file.db == tmp_path / "file.duckdb"  # relative to the file
    assert (from_file.fail_on, from_file.wait, from_file.fail_on_fetch_error) == ("low", 5.0, True)
    environ = {
        "CROSSCHECK_CONFIG": str(config),
        "CROSSCHECK_DB": "env.duckdb",
        "CROSSCHECK_FAIL_ON": "medium",
        "CROSSCHECK_FAIL_ON_FETCH_ERROR": "no",
        "CROSSCHECK_WAIT": "",  # empty means unset
    }
    from_env = resolve({}, environ)
    assert from_env.config_file == config  # CROSSCHECK_CONFIG names the file
    assert (from_env.db, from_env.fail_on) == (Path("env.duckdb"), "medium")
    assert from_env.fail_on_fetch_error is False and from_env.wait == 5.0
    assert from_env.log_format == "json"
    from_flags = resolve({"db": Path("flag.duckdb"), "fail_on": "high", "wait": 0.0}, environ)
    assert (from_flags.db, from_flags.fail_on, from_flags.wait) == (
        Path("flag.duckdb"),
        "high",
        0.0,
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CROSSCHECK_FAIL_ON", "hgh", "environment CROSSCHECK_FAIL_ON: expected one of info"),
        ("CROSSCHECK_WAIT", "-1", "environment CROSSCHECK_WAIT: expected seconds"),
        ("CROSSCHECK_WAIT", "soon", "environment CROSSCHECK_WAIT: expected seconds"),
        ("CROSSCHECK_VALIDATE", "maybe", "environment CROSSCHECK_VALIDATE: expected true or false"),
        ("CROSSCHECK_LOG_FORMAT", "xml", "environment CROSSCHECK_LOG_FORMAT: expected one of"),
        ("CROSSCHECK_WORKERS", "0", "environment CROSSCHECK_WORKERS: expected a whole number"),
    ],
)
def test_bad_environment_values_name_the_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        resolve({}, {name: value})


def test_cli_reads_the_environment(
    seed_files: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("CROSSCHECK_DB", str(db))
    monkeypatch.setenv("CROSSCHECK_FAIL_ON", "high")
    monkeypatch.setenv("CROSSCHECK_VALIDATE", "false")
    assert main(["run", *map(str, seed_files)]) == EXIT_FINDINGS
    assert db.exists()
    assert "validation" not in capsys.readouterr().out
    # read commands find the warehouse through CROSSCHECK_DB too; a flag still wins
    assert main(["query", "SELECT count(*) AS runs FROM runs"]) == EXIT_OK
    assert "1 row" in capsys.readouterr().out
    assert main(["query", "--db", str(tmp_path / "none.duckdb"), "SELECT 1"]) == EXIT_USAGE
    monkeypatch.setenv("CROSSCHECK_FAIL_ON", "nope")
    assert main(["run", *map(str, seed_files)]) == EXIT_USAGE
    assert "environment CROSSCHECK_FAIL_ON" in capsys.readouterr().err


def test_negative_wait_flag_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "--wait", "-2", "--db", str(tmp_path / "w.duckdb"), "SELECT 1"]) == 2
    assert "--wait" in capsys.readouterr().err


def test_a_relative_lake_is_made_absolute_where_the_client_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dask workers write the lake from working folders of their own (docs/scaling.md, Several
    hosts): `--lake lake` or CROSSCHECK_LAKE=lake means the client's folder, as --snapshots."""
    monkeypatch.chdir(tmp_path)
    assert resolve({"lake": "lake"}, environ={}).lake == tmp_path / "lake"
    assert resolve({}, environ={"CROSSCHECK_LAKE": "shared/lake"}).lake == tmp_path / "shared/lake"
    assert resolve({"lake": "/data/lake"}, environ={}).lake == Path("/data/lake")
    assert resolve({}, environ={}).lake is None
