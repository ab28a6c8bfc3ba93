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
    """The findings as a frame with the FINDING_COLUMNS; duplicates (same id) collapse.
    Built as one list per column (a dict per finding cost more than the ids' hashing)."""
    found = list(findings)
    if not found:  # object columns, as the frame of no records has
        return pd.DataFrame([], columns=FINDING_COLUMNS)
    ids = [finding_id(f, claim_keys) for f in found]
    first = list({finding_id: at for at, finding_id in reversed(list(enumerate(ids)))}.values())
    first.sort()  # the first finding of each id, in order (as setdefault kept it)
    kept = [found[at] for at in first]
    columns: dict[str, list[object]] = {
        "finding_id": [ids[at] for at in first],
        "kind": [f.kind.value for f in kept],
        "scope": [f.scope.value for f in kept],
        "severity": [f.severity.value for f in kept],
        "entity": [f.entity for f in kept],
        "metric": [f.metric for f in kept],
        "qualifier": [f.qualifier for f in kept],
        "explanation": [f.explanation for f in kept],
        "claim_ids": [list(f.claim_ids) for f in kept],
    }
    columns["root_cause"] = columns["finding_id"]  # its own cause until checks.root_causes
    frame = pd.DataFrame(columns, columns=FINDING_COLUMNS)
    return frame.sort_values(["kind", "finding_id"], kind="stable").reset_index(drop=True)


def finding_id(finding: Finding, claim_keys: Mapping[str, str] | None) -> str:
    """A finding's id: `Finding.finding_id` written out (stable_id's text and hash, one call
    per finding), its claims read through `claim_keys` (`evidence_keys`) where given."""
    claims = finding.claim_ids
    keys = [claim_keys.get(c, c) for c in claims] if claim_keys else list(claims)
    keys.sort()
    text = "\x1f".join(
        [
            finding.kind.value, finding.rule, finding.scope.value,
            str(finding.entity), str(finding.metric), str(finding.qualifier),
            *map(str, keys),
        ]
    )  # fmt: skip
    return sha256(text.encode("utf-8")).hexdigest()[:16]


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
