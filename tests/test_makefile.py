"""`make test` installs what the browser test needs on a fresh Debian machine (as .ci/run used
to), so CI installs nothing the README path does not; run with fake apt-get and PATH."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def _bin(tmp_path: Path, *, with_browser: bool) -> Path:
    """A PATH folder with env, id, a recording apt-get and, optionally, the browser."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("env", "id"):
        real = shutil.which(tool)
        assert real is not None
        (folder / tool).symlink_to(real)
    log = tmp_path / "apt.log"
    (folder / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {log}\n', encoding="utf-8")
    names = ("chromium", "chromedriver") if with_browser else ()
    for name in names:
        (folder / name).write_text("#!/bin/sh\n", encoding="utf-8")
    for entry in folder.iterdir():
        if not entry.is_symlink():
            entry.chmod(0o755)
    return folder


def _make_browser(folder: Path) -> subprocess.CompletedProcess[str]:
    assert MAKE is not None
    return subprocess.run(
        [MAKE, "-s", "browser"],
        cwd=REPO_ROOT,
        env={"PATH": str(folder), "HOME": os.environ.get("HOME", "/root")},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="the install path without sudo needs root")
def test_missing_browser_is_installed_with_apt_get(tmp_path: Path) -> None:
    done = _make_browser(_bin(tmp_path, with_browser=False))
    assert done.returncode == 0, done.stderr
    calls = (tmp_path / "apt.log").read_text(encoding="utf-8").splitlines()
    assert calls == ["update -qq", "install -y -qq chromium chromium-driver"]


def test_present_browser_installs_nothing(tmp_path: Path) -> None:
    done = _make_browser(_bin(tmp_path, with_browser=True))
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "apt.log").exists()


def test_the_test_target_needs_the_browser_and_ci_only_runs_the_readme_path() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ntest: $(STAMP) browser\n" in makefile
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert commands == ["make demo", "make test", "make lint"]
    assert "\nlint: $(STAMP)\n" in makefile  # lint reuses the README's .venv, installs nothing
