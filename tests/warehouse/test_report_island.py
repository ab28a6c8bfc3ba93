"""A large warehouse's report (issue 18): past the inline limit the findings travel as one
JSON document in an escaped data- attribute and the script builds one page of cards at a
time, so the file stays small and opens at once; filters, paging and escaping still hold.
The limit is lowered here so a small warehouse takes that path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from crosscheck.warehouse import open_warehouse
from crosscheck.warehouse.report import write_report

from tests.warehouse.report_data import EVIL_ENTITY, PAYLOADS, SCRIPT, build_warehouse
from tests.warehouse.test_report_browser import driver  # noqa: F401 (the shared fixture)


def _write(db: Path, out: Path, limit: int) -> Path:
    con = open_warehouse(db, read_only=True)
    try:
        return write_report(con, out, inline_limit=limit)
    finally:
        con.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("island")
    return _write(build_warehouse(folder / "w.duckdb"), folder / "report.html", 1)


def test_the_findings_travel_as_an_escaped_json_document(hostile: Path, tmp_path: Path) -> None:
    html = hostile.read_text("utf-8")
    doc = lxml.html.document_fromstring(html)
    assert not doc.xpath("//article")  # nothing rendered server-side
    assert len(doc.xpath("//script")) == 1 and SCRIPT not in html
    for payload in PAYLOADS[:2]:
        assert payload not in html  # every < of scraped text is escaped in the attribute
    document = json.loads(doc.get_element_by_id("findings-data").get("data-json"))
    entities = {row[5] for row in document["findings"]}
    assert EVIL_ENTITY in entities
    assert all(len(row[11]) >= 1 for row in document["findings"])
    assert all(0 <= at < len(document["claims"]) for row in document["findings"] for at in row[11])
    # The same warehouse under the limit renders cards, as before.
    small = _write(build_warehouse(tmp_path / "w.duckdb"), tmp_path / "r.html", 1_000)
    assert lxml.html.parse(str(small)).getroot().xpath("//article")


def test_the_script_pages_and_filters_the_document(
    driver: Any,  # noqa: F811
    seed_files: list[Path],
    hostile: Path,
    tmp_path: Path,
) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from crosscheck.cli import EXIT_OK, main

    driver.get(hostile.resolve().as_uri())
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    first = driver.find_element(By.CSS_SELECTOR, "article.finding .entity").text
    assert first == EVIL_ENTITY  # the payload is text, highest severity first

    db = tmp_path / "seeds.duckdb"
    assert main(["run", *map(str, seed_files), "--db", str(db), "--no-validate"]) == EXIT_OK
    report = _write(db, tmp_path / "seeds.html", 10)
    con = open_warehouse(db, read_only=True)
    total, high = con.execute(
        "SELECT count(*), count(*) FILTER (severity = 'high') FROM findings WHERE status = 'open'"
    ).fetchall()[0]
    con.close()
    driver.get(report.resolve().as_uri())
    cards = driver.find_elements(By.CSS_SELECTOR, "article.finding")
    assert len(cards) == 50 < total
    pages = -(-total // 50)
    assert driver.find_element(By.ID, "page-info").text == f"page 1 of {pages}"
    assert driver.find_element(By.ID, "finding-count").text == f"{total} of {total} findings shown"
    command = cards[0].find_element(By.CSS_SELECTOR, ".record code").text
    finding = cards[0].get_attribute("id").removeprefix("finding-")
    assert command.startswith(f"crosscheck review {finding} --db {db}")
    assert cards[0].find_elements(By.CSS_SELECTOR, "li.claim")
    marks = {m.text for m in driver.find_elements(By.CSS_SELECTOR, ".agree, .dissent")}
    assert marks == {"agrees with the consensus", "dissents"}
    seen = {c.get_attribute("id") for c in cards}
    driver.find_element(By.ID, "page-next").click()
    after = {c.get_attribute("id") for c in driver.find_elements(By.CSS_SELECTOR, "article")}
    assert after and not after & seen
    driver.find_element(By.CSS_SELECTOR, "[data-severity-filter='high']").click()
    shown = driver.find_elements(By.CSS_SELECTOR, "article.finding")
    assert len(shown) == min(high, 50)
    assert {c.get_attribute("data-severity") for c in shown} == {"high"}
    assert driver.find_element(By.ID, "page-info").text.startswith("page 1 of")
    Select(driver.find_element(By.ID, "filter-kind")).select_by_value("logic")
    kinds = {c.get_attribute("data-kind") for c in driver.find_elements(By.CSS_SELECTOR, "article")}
    assert kinds <= {"logic"}
    driver.find_element(By.ID, "filter-search").send_keys("zzz-nothing")
    assert not driver.find_elements(By.CSS_SELECTOR, "article.finding")
    assert driver.find_element(By.ID, "no-match").is_displayed()
    assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


@pytest.mark.parametrize("agrees", [1, 0, None])
def test_a_claim_row_is_the_json_text_json_dumps_gives(agrees: int | None) -> None:
    """The claim rows are assembled from each string's JSON: the same text as the document's
    encoder, for quotes, backslashes, controls, non-ASCII and characters beyond the BMP."""
    from crosscheck.warehouse.report_island import _claim_json, _json

    texts = [
        '"quoted" \\ back',
        "tab\tnew\nline\x00\x1f",
        "café – 10 ≥ 5",
        "emoji 😀 \u2028\u2029",
        "",
        EVIL_ENTITY,
        PAYLOADS[0],
        "</script><!--",
    ]
    assert _claim_json(1234, *texts, agrees) == _json([1234, *texts, agrees])
