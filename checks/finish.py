"""The whole-run passes over every rule's findings: the per-page cap (checks.caps), the frame
(ids keyed by their evidence's place) and the root causes (checks.root_causes).

They read the findings and only the facts those cite (page, place, role), never every fact:
an engine that ran the rules on partitions gathers the findings and their cited facts (both
few) and calls `finish` as `run_checks` does, so both engines give the same frame.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from crosscheck.checks.caps import cap_findings
from crosscheck.checks.findings import Finding, evidence_keys, findings_frame
from crosscheck.checks.root_causes import with_root_causes

from crosscheck.common.shared_strings import expanded, shared

#: What the passes read of a cited fact.
CITED_COLUMNS = ["claim_id", "source", "locator", "role", "page_sha256"]
#: Of those, the columns a page's facts share (sent from a partition as categories: the
#: Dask client gathers one string per page, not per cited fact; `merge_cited` expands them).
SHARED_COLUMNS = ["source", "locator", "role", "page_sha256"]


def cited_facts(facts: pd.DataFrame, found: Iterable[Finding]) -> pd.DataFrame:
    """The rows of `facts` that a finding of `found` cites, with the CITED_COLUMNS it has."""
    cited = {claim_id for finding in found for claim_id in finding.claim_ids}
    rows = facts[facts["claim_id"].isin(cited)]
    return rows[[c for c in CITED_COLUMNS if c in rows.columns]].reset_index(drop=True)


def shared_cited(cited: pd.DataFrame) -> pd.DataFrame:
    """A partition's cited facts as it returns them (`SHARED_COLUMNS` as categories)."""
    return shared(cited, SHARED_COLUMNS)


def merge_cited(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Cited facts gathered from several partitions, each claim once (object columns, as
    `cited_facts` gives them)."""
    present = [p for p in parts if len(p)]
    if not present:
        return pd.DataFrame(columns=CITED_COLUMNS)
    return expanded(pd.concat(present, ignore_index=True).drop_duplicates("claim_id"))


def finish(found: list[Finding], cited: pd.DataFrame, per_page: int) -> pd.DataFrame:
    """FINDING_COLUMNS of every rule's findings, capped per page and kind, with their root
    causes; `cited` holds (at least) the facts the findings cite."""
    capped = cap_findings(found, cited, per_page)
    return with_root_causes(findings_frame(capped, evidence_keys(cited, capped)))
