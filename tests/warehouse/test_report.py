"""The reviewer report: hostile scraped text stays inert text, the file is self-contained,
and every section shows what the warehouse holds."""

from __future__ import annotations

import base64
import hashlib
import math
import re
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest
from crosscheck.warehouse import load_run, open_warehouse, record_failed_run
from crosscheck.warehouse.report import (
    ReportError,
    _env,
    http_url,
    interval_text,
    md_escape,
    number_text,
    render_report,
    write_report,
)

from tests.warehouse import report_data as rd
from tests.warehouse.test_support import finding, make_bundle

TEMPLATES = Path(__file__).resolve().parents[2] / "warehouse" / "templates"
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background")


def _report(path: Path, fmt: str = "html", runs: int = 2) -> str:
    rd.build_warehouse(path / "w.duckdb", runs=runs)
    con = open_warehouse(path / "w.duckdb", read_only=True)
    try:
        out = write_report(con, path / f"report.{fmt}", fmt)  # type: ignore[arg-type]
    finally:
        con.close()
    assert out == path / f"report.{fmt}"
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _report(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def doc(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


@pytest.fixture(scope="module")
def md(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _report(tmp_path_factory.mktemp("report-md"), "md")


def _article(doc: lxml.html.HtmlElement, entity: str, kind: str) -> lxml.html.HtmlElement:
    found = [
        a for a in doc.xpath("//article[@data-kind=$k]", k=kind) if a.get("data-entity") == entity
    ]
    assert len(found) == 1, (entity, kind)
    return found[0]


# --- escaping and CSP ------------------------------------------------------------------------


def test_no_executable_markup_from_scraped_text(html: str, doc: lxml.html.HtmlElement) -> None:
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and scripts[0].get("src") is None
    assert scripts[0].text == _env().get_template("_report.js.j2").render()
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name, value)
            if name.lower() in URL_ATTRS:
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), (el.tag, value)
    assert not doc.xpath("//img | //iframe | //object | //embed | //link | //base | //form")
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert 'onmouseover="x' not in html


def test_payload_text_is_shown_escaped(html: str, doc: lxml.html.HtmlElement) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    evil = _article(doc, rd.EVIL_ENTITY, "conflict")
    assert evil.get("data-metric") == f"throughput{rd.IMG}"  # attribute value did not break out
    assert evil.find_class("entity")[0].text_content() == rd.EVIL_ENTITY
    assert rd.SCRIPT in evil.find_class("explanation")[0].text_content()
    assert f"({rd.ATTR})" in evil.find_class("qual")[0].text_content()
    text = doc.text_content()
    for payload in rd.PAYLOADS:
        assert payload in text
    assert doc.get_element_by_id("run-id").text_content() == f"run-2{rd.SCRIPT}"


def test_csp_pins_the_report_own_style_and_script(doc: lxml.html.HtmlElement) -> None:
    metas = doc.xpath("//head/meta[@http-equiv='Content-Security-Policy']")
    assert len(metas) == 1
    csp = metas[0].get("content")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    for tag in ("script", "style"):
        (element,) = doc.xpath(f"//{tag}")
        digest = base64.b64encode(hashlib.sha256(element.text.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in csp
    head = [el.tag for el in doc.head]
    assert head.index("meta") < head.index("style")  # charset, then the CSP, before any style
    assert not doc.xpath("//*[@style]")  # inline style attributes would be blocked by the CSP


def test_templates_never_disable_escaping() -> None:
    env = _env()
    for template in TEMPLATES.glob("*.j2"):
        source = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)
        assert "|safe" not in source.replace(" ", "") and "Markup" not in source, template.name
        assert "autoescape false" not in source, template.name
    assert env.autoescape("report.html.j2") and env.autoescape("_macros.html.j2")
    assert not env.autoescape("report.md.j2")


def test_only_http_sources_become_links(doc: lxml.html.HtmlElement) -> None:
    links = doc.xpath("//a[@href]")
    outside = [a.get("href") for a in links if not a.get("href").startswith("#")]
    assert set(outside) == {rd.URL_SOURCE}
    for a in links:
        if not a.get("href").startswith("#"):
            assert "noopener" in a.get("rel") and a.text_content() == rd.URL_SOURCE
    plain = [s.text_content() for s in doc.find_class("source")]
    assert rd.JS_URL in plain and rd.EVIL_HTTP in plain


def test_offline_no_remote_resources(html: str, doc: lxml.html.HtmlElement) -> None:
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if re.search(r"(https?:)?//", value) and not (el.tag == "a" and name == "href"):
                assert name == "title" or name.startswith("data-"), (el.tag, name, value)
    for tag in ("style", "script"):
        code = doc.xpath(f"//{tag}")[0].text
        assert "http" not in code and "url(" not in code and "@import" not in code
        assert "@font-face" not in code
    assert not re.search(r"<(link|script|img|iframe)[^>]+(src|href)=", html)


# --- content -----------------------------------------------------------------------------------


def test_header_and_summary(doc: lxml.html.HtmlElement) -> None:
    header = doc.xpath("//header")[0].text_content()
    assert "2026-11-21 06:10:00 UTC" in header and "2 completed runs" in header
    assert "5 sources given to this run" in header
    severities = doc.get_element_by_id("by-severity").text_content().split()
    assert severities == ["high", "2", "medium", "3", "low", "2", "info", "2"]
    kinds = doc.get_element_by_id("by-kind").text_content()
    assert "conflict 2" in kinds and "encoding 1" in kinds and "misattribution 1" in kinds
    cards = {
        c.find_class("l")[0].text: c.find_class("n")[0].text
        for c in doc.find_class("card")
        if c.find_class("n")
    }
    assert cards.pop("sources").isdigit()  # how the loader counts source rows is its business
    assert cards == {
        "pages": "4",
        "claims": "10",
        "facts": "9",
        "quarantined": "55",
        "open findings": "9",
        "resolved findings": "1",
    }


def test_findings_grouped_by_severity_then_entity(doc: lxml.html.HtmlElement) -> None:
    articles = doc.xpath("//div[@id='finding-list']/article")
    order = [a.get("data-severity") for a in articles]
    assert order == ["high"] * 2 + ["medium"] * 3 + ["low"] * 2 + ["info"] * 2
    assert [a.get("data-entity") for a in articles[:2]] == [rd.EVIL_ENTITY, rd.SEARCH_ENTITY]
    headings = [h.text for h in doc.xpath("//div[@id='finding-list']/h3")]
    assert headings == ["high", "medium", "low", "info"]
    assert len(doc.xpath("//div[@id='finding-list']/article//ol/li")) == 19
    assert {a.get("data-kind") for a in articles} == {
        "conflict",
        "misattribution",
        "unit_scale",
        "encoding",
        "identical_columns",
        "logic",
        "categorical_conflict",
        "diff_mismatch",
    }


def test_evidence_highlights_the_exact_value_span(doc: lxml.html.HtmlElement) -> None:
    evil = _article(doc, rd.EVIL_ENTITY, "conflict")
    quotes = evil.xpath(".//blockquote")
    assert quotes[0].text_content() == f"Before {rd.SCRIPT} the value {rd.ATTR} and after {rd.IMG}"
    assert [m.text for m in quotes[0].xpath("mark")] == [rd.ATTR]
    assert quotes[1].text_content() == "no offset known" and not quotes[1].xpath("mark")
    assert [m.text for m in quotes[2].xpath("mark")] == ["~2,500 req/sec"]
    locators = [loc.text for loc in evil.find_class("locator")]
    assert locators[0] == f"table 1 / row 1 / column {rd.IMG}"
    norms = [n.text for n in evil.find_class("norm")]
    assert norms == [
        "→ ≥ 400 req/s",
        "→ 9 req/s",
        "→ 2,250–2,750 req/s",
        "→ ≤ 50,000 req/s",
        "→ ≥ 400,000",
    ]


def test_conflicts_have_interval_charts(doc: lxml.html.HtmlElement) -> None:
    for article in doc.xpath("//article"):
        assert bool(article.xpath(".//svg")) == (article.get("data-kind") == "conflict")
    evil = _article(doc, rd.EVIL_ENTITY, "conflict").xpath(".//svg")[0]
    assert "log scale" in evil.get("aria-label")  # 9 .. 400,000 spans far more than 100x
    ticks = [t.text for t in evil.find_class("tick")]
    assert ticks == ["1", "10", "100", "1,000", "10,000", "100,000"]
    # Drawn as the rules compare them: N+ as [N, 1.3 N] (never to the axis end), ~N widened
    # as a rounded N (docs/reconcile.md), "under N" from 0 (the left edge on a log axis); a dot
    # at every stated figure.
    assert not evil.xpath(".//polygon")
    titles = evil.xpath(".//g/title/text()")
    assert "compared as 360–520 req/s" in titles[0]
    assert "compared as 2,025–3,025 req/s" in titles[2]
    assert "compared as 0–55,000 req/s" in titles[3]
    assert float(evil.xpath(".//g[4]/line[1]/@x1")[0]) == 230
    assert max(float(x) for x in evil.xpath(".//g/line/@x2")) < 736
    assert len(evil.xpath(".//circle")) == 4
    labels = [t.text for t in evil.xpath(".//text[@class='label']")]
    assert labels == [f"#1 {rd.ATTR}", "#2 9 req/s", "#3 ~2,500 req/sec", "#4 under 50,000"]
    assert "#5" not in "".join(evil.xpath(".//title/text()"))  # stars: another unit, left out
    cross = _article(doc, "Flask", "conflict").xpath(".//svg")[0]
    assert "log" not in cross.get("aria-label") and cross.xpath(".//line[@class='consensus']")
    assert len(cross.xpath(".//g[contains(@class, 'bar')]")) == 3
    card = _article(doc, "Flask", "conflict")
    marks = card.xpath(".//span[@class='agree' or @class='dissent']/text()")
    assert marks == ["dissents", "agrees with the consensus", "agrees with the consensus"]
    assert [g.get("class") for g in cross.xpath(".//g")] == [
        "bar dissents",
        "bar agrees",
        "bar agrees",
    ]


def test_changes_since_previous_run(doc: lxml.html.HtmlElement, tmp_path: Path) -> None:
    rows = doc.xpath("//table[@id='changes-table']/tbody/tr")
    changes = [(r[0].text, r[3].text) for r in rows]
    assert changes.count(("resolved", "FastAPI")) == 1
    assert [c for c, _ in changes].count("new") == 6
    first = lxml.html.document_fromstring(_report(tmp_path, runs=1))
    assert "First run" in first.get_element_by_id("first-run").text_content()
    assert not first.xpath("//table[@id='changes-table']")


def test_reconciled_matrix(doc: lxml.html.HtmlElement) -> None:
    table = doc.get_element_by_id("reconciled-table")  # more metrics than entities: metric rows
    header = [th.text_content() for th in table.xpath("thead/tr/th")]
    assert header == ["Metric", "Flask", rd.EVIL_ENTITY]
    rows = {tr[0].text_content(): tr for tr in table.xpath("tbody/tr")}
    assert list(rows) == [
        "github_stars",
        "release_year",
        f"stars{rd.IMG} ({rd.ATTR})",
        "throughput",
    ]
    flask = [rows[m][1].find_class("cell-value") for m in rows]
    assert [v[0].text if v else None for v in flask] == ["400,000", "2010", None, "10,000 req/s"]
    evil = rows[f"stars{rd.IMG} ({rd.ATTR})"][2]
    assert [s.text for s in evil] == ["1.5", "1–2", "conf 0.20 · 1/0"]
    assert evil.get("class") == "conf-low"


def test_quarantine_summary_and_first_rows(doc: lxml.html.HtmlElement) -> None:
    reasons = doc.get_element_by_id("quarantine-reasons").text_content().split()
    assert reasons == ["no_number", "36", "unknown_unit", "18", "unparseable", "1"]
    rows = doc.xpath("//table[@id='quarantine-table']/tbody/tr")
    assert len(rows) == 50
    assert rows[0][3].text_content() == rd.IMG and rd.SCRIPT in rows[0][4].text_content()
    assert "First 50 of 55 rows" in doc.get_element_by_id("quarantine").text_content()


def test_failed_latest_run_is_announced(tmp_path: Path) -> None:
    path = rd.build_warehouse(tmp_path / "w.duckdb", runs=1)
    con = open_warehouse(path)
    try:
        record_failed_run(
            con, "run-9", datetime(2026, 11, 22, tzinfo=UTC), ["x"], f"broken {rd.SCRIPT}"
        )
        html = render_report(con)
    finally:
        con.close()
    banner = lxml.html.document_fromstring(html).find_class("banner")[0]
    assert "run-9" in banner.text_content() and rd.SCRIPT in banner.text_content()
    assert "<script>alert" not in html


def test_empty_warehouse_renders(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "empty.duckdb")
    try:
        html, md = render_report(con), render_report(con, "md")
    finally:
        con.close()
    doc = lxml.html.document_fromstring(html)
    assert "No completed run" in doc.xpath("//header")[0].text_content()
    assert "No open findings." in doc.text_content()
    assert "No completed run" in md and "No open findings." in md


# --- markdown ----------------------------------------------------------------------------------


def test_markdown_summary_escapes_scraped_text(md: str) -> None:
    assert md.startswith("### crosscheck report\n")
    assert "**open findings** 9 (6 new, 1 resolved)" in md
    assert "**By severity:** high 2 · medium 3 · low 2 · info 2" in md
    items = [line for line in md.splitlines() if re.match(r"\d+\. ", line)]
    assert len(items) == 9 and items[0].startswith("1. **HIGH** · conflict · Flask\\<script\\>")
    pipe = next(line for line in items if "unit\\_scale" in line)
    assert (
        "Fast\\|API \\`x\\`" in pipe
        and "Stars \\| pipes and \\`backticks\\` and \\*stars\\*" in pipe
    )
    assert not re.search(r"(?<!\\)[|`]", md)  # every pipe and backtick is escaped
    assert not re.search(r"(?<!\\)[<>]", md)  # no raw angle brackets: no HTML in chat or CI


def test_markdown_lists_only_the_top_20(tmp_path: Path) -> None:
    claim_id = rd.C_STAR["claim_id"]
    findings = [
        finding(
            "logic", [claim_id], finding_id=f"f{i:02d}", severity=sev, explanation=f"finding {i}"
        )
        for i, sev in enumerate(["info"] * 10 + ["high"] * 3 + ["low"] * 12)
    ]
    con = open_warehouse(tmp_path / "w.duckdb")
    try:
        load_run(con, make_bundle("r1", claims=rd.CLAIMS, facts=rd.FACTS, findings=findings))
        text = render_report(con, "md")
    finally:
        con.close()
    items = [line for line in text.splitlines() if re.match(r"\d+\. ", line)]
    assert len(items) == 20 and "#### Top 20 findings" in text
    assert [i.split("**")[1] for i in items] == ["HIGH"] * 3 + ["LOW"] * 12 + ["INFO"] * 5
    assert "… and 5 more open findings" in text


# --- helpers and errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "linked"),
    [
        ("https://example.com/a?b=1#c", True),
        ("HTTP://Example.com", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" https://x.org", False),
        ('https://x.org/"onmouseover=x', False),
        ("data:text/html,<b>", False),
        ("//evil.example/x", False),
        ("seeds/a.txt", False),
        ("https://x.org/a b", False),
        ("https://x.org/\njavascript:", False),
        (None, False),
    ],
)
def test_http_url(source: str | None, linked: bool) -> None:
    assert (http_url(source) is not None) == linked


def test_md_escape() -> None:
    assert md_escape("a|b `c` *d* _e_ [f](g) <h> ~i~ &amp; \\\nj (k) #l +m") == (
        "a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\<h\\> \\~i\\~ \\&amp; \\\\ j (k) #l +m"
    )
    assert md_escape(None) == ""


def test_numbers() -> None:
    assert number_text(2500.0) == "2,500" and number_text(1.25e6) == "1.25M"
    assert number_text(45e6, "B") == "45 MB" and number_text(512, "B") == "512 B"
    assert number_text(2019.0, "year") == "2019" and number_text(None) == "—"
    assert number_text(math.inf) == "∞" and number_text(-math.inf) == "−∞"
    assert interval_text(8000, 12000, "req/s") == "8,000–12,000 req/s"
    assert interval_text(400000, math.inf, "count") == "≥ 400,000"
    assert interval_text(-math.inf, 0.5, "s") == "≤ 500 ms"
    assert number_text(420.0, "s") == "7 min" and number_text(1.5, "s") == "1.5 s"
    assert number_text(15 * 31_557_600.0, "s") == "15 yr"
    assert interval_text(5, 5, "percent") == "5%"


def test_write_errors_are_report_errors(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    try:
        with pytest.raises(ReportError, match="unknown report format"):
            write_report(con, tmp_path / "r.pdf", "pdf")  # type: ignore[arg-type]
        (tmp_path / "dir.html").mkdir()
        with pytest.raises(ReportError, match="cannot write report"):
            write_report(con, tmp_path / "dir.html")
    finally:
        con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.html", "w.duckdb"]
