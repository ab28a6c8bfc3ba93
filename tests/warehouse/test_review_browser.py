"""A real headless Chromium records a verdict through `crosscheck serve` (issue 18): filter
the findings, open the evidence, type a note, press Dismissed; `crosscheck review list` then
shows the verdict. Fails (never skips) without Chromium, ChromeDriver or selenium."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crosscheck.cli import EXIT_OK, main
from tests.warehouse.report_data import build_warehouse
from tests.warehouse.serving import served
from tests.warehouse.test_report_browser import driver  # noqa: F401 (the shared fixture)


def test_a_verdict_recorded_in_the_browser_shows_in_review_list(
    driver: Any,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    db = build_warehouse(tmp_path / "w.duckdb")
    with served(db) as url:
        driver.get(url)
        Select(driver.find_element(By.NAME, "severity")).select_by_value("high")
        driver.find_element(By.ID, "apply").click()
        WebDriverWait(driver, 20).until(ec.url_contains("severity=high"))
        cards = driver.find_elements(By.CSS_SELECTOR, "article.finding")
        assert cards and all("sev-high" in c.get_attribute("class") for c in cards)
        card = cards[0]
        finding = card.get_attribute("data-finding")
        card.find_element(By.TAG_NAME, "summary").click()  # open the evidence
        assert card.find_element(By.CSS_SELECTOR, "li.claim").is_displayed()
        card.find_element(By.NAME, "note").send_keys("same figure, two setups")
        card.find_element(By.NAME, "by").send_keys("ana")
        card.find_element(By.CSS_SELECTOR, "button[value='dismissed']").click()
        WebDriverWait(driver, 20).until(ec.presence_of_element_located((By.ID, "message")))
        assert finding in driver.find_element(By.ID, "message").text
        shown = driver.find_element(By.ID, f"finding-{finding}")
        assert shown.get_attribute("data-verdict") == "dismissed"
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, errors
    capsys.readouterr()
    assert main(["review", "list", "--db", str(db), "--format", "json"]) == EXIT_OK
    [verdict] = json.loads(capsys.readouterr().out)
    assert verdict["finding_id"] == finding
    assert (verdict["verdict"], verdict["note"], verdict["reviewer"]) == (
        "dismissed",
        "same figure, two setups",
        "ana",
    )
    assert verdict["state"] == "in force"
