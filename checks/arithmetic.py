"""A product a sentence states and gets wrong: "144 units with 128 cores each, giving 16,896
cores" (144 × 128 = 18,432) or "108 × 64 = 6,912" (which holds).

Why: spec pages multiply counts in prose; the product is a figure of its own, and a wrong one
contradicts the page's own factors. Read from the evidence of the page's facts, so it needs no
extra extraction; a finding rests on the facts written in that sentence.
"""

from __future__ import annotations

import re

import pandas as pd
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import FindingKind, Scope, Severity

_N = r"(?<![\w.,])(\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d+(?:\.\d+)?)(?![\w.,]\d)"
# "A <noun> with B <noun> each, giving (up to) C" and "A <noun> × B <noun> = C"
_EACH = re.compile(
    rf"{_N}\s+[^.;:]{{0,60}}?\bwith\s+{_N}\s+[^.;:]{{0,60}}?\beach\b[^.;:]{{0,40}}?"
    rf"\b(?:giving|for\s+a\s+total\s+of|totall?ing|makes?|yielding|=)\s+(?:up\s+to\s+)?{_N}",
    re.IGNORECASE,
)
_TIMES = re.compile(rf"{_N}\s*[^.;:\d=×]{{0,30}}?[×*]\s*{_N}\s*[^.;:\d=]{{0,30}}?=\s*{_N}")
_CANDIDATE = re.compile(r"\beach\b|[×*].*=")  # a sentence that may state a product
TOLERANCE = 0.01  # a stated product holds within 1 % (pages round)
SURE = 0.05  # off by more than this, no rounding explains it: high severity


def _number(text: str) -> float:
    return float(re.sub(r"[,\s]", "", text))


def stated_products(text: str) -> list[tuple[float, float, float, str]]:
    """(a, b, stated product, the matched text) for every product the text states."""
    found = []
    for pattern in (_EACH, _TIMES):
        for match in pattern.finditer(text):
            a, b, c = (_number(match.group(i)) for i in (1, 2, 3))
            found.append((a, b, c, match.group(0)))
    return found


def find_wrong_products(facts: pd.DataFrame) -> list[Finding]:
    """Sentences of the page whose stated product its own factors do not give: high when
    the product is off by more than 5 % (no rounding explains it), else medium."""
    if facts.empty or "evidence" not in facts:
        return []
    # the pattern is tried once per distinct sentence holding one of its literal parts, and
    # only those sentences' rows are deduplicated (not the (page, sentence) of every fact)
    evidence = facts["evidence"]
    hits = {
        text
        for text in evidence.dropna().unique()
        if ("each" in text or "×" in text or "*" in text) and _CANDIDATE.search(text)
    }
    wanted = (evidence.isin(hits) & facts["source"].notna()).to_numpy(dtype=bool)
    candidates = facts.loc[wanted, ["source", "evidence"]].drop_duplicates()
    findings: list[Finding] = []
    sentences: dict[tuple[object, object], object] | None = None  # rows of each sentence
    for source, evidence in candidates.itertuples(index=False):
        for a, b, stated, said in stated_products(evidence):
            product = a * b
            if stated <= 0 or abs(product - stated) <= TOLERANCE * stated:
                continue
            if sentences is None:  # located once, when the first wrong product needs them
                sentences = facts.groupby(["source", "evidence"], sort=False).indices
            rows = facts.iloc[sentences[(source, evidence)]]
            entity = rows["entity"].mode().iloc[0] if "entity" in rows and len(rows) else None
            explanation = (
                f"On {source} the sentence states {said!r}: {a:,.0f} × {b:,.0f} = "
                f"{product:,.0f}, not {stated:,.0f} (off by {abs(product - stated) / stated:.1%})."
            )
            findings.append(
                make_finding(
                    FindingKind.DIFF_MISMATCH,
                    Scope.SAME_PAGE,
                    Severity.HIGH if abs(product - stated) > SURE * stated else Severity.MEDIUM,
                    entity,
                    None,
                    None,
                    explanation,
                    rows["claim_id"],
                    rule="product",
                )
            )
    return findings
