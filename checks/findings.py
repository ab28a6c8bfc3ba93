"""Building findings: one constructor keeps ids stable and the frame in the contract's shape.

A finding's identity is what it is about (kind, rule, scope, entity, metric, qualifier and the
pages and places of its evidence), never the values: an edited figure updates the finding (its
explanation, severity and evidence values are its latest state) instead of resolving it and
opening a new one, so a reviewer's verdict stays attached (warehouse.reviews)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from hashlib import sha256

import pandas as pd

from crosscheck.contracts import FINDING_COLUMNS, FindingKind, Scope, Severity, stable_id


@dataclass(frozen=True)
class Finding:
    """A contradiction or defect; its id is a hash of what it is about and where its evidence is."""

    kind: FindingKind
    scope: Scope
    severity: Severity
    entity: str | None
    metric: str | None
    qualifier: str | None
    explanation: str
    claim_ids: tuple[str, ...]
    rule: str = ""  # tells apart two rules of one kind that rest on the same claims

    def finding_id(self, claim_keys: Mapping[str, str] | None = None) -> str:
        """Hash of what the finding is about and of where its evidence is. With `claim_keys`
        (claim id → hash of source, locator and role: `evidence_keys`) the id survives a page
        revision and an edited value at the same place, so the finding keeps its history."""
        keys = [claim_keys.get(c, c) for c in self.claim_ids] if claim_keys else self.claim_ids
        return stable_id(
            self.kind.value,
            self.rule,
            self.scope.value,
            self.entity,
            self.metric,
            self.qualifier,
            *sorted(keys),
        )


def make_finding(
    kind: FindingKind,
    scope: Scope,
    severity: Severity,
    entity: str | None,
    metric: str | None,
    qualifier: str | None,
    explanation: str,
    claim_ids: Iterable[str],
    rule: str = "",
) -> Finding:
    """A finding with its claim ids deduplicated and sorted (order never changes the id)."""
    return Finding(
        kind,
        scope,
        severity,
        entity,
        metric,
        qualifier or None,
        explanation,
        tuple(sorted(set(claim_ids))),
        rule,
    )


def findings_frame(
    findings: Iterable[Finding], claim_keys: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The findings as a frame with the FINDING_COLUMNS; duplicates (same id) collapse."""
    rows: dict[str, dict[str, object]] = {}
    for f in findings:
        finding_id = f.finding_id(claim_keys)
        rows.setdefault(
            finding_id,
            {
                "finding_id": finding_id,
                "kind": f.kind.value,
                "scope": f.scope.value,
                "severity": f.severity.value,
                "entity": f.entity,
                "metric": f.metric,
                "qualifier": f.qualifier,
                "explanation": f.explanation,
                "claim_ids": list(f.claim_ids),
                "root_cause": finding_id,  # a cause of its own until checks.root_causes
            },
        )
    frame = pd.DataFrame(list(rows.values()), columns=FINDING_COLUMNS)
    return frame.sort_values(["kind", "finding_id"], kind="stable").reset_index(drop=True)


def evidence_keys(facts: pd.DataFrame, findings: Iterable[Finding]) -> dict[str, str]:
    """Claim id → hash of source, locator and role (never the value) for the claims the
    findings cite: only those ids are ever looked up, and hashing every fact cost more than
    a rule. The claim id itself also hashes the page snapshot, which changes with any edit."""
    cited = {claim_id for finding in findings for claim_id in finding.claim_ids}
    rows = facts[facts["claim_id"].isin(cited)]
    # stable_id(source, locator, role) written out: a call per cited claim was half the cost
    return {
        claim_id: sha256(f"{source}\x1f{locator}\x1f{role}".encode()).hexdigest()[:16]
        for claim_id, source, locator, role in zip(
            rows["claim_id"], rows["source"], rows["locator"], rows["role"], strict=True
        )
    }
