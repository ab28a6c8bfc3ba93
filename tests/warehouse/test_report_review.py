"""The report answers "whom to believe" (issue 18) on a real run over the seed pages: verdicts
on cards with the command to record one, one card per root cause, claims marked agree or
dissent, source reliability, validation results with the rejected rows, and a consensus that
is never a figure the checks themselves flag as copied."""

from __future__ import annotations

from pathlib import Path

import duckdb
import lxml.html
import pytest
from crosscheck.checks.root_causes import GROUPED_KINDS

from crosscheck.cli import EXIT_FINDINGS, EXIT_OK, main


@pytest.fixture(scope="module")
def seed_run(seed_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("review-report") / "w.duckdb"
    assert main(["run", *map(str, seed_files), "--db", str(db), "--no-validate"]) == EXIT_OK
    return db


def _report(db: Path, out: Path) -> lxml.html.HtmlElement:
    assert main(["report", "--db", str(db), "--out", str(out)]) == EXIT_OK
    return lxml.html.document_fromstring(out.read_text("utf-8"))


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_one_card_per_root_cause(seed_run: Path, tmp_path: Path) -> None:
    doc = _report(seed_run, tmp_path / "r.html")
    cards = doc.xpath("//article[contains(@class, 'finding')]")
    related = doc.xpath("//details[@class='related']//li")
    open_count = _rows(seed_run, "SELECT count(*) FROM findings WHERE status = 'open'")[0][0]
    assert len(cards) + len(related) == open_count
    assert related, "the seeds have same-page conflicts feeding cross-source ones"
    # A grouped card holds findings about its own entity and metric that share evidence (a
    # conflict and the unit_scale or misattribution that explains it).
    for card in doc.xpath("//article[.//details[@class='related']]"):
        assert card.get("data-kind") in GROUPED_KINDS
        ids = [card.get("id").removeprefix("finding-")]
        ids += card.xpath(".//details[@class='related']//li/span[@class='mono']/text()")
        keys = _rows(
            seed_run,
            "SELECT DISTINCT entity, metric FROM findings WHERE finding_id IN ("
            + ", ".join(f"'{i}'" for i in ids)
            + ")",
        )
        assert len(keys) == 1
        shared = _rows(
            seed_run,
            "SELECT count(*) FROM (SELECT claim_id FROM finding_claims WHERE finding_id IN ("
            + ", ".join(f"'{i}'" for i in ids)
            + ") GROUP BY claim_id HAVING count(*) > 1)",
        )[0][0]
        assert shared >= 1


def test_cards_show_verdicts_and_the_command_to_record_one(
    seed_run: Path, tmp_path: Path, seed_files: list[Path]
) -> None:
    db = tmp_path / "w.duckdb"
    db.write_bytes(seed_run.read_bytes())
    finding = _rows(db, "SELECT finding_id FROM findings WHERE kind = 'logic' ORDER BY 1")[0][0]
    code = main(["review", finding, "--db", str(db), "--verdict", "expected",
                 "--note", "<i>known</i>", "--by", "ana"])  # fmt: skip
    assert code == EXIT_OK
    doc = _report(db, tmp_path / "r.html")
    card = doc.get_element_by_id(f"finding-{finding}")
    assert card.get("data-verdict") == "expected"
    verdict = card.find_class("verdict")[0].text_content()
    assert "expected by ana" in verdict and "<i>known</i>" in verdict and "In force" in verdict
    command = card.find_class("record")[0].text_content()
    assert f"crosscheck review {finding} --db {db}" in command
    unreviewed = doc.xpath("//article[@data-verdict='unreviewed']")
    assert len(unreviewed) == len(doc.xpath("//article")) - 1
    # Findings only: the set-aside one leaves open_findings but stays on its card.
    assert _rows(db, f"SELECT count(*) FROM open_findings WHERE finding_id = '{finding}'") == [(0,)]


def test_sources_and_validation_sections(seed_run: Path, tmp_path: Path) -> None:
    db = tmp_path / "bad.duckdb"
    db.write_bytes(seed_run.read_bytes())
    con = duckdb.connect(str(db))
    con.execute("UPDATE facts SET low = high + 1 WHERE unit = 'req/s' AND high < 1e12")
    con.close()
    assert main(["validate", "--db", str(db), "--data-docs", str(tmp_path / "d")]) == EXIT_FINDINGS
    doc = _report(db, tmp_path / "r.html")
    assert "FAILED" in doc.get_element_by_id("validation-summary").text_content()
    rows = doc.xpath("//table[@id='validation-table']/tbody/tr")
    names = [r[0].text_content() for r in rows]
    assert any("low_le_high" in n for n in names)
    assert all(r[5].xpath(".//code") for r in rows if "low_le_high" in r[0].text_content())
    sources = doc.xpath("//table[@id='reliability-table']/tbody/tr")
    stored = _rows(db, "SELECT source, reliability, agreeing + disagreeing FROM source_reliability")
    assert sorted((r[0].text_content(), r[1].text, int(r[2].text)) for r in sources) == sorted(
        (s, f"{rel:.2f}", n) for s, rel, n in stored
    )


def test_the_consensus_is_never_a_value_the_checks_flag(seed_run: Path) -> None:
    """A figure a finding flags as wrong (a copied column, another entity's figure, a misread
    scale), and its repeats on the same page, does not decide a consensus that unflagged
    claims can decide."""
    facts = _rows(
        seed_run,
        """SELECT x.claim_id, c.source, x.entity, x.metric, x.qualifier, x.low, x.high,
            x.claim_id IN (SELECT fc.claim_id FROM findings f JOIN finding_claims fc
                USING (finding_id) WHERE f.kind IN
                ('identical_columns', 'misattribution', 'unit_scale')) AS flagged
        FROM facts x JOIN claims c USING (claim_id)
        WHERE x.value_type = 'numeric' AND c.role = 'value' AND x.metric <> 'unmapped'""",
    )
    flagged_figures = {(f[1], *f[2:7]) for f in facts if f[7]}
    keys: dict[tuple, dict[str, set]] = {}
    for _, source, entity, metric, qualifier, low, high, _flag in facts:
        side = (
            "flagged"
            if (source, entity, metric, qualifier, low, high) in flagged_figures
            else "clean"
        )
        keys.setdefault((entity, metric, qualifier), {"flagged": set(), "clean": set()})[side].add(
            low
        )
    consensus = {
        (e, m, q): v for e, m, q, v in _rows(
            seed_run, "SELECT entity, metric, qualifier, value FROM reconciled_facts"
        )
    }  # fmt: skip
    checked = 0
    for key, sides in keys.items():
        only_flagged = sides["flagged"] - sides["clean"]
        if sides["clean"] and only_flagged and key in consensus:
            assert consensus[key] not in only_flagged, key
            checked += 1
    assert checked >= 3


def test_markdown_summary_leaves_set_aside_findings_out(seed_run: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    db.write_bytes(seed_run.read_bytes())
    high = _rows(db, "SELECT finding_id FROM findings WHERE severity = 'high' ORDER BY 1")
    for (finding,) in high:
        assert main(["review", finding, "--db", str(db), "--verdict", "expected",
                     "--note", "known"]) == EXIT_OK  # fmt: skip
    out = tmp_path / "summary.md"
    assert main(["report", "--db", str(db), "--out", str(out), "--format", "md"]) == EXIT_OK
    text = out.read_text("utf-8")
    assert (
        f"**Set aside by reviewers** (dismissed or expected, evidence unchanged): {len(high)}"
        in text
    )
    assert "1. **HIGH**" not in text and "1. **MEDIUM**" in text
