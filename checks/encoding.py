"""`encoding`: one finding per page whose text needed repair (mojibake, odd spaces).

Severity says what the damage can do: low when every character was repaired (the text read is
the text written), medium when characters were lost beyond repair, high when a figure's own
sentence lost characters (the figure itself may be corrupted, "13 年" read from "?3 年")."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import FindingKind, Scope, Severity


def find_encoding(facts: pd.DataFrame, pages: pd.DataFrame) -> list[Finding]:
    """Pages with repaired or lost characters; the finding rests on the claims whose text was
    repaired, else on the page's first claim."""
    findings: list[Finding] = []
    if pages.empty or "repairs" not in pages:
        return findings
    repaired = facts[facts["repairs"] > 0]
    for page in pages[pages["repairs"].fillna(0) > 0].itertuples(index=False):
        claims = repaired.loc[repaired["source"] == page.source, "claim_id"]
        if claims.empty:
            claims = facts.loc[facts["source"] == page.source, "claim_id"].head(1)
        if claims.empty:
            continue  # a finding rests on claims (FindingModel); a page without any gets none
        explanation = (
            f"{page.source}: {int(page.repairs)} characters were repaired "
            f"({page.repair_kinds}); figures next to them were read after the repair."
        )
        if "lost" in str(page.repair_kinds):
            explanation = (
                f"{page.source}: {int(page.repairs)} characters were lost in a charset "
                f"conversion and replaced by '?' ({page.repair_kinds}); they cannot be "
                "restored, and figures next to them may be corrupted."
            )
        lost = "lost" in str(page.repair_kinds)
        severity = Severity.LOW
        if lost:
            touched = repaired["source"] == page.source
            severity = Severity.HIGH if bool(touched.any()) else Severity.MEDIUM
        findings.append(
            make_finding(
                FindingKind.ENCODING,
                Scope.SAME_PAGE,
                severity,
                None,
                None,
                None,
                explanation,
                claims,
            )
        )
    return findings
