"""`encoding`: one finding per page whose text needed repair (mojibake, odd spaces).

Severity says what the damage can do: low when every character was repaired (the text read is
the text written), medium when characters were lost beyond repair, high when a figure's own
sentence lost characters (the figure itself may be corrupted, "13 年" read from "?3 年")."""

from __future__ import annotations

import numpy as np
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
    # each page's rows located once (a comparison over every fact per page was most of it)
    repaired_at = repaired.groupby("source", sort=False).indices
    first_at: dict[object, int] | None = None
    nothing = facts["claim_id"].iloc[0:0]
    for page in pages[pages["repairs"].fillna(0) > 0].itertuples(index=False):
        at = repaired_at.get(page.source)
        claims = repaired["claim_id"].iloc[at] if at is not None else nothing
        if claims.empty:
            if first_at is None:
                at_first = np.flatnonzero(~facts["source"].duplicated().to_numpy())
                first_at = dict(zip(facts["source"].to_numpy()[at_first], at_first, strict=True))
            first = first_at.get(page.source)
            claims = facts["claim_id"].iloc[[first]] if first is not None else nothing
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
        elif "unrepaired" in str(page.repair_kinds):
            explanation = (
                f"{page.source}: {int(page.repairs)} characters needed repair "
                f"({page.repair_kinds}); the unrepaired ones are what a charset conversion "
                "left of a character (its lead byte, the bytes after it dropped): it cannot "
                "be restored, and the text around it was read as is."
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
