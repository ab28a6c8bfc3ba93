"""A digest of a warehouse's findings, to show a speed change left them alone (issue 20).

Reads the open findings of a DuckDB warehouse (id, kind, scope, severity, entity, metric,
qualifier, root cause, explanation and the claims each rests on, in order) and prints their
counts by kind and severity and one SHA-256 over all of it, and the same of the current
consensus (numeric and categorical), source reliability and copy groups (every column but the
run id). With a second warehouse, it prints what differs and exits 1 when anything does.

    python -m bench.findings_digest before.duckdb [after.duckdb]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb

_FINDINGS_SQL = """
SELECT f.finding_id, f.kind, f.scope, f.severity, f.entity, f.metric, f.qualifier,
       f.root_cause, f.explanation,
       coalesce(list(fc.claim_id ORDER BY fc.position, fc.claim_id), []) AS claims
FROM findings AS f LEFT JOIN finding_claims AS fc USING (finding_id)
WHERE f.status = 'open'
GROUP BY ALL
ORDER BY f.finding_id
"""
Row = tuple[object, ...]

# The reconcile's tables as a run leaves them: key columns first, the run id left out (a
# re-run carries rows an earlier run wrote).
_RESULT_TABLES = {
    "reconciled_facts": "entity, metric, qualifier, low, high, value, unit, support, dissent, "
    "confidence, sources",
    "reconciled_categories": "entity, metric, qualifier, value_text, support, dissent, "
    "confidence, sources",
    "source_reliability": "source, reliability, claims, agreeing, disagreeing, copy_group",
    "copy_groups": "source, group_id, jaccard_to_group, size",
}


@dataclass(frozen=True)
class Digest:
    """The findings of one warehouse, keyed by id, and their fingerprint."""

    rows: dict[str, Row]

    @property
    def sha256(self) -> str:
        text = "\n".join(repr(self.rows[k]) for k in sorted(self.rows))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def counts(self) -> dict[str, Counter[str]]:
        return {
            "kind": Counter(str(r[1]) for r in self.rows.values()),
            "severity": Counter(str(r[3]) for r in self.rows.values()),
        }


def read_digest(db: Path) -> Digest:
    """The open findings of the warehouse at `db` (opened read-only)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(_FINDINGS_SQL).fetchall()
    finally:
        con.close()
    return Digest({str(r[0]): tuple(r) for r in rows})


def read_results(db: Path) -> dict[str, Digest]:
    """The consensus, reliability and copy-group rows of the warehouse at `db`, per table,
    keyed by their key columns."""
    con = duckdb.connect(str(db), read_only=True)
    out = {}
    try:
        for table, columns in _RESULT_TABLES.items():
            width = 1 if table in ("source_reliability", "copy_groups") else 3
            rows = con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()
            out[table] = Digest({repr(r[:width]): tuple(r) for r in rows})
    finally:
        con.close()
    return out


def differences(before: Digest, after: Digest, shown: int = 10) -> list[str]:
    """Lines naming the findings only one side has and those that changed (a few of each)."""
    lines = []
    only_before = sorted(before.rows.keys() - after.rows.keys())
    only_after = sorted(after.rows.keys() - before.rows.keys())
    changed = sorted(
        k for k in before.rows.keys() & after.rows.keys() if before.rows[k] != after.rows[k]
    )
    for label, ids in (
        ("only before", only_before),
        ("only after", only_after),
        ("changed", changed),
    ):
        if ids:
            lines.append(f"{label}: {len(ids)}")
            lines += [
                f"  {k}: {before.rows.get(k) or after.rows.get(k)}"[:300] for k in ids[:shown]
            ]
    return lines


def describe(db: Path, digest: Digest) -> str:
    counts = digest.counts()
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(counts["kind"].items()))
    severities = ", ".join(f"{k} {n}" for k, n in sorted(counts["severity"].items()))
    return (
        f"{db}: {len(digest.rows)} open findings, sha256 {digest.sha256[:16]}\n"
        f"  kinds: {kinds}\n  severities: {severities}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="a crosscheck warehouse")
    parser.add_argument("other", type=Path, nargs="?", help="a second warehouse to compare")
    args = parser.parse_args(argv)
    for db in filter(None, (args.db, args.other)):
        if not db.is_file():
            parser.error(f"{db}: no such warehouse file")
    first = read_digest(args.db)
    print(describe(args.db, first))
    if args.other is None:
        return 0
    second = read_digest(args.other)
    print(describe(args.other, second))
    diff = differences(first, second)
    print("\n".join(diff) if diff else "identical findings")
    results = zip(read_results(args.db).items(), read_results(args.other).values(), strict=True)
    for (table, before), after in results:
        moved = differences(before, after)
        print(
            f"{table}: {len(before.rows)} / {len(after.rows)} rows, "
            + ("identical" if not moved else "differ\n" + "\n".join(moved))
        )
        diff += moved
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
