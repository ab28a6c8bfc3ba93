"""How fast a reviewer gets the report of a large warehouse (issue 18): the time and peak
memory to write it, its size, and in headless Chromium the time to open it (first page of
cards drawn) and to apply a severity filter and a search. Measured, never asserted:

    .venv/bin/crosscheck run bench/out/corpus-10000 --db /tmp/bench-10k.duckdb --no-validate
    .venv/bin/python -m bench.report_browser --db /tmp/bench-10k.duckdb

Needs Chromium, ChromeDriver and selenium (as tests/warehouse/test_report_browser.py).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def _driver(profile: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--user-data-dir={profile}", "--window-size=1280,1600"):  # fmt: skip
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def measure(db: Path, out: Path, query: str = "flask") -> dict[str, Any]:
    """Write the report of `db` to `out` and time it in headless Chromium (cold, then warm)."""
    from crosscheck.warehouse import open_warehouse
    from crosscheck.warehouse.report import write_report
    from selenium.webdriver.common.by import By

    con = open_warehouse(db, read_only=True)
    started = time.perf_counter()
    try:
        write_report(con, out)
    finally:
        con.close()
    result: dict[str, Any] = {
        "write_s": round(time.perf_counter() - started, 2),
        "write_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "size_mb": round(out.stat().st_size / 1e6, 1),
    }
    with tempfile.TemporaryDirectory() as profile:
        driver = _driver(Path(profile))
        try:
            for attempt in ("cold", "warm"):
                t = time.perf_counter()
                driver.get(out.resolve().as_uri())
                cards = len(driver.find_elements(By.CSS_SELECTOR, "article.finding"))
                opened = time.perf_counter() - t
                t = time.perf_counter()
                driver.find_element(By.CSS_SELECTOR, "[data-severity-filter='high']").click()
                high = driver.find_element(By.ID, "finding-count").text
                filtered = time.perf_counter() - t
                t = time.perf_counter()
                driver.find_element(By.ID, "filter-search").send_keys(query)
                found = driver.find_element(By.ID, "finding-count").text
                searched = time.perf_counter() - t
                result[attempt] = {
                    "open_s": round(opened, 2),
                    "cards_drawn": cards,
                    "severity_filter_s": round(filtered, 2),
                    "high": high,
                    "search_s": round(searched, 2),
                    "search": found,
                }
        finally:
            driver.quit()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("bench/out/report-browser.html"))
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    print(json.dumps(measure(args.db, args.out), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
