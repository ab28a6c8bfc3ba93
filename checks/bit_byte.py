"""`unit_scale`: one page writes the same figure once in bits and once in bytes, with the same
notation but for the case of the b ("1Gbps" and "1GBps", "100 Mb/s" and "100 MB/s").

Why: a writer who uses one notation for one thing (the test's network link) and slips on the
case of one letter states two capacities 8x apart; the reader cannot tell which holds. A page
that writes "1 Gbps" for a network and "1 GB/s" for a disk uses two notations and is not
flagged. Severity is low: the slip is most often harmless, but the page is self-contradictory.
"""

from __future__ import annotations

import re

import pandas as pd
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import ClaimRole, FindingKind, Scope, Severity

__all__ = ["find_bit_byte_slips"]

# A number, then a decimal or binary prefix, the bit/byte letter and a rate suffix. Sizes are
# left out: a "16Gb" memory die inside a "16GB" module is a legitimate pair.
_WRITTEN = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s*([kKmMgGtTpP]i?)([bB])(ps|/s|it/s|its/s|ytes/s)(?![A-Za-z])"
)
_UNITS = {"B/s"}  # the canonical unit of data rates
_READ = ["claim_id", "source", "entity", "metric", "raw_value", "unit", "evidence"]


def _written(raw: str) -> tuple[str, str, str] | None:
    """(number, notation with the b/B folded, the b/B as written) of a raw value."""
    found = _WRITTEN.search(raw)
    if found is None:
        return None
    number, prefix, letter, suffix = found.groups()
    return number.replace(",", "."), f"{prefix.lower()}?{suffix}", letter


def find_bit_byte_slips(facts: pd.DataFrame) -> list[Finding]:
    """One finding per page and written figure that the page gives both in bits and in bytes
    with one notation."""
    if facts.empty:
        return []
    mask = (facts["role"] == ClaimRole.VALUE.value) & facts["unit"].isin(list(_UNITS))
    df = facts.loc[mask, [c for c in _READ if c in facts.columns]]
    if df.empty:
        return []
    parsed = [_written(str(raw)) for raw in df["raw_value"]]
    keep = [p is not None for p in parsed]
    df = df[keep]
    if df.empty:
        return []
    shapes = [p for p in parsed if p is not None]
    df = df.assign(
        number=[s[0] for s in shapes],
        notation=[s[1] for s in shapes],
        letter=[s[2] for s in shapes],
    )
    keys = ["source", "number", "notation"]
    # only the groups written with both letters are visited (a frame per group was the rule)
    letters = df.groupby(keys, sort=False)["letter"].transform("nunique")
    df = df[(letters >= 2).to_numpy(dtype=bool)]
    findings: list[Finding] = []
    for (source, _, _), group in df.groupby(keys, sort=True):
        bits = group[group["letter"] == "b"].iloc[0]
        whole = group[group["letter"] == "B"].iloc[0]
        explanation = (
            f"{source} writes the same figure once in bits ({bits['raw_value']!r}) and once in "
            f"bytes ({whole['raw_value']!r}) with one notation: as written they are 8x apart, "
            "so one of them has the wrong case (b = bit, B = byte)."
        )
        findings.append(
            make_finding(
                FindingKind.UNIT_SCALE,
                Scope.SAME_PAGE,
                Severity.LOW,
                str(bits["entity"]),
                str(bits["metric"]),
                None,
                explanation,
                group["claim_id"],
                rule="bit_byte",
            )
        )
    return findings
