"""`misattribution` by a slip of a model number: figures a page gives, outside its tables, to a
name that differs from a compared product's name by one model number ("RTX 2080" where the table
has "RTX 4080"), every one of them that product's own figure in the page's tables. A writer who
copies a column into a takeaway and mistypes the name leaves exactly this; two real products
rarely share every figure a sentence gives."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import FindingKind, Scope, Severity

# Where a product's own figures are stated as a spec: a table's cells and attribute rows.
_TABLE_KINDS = frozenset({"table_cell", "collapsed_row", "attribute_row"})
# Fewer figures than this are a coincidence more often than a slip.
_MIN_FIGURES = 2


def _one_number_apart(slip: str, owner: str) -> bool:
    """Whether two names differ only in one all-digit token of the same length."""
    a, b = slip.split(), owner.split()
    if len(a) != len(b) or a == b:
        return False
    apart = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(apart) != 1:
        return False
    x, y = apart[0]
    return x.isdigit() and y.isdigit() and len(x) == len(y)


def _page_slips(source: str, page: pd.DataFrame) -> list[Finding]:
    in_table = page["location_kind"].isin(_TABLE_KINDS)
    findings: list[Finding] = []
    entities = list(dict.fromkeys(page["entity"]))
    for slip in entities:
        own = page[page["entity"] == slip]
        if len(own) < _MIN_FIGURES or in_table[own.index].any():
            continue
        for owner in entities:
            if owner == slip or not _one_number_apart(slip, owner):
                continue
            spec = page[(page["entity"] == owner) & in_table]
            cells = spec[["unit", "low", "high", "locator", "claim_id"]].itertuples(index=False)
            values = {(u, lo, hi): (loc, cid) for u, lo, hi, loc, cid in cells}
            figures = own[["unit", "low", "high"]].itertuples(index=False)
            same = [values.get((u, lo, hi)) for u, lo, hi in figures]
            copied = [place for place in same if place is not None]
            if len(copied) == len(same) and set(own["metric"]) & set(spec["metric"]):
                # the finding rests on the slip's figures and on the table cells they copy
                cited = list(dict.fromkeys([*own["claim_id"], *(cid for _, cid in copied)]))
                shown = ", ".join(str(v) for v in own["raw_value"])
                where = copied[0][0]
                explanation = (
                    f"{slip} on {source} is given {shown} ({own['locator'].iloc[0]}), each "
                    f"exactly {owner}'s figure in the page's table ({where}), and {slip} has "
                    f"no figure of its own there: a name one model number from {owner}'s, "
                    f"likely a slip for {owner}."
                )
                findings.append(
                    make_finding(
                        FindingKind.MISATTRIBUTION,
                        Scope.SAME_PAGE,
                        Severity.MEDIUM,
                        slip,
                        str(own["metric"].iloc[0]),
                        None,
                        explanation,
                        cited,
                        rule="name_slip",
                    )
                )
                break
    return findings


def _shape(name: str) -> str:
    """A name with each all-digit token replaced by its length ("RTX 2080" -> "RTX #4"); two
    names one model number apart share it (names without such a token get "")."""
    tokens = name.split()
    if not any(t.isdigit() for t in tokens):
        return ""
    return " ".join(f"#{len(t)}" if t.isdigit() else t for t in tokens)


def find_name_slips(comparable: pd.DataFrame) -> list[Finding]:
    """Name slips on every page whose figures name two products one model number apart."""
    needed = {"source", "entity", "unit", "low", "high", "locator", "location_kind"}
    if comparable.empty or not needed <= set(comparable.columns):
        return []
    names = comparable[["source", "entity"]].dropna().drop_duplicates()
    shapes = {e: _shape(str(e)) for e in names["entity"].unique()}
    names = names.assign(shape=names["entity"].map(shapes))
    names = names[names["shape"] != ""]
    paired = names[names.duplicated(["source", "shape"], keep=False)]
    findings: list[Finding] = []
    for source in paired["source"].unique():  # usually no page at all
        page = comparable[comparable["source"] == source]
        findings.extend(_page_slips(str(source), page))
    return findings
