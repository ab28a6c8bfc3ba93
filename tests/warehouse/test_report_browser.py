"""The HTML report in a real headless Chromium: its script runs under its CSP, filters work,
and no payload fires.

Fails (never skips) without Chromium, ChromeDriver or selenium: CI (.ci/run) installs them.
"""

from __future__ import annotations

import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from crosscheck.warehouse import open_warehouse
from crosscheck.warehouse.report import write_report

from tests.warehouse.report_data import EVIL_ENTITY, SEARCH_ENTITY, build_warehouse

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
INSTALL_HINT = (
    "apt-get install -y chromium chromium-driver && .venv/bin/python -m pip install selenium"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser-report")
    con = open_warehouse(build_warehouse(folder / "w.duckdb"), read_only=True)
    try:
        return write_report(con, folder / "report.html")
    finally:
        con.close()


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail(f"selenium is not installed; install the browser test's tools: {INSTALL_HINT}")
    chromium = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    chromedriver = CHROMEDRIVER if CHROMEDRIVER.exists() else shutil.which("chromedriver")
    if not chromium or not chromedriver:
        pytest.fail(
            f"Chromium or ChromeDriver is missing (need {CHROMIUM}, {CHROMEDRIVER}): {INSTALL_HINT}"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1280,1600",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(str(chromedriver)), options=options)
    try:
        yield browser
    finally:
        browser.quit()


def _visible(driver: Any) -> list[Any]:
    from selenium.webdriver.common.by import By

    return [
        el for el in driver.find_elements(By.CSS_SELECTOR, "article.finding") if el.is_displayed()
    ]


def test_report_runs_cleanly_and_filters(driver: Any, report: Path, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.get(report.resolve().as_uri())
    with pytest.raises(NoAlertPresentException):  # no payload opened an alert
        driver.switch_to.alert.text  # noqa: B018
    assert driver.execute_script("return document.querySelectorAll('script').length") == 1
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, f"browser errors (script or CSP): {severe}"

    everything = _visible(driver)
    assert len(everything) == 9
    counter = driver.find_element(By.ID, "finding-count").text
    assert counter == "9 of 9 findings shown"  # set by the script: it ran under the CSP

    driver.find_element(By.CSS_SELECTOR, "[data-severity-filter='high']").click()
    high = _visible(driver)
    assert high and len(high) < len(everything)
    assert {el.get_attribute("data-severity") for el in high} == {"high"}
    assert {el.get_attribute("data-entity") for el in high} == {EVIL_ENTITY, SEARCH_ENTITY}

    driver.find_element(By.CSS_SELECTOR, "[data-severity-filter='all']").click()
    driver.find_element(By.ID, "filter-search").send_keys(SEARCH_ENTITY.lower()[:6])
    found = _visible(driver)
    assert [el.get_attribute("data-entity") for el in found] == [SEARCH_ENTITY]
    assert found[0].find_element(By.CSS_SELECTOR, ".entity").text == SEARCH_ENTITY

    driver.find_element(By.ID, "filter-search").clear()
    driver.execute_script(  # clear() fires no input event
        "document.getElementById('filter-search').dispatchEvent(new Event('input'))"
    )
    assert len(_visible(driver)) == 9
    first = driver.find_element(By.CSS_SELECTOR, "article.finding .entity").text
    assert first == EVIL_ENTITY  # the payload is shown as text, highest severity first

    Select(driver.find_element(By.ID, "sort-by")).select_by_value("entity")
    entities = [el.get_attribute("data-entity") for el in _visible(driver)]
    assert entities == sorted(entities) and len(entities) == 9
    Select(driver.find_element(By.ID, "filter-kind")).select_by_value("conflict")
    assert {el.get_attribute("data-kind") for el in _visible(driver)} == {"conflict"}
    Select(driver.find_element(By.ID, "filter-kind")).select_by_value("all")
    Select(driver.find_element(By.ID, "sort-by")).select_by_value("severity")

    shot = tmp_path / "report.png"
    driver.set_window_size(1280, 2400)
    assert driver.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 800 and height >= 800 and len(data) > 50_000
    assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
