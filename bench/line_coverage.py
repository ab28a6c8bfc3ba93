"""Line coverage of unkeyed real pages: which lines with a figure were read, quarantined or missed.

A key says whether each figure was read right, but keys are slow to make and every keyed set has
been fixed against; pages nobody keyed are what the product meets. This measure needs no key: it
runs `crosscheck` on a folder of pages and, for every line that holds a digit, says whether a fact
was read from it, whether its only claims were quarantined, or whether nothing came of it; and it
lists facts whose entity is not written on the page (a likely wrong entity). It is a heuristic to
read, not a score to trust blindly; `--against OLD.json` shows the lines a change newly reads or
stopped reading, which is what a reviewer looks at.

    python -m bench.line_coverage DIR [--db DB] [--json OUT] [--against OLD.json] [--quiet]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

PAGE_SUFFIXES = (".txt", ".md", ".html", ".htm")
SHINGLE_WORDS = 4
LineState = Literal["read", "quarantined", "unread"]

_DIGIT = re.compile(r"\d")
_SOURCE_LINE = re.compile(r"^\s*(?:<!--\s*)?source:", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def _norm(text: str) -> str:
    """Lower case, pipes as spaces, white space runs as one (evidence joins cells with ' | ')."""
    return _SPACE.sub(" ", text.lower().replace("|", " ")).strip()


def _shingles(text: str) -> frozenset[str]:
    words = text.split()
    if len(words) < SHINGLE_WORDS:
        return frozenset([text]) if text else frozenset()
    return frozenset(
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    )


def _squash(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


@dataclass(frozen=True)
class ClaimRow:
    """What the measure needs of a claim: raw value, evidence, and whether it became a fact."""

    raw_value: str
    evidence: str
    is_fact: bool
    quarantine_reason: str = ""


@dataclass
class PageCoverage:
    """One page's figure lines by state, and its facts whose entity the page never writes."""

    lines: dict[LineState, list[tuple[int, str]]] = field(
        default_factory=lambda: {"read": [], "quarantined": [], "unread": []}
    )
    facts: int = 0
    foreign_entities: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {state: len(rows) for state, rows in self.lines.items()}
        out["facts"] = self.facts
        out["foreign_entities"] = len(self.foreign_entities)
        return out


def line_states(text: str, claims: Iterable[ClaimRow]) -> PageCoverage:
    """Each line with a digit is read when a fact's raw value is on it and its evidence overlaps it.

    Overlap is the same text either way round or a run of four words in common, so a table row whose
    claim evidence re-joins the cells, or a sentence cut out of a longer line, still counts.
    """
    prepared = [
        (c, _norm(c.raw_value), _shingles(_norm(c.evidence)), _norm(c.evidence))
        for c in claims
        if c.raw_value.strip()
    ]
    page = PageCoverage()
    for number, line in enumerate(text.splitlines(), 1):
        if not _DIGIT.search(line) or _SOURCE_LINE.match(line):
            continue
        flat = _norm(line)
        shingles = _shingles(flat)
        state: LineState = "unread"
        for claim, raw, ev_shingles, evidence in prepared:
            if raw not in flat or not evidence:
                continue
            if evidence in flat or flat in evidence or ev_shingles & shingles:
                if claim.is_fact:
                    state = "read"
                    break
                state = "quarantined"
        page.lines[state].append((number, line.strip()[:160]))
    return page


def _export(exe: Path, db: Path, what: str) -> list[dict]:
    done = subprocess.run(
        [str(exe), "export", what, "--db", str(db), "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"crosscheck export {what} failed: {done.stderr.strip()[-400:]}")
    rows = json.loads(done.stdout or "[]")
    return rows if isinstance(rows, list) else list(rows.get("rows", []))


def _quarantine_reasons(db: Path) -> dict[str, str]:
    import duckdb  # the warehouse's own engine; only this measure needs the quarantine's reasons

    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT claim_id, reason, message FROM quarantine").fetchall()
    return {str(cid): f"{reason}: {(message or '')[:80]}" for cid, reason, message in rows}


def measure(folder: Path, db: Path, exe: Path, run: bool = True) -> dict[str, PageCoverage]:
    """Run crosscheck on every page of folder into db (unless not run) and measure each page."""
    names = sorted(
        p.name for p in folder.iterdir()
        if p.suffix.lower() in PAGE_SUFFIXES and p.name.lower() != "readme.md"
    )  # fmt: skip
    if run:
        db.unlink(missing_ok=True)
        done = subprocess.run(
            [str(exe), "run", *(str((folder / n).resolve()) for n in names), "--db", str(db),
             "--no-validate"],
            capture_output=True, text=True, check=False, cwd=db.parent,
        )  # fmt: skip
        if done.returncode not in (0, 1):
            raise SystemExit(
                f"crosscheck run exited {done.returncode}: {done.stderr.strip()[-600:]}"
            )
    claims = _export(exe, db, "claims")
    fact_rows = _export(exe, db, "facts")
    facts = {str(f["claim_id"]): f for f in fact_rows}
    reasons = _quarantine_reasons(db)
    by_page: dict[str, list[dict]] = {}
    for c in claims:
        by_page.setdefault(Path(str(c.get("source") or "")).name, []).append(c)
    out: dict[str, PageCoverage] = {}
    for name in names:
        text = (folder / name).read_text(encoding="utf-8", errors="replace")
        rows = by_page.get(name, [])
        page = line_states(
            text,
            (
                ClaimRow(
                    str(c.get("raw_value") or ""), str(c.get("evidence") or ""),
                    str(c["claim_id"]) in facts, reasons.get(str(c["claim_id"]), ""),
                )
                for c in rows
            ),
        )  # fmt: skip
        squashed = _squash(text)
        page_facts = [facts[str(c["claim_id"])] for c in rows if str(c["claim_id"]) in facts]
        page.facts = len(page_facts)
        entities = {str(f["entity"]) for f in page_facts if f.get("entity")}
        page.foreign_entities = sorted(e for e in entities if _squash(e) not in squashed)
        out[name] = page
    return out


def totals(pages: dict[str, PageCoverage]) -> dict[str, int]:
    out: dict[str, int] = {}
    for page in pages.values():
        for key, value in page.counts().items():
            out[key] = out.get(key, 0) + value
    return out


def _changes(pages: dict[str, PageCoverage], old: dict) -> list[str]:
    """Lines whose state differs from an earlier --json file's, page by page."""
    lines_out: list[str] = []
    for name, page in pages.items():
        before = {
            (int(n), state)
            for state, rows in old.get("pages", {}).get(name, {}).get("lines", {}).items()
            for n, _ in rows
        }
        now = {(n, state) for state, rows in page.lines.items() for n, _ in rows}
        text = {n: s for rows in page.lines.values() for n, s in rows}
        for n, state in sorted(now - before):
            was = next((s for m, s in before if m == n), "absent")
            lines_out.append(f"{name}:{n} {was} -> {state}: {text[n]}")
    return lines_out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--db", type=Path, help="the run's DuckDB file (a temporary one by default)")
    ap.add_argument("--no-run", action="store_true", help="measure --db as it is")
    ap.add_argument("--json", type=Path, help="write the per-page lines and counts here")
    ap.add_argument(
        "--against", type=Path, help="an earlier --json file: print the lines that changed"
    )
    ap.add_argument("--quiet", action="store_true", help="per-page counts and totals only")
    ap.add_argument("--crosscheck", type=Path, default=Path(sys.executable).with_name("crosscheck"))
    args = ap.parse_args(argv)
    if not args.folder.is_dir():
        print(f"not a folder: {args.folder}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="line-coverage-") as scratch:
        db = args.db.resolve() if args.db else Path(scratch) / "run.duckdb"
        pages = measure(args.folder, db, args.crosscheck, run=not args.no_run)
    for name, page in pages.items():
        c = page.counts()
        print(f"== {name}: read {c['read']}, quarantined {c['quarantined']}, unread {c['unread']}; "
              f"{c['facts']} facts, {c['foreign_entities']} entities not on the page")  # fmt: skip
        if not args.quiet:
            marks: tuple[tuple[LineState, str], ...] = (("unread", "."), ("quarantined", "Q"))
            for state, mark in marks:
                for n, text in page.lines[state]:
                    print(f"  {mark} {n:4d} {text}")
            for entity in page.foreign_entities:
                print(f"  E {entity}")
    t = totals(pages)
    read, quarantined, unread = (t.get(k, 0) for k in ("read", "quarantined", "unread"))
    figure_lines = read + quarantined + unread
    share = 100 * read / figure_lines if figure_lines else 0.0
    print(f"TOTAL {len(pages)} pages, {figure_lines} figure lines: read {read} ({share:.1f} %), "
          f"quarantined {quarantined}, unread {unread}; {t.get('facts', 0)} facts, "
          f"{t.get('foreign_entities', 0)} entities not on the page")  # fmt: skip
    if args.against:
        old = json.loads(args.against.read_text(encoding="utf-8"))
        changed = _changes(pages, old)
        print(f"CHANGED {len(changed)} lines against {args.against}")
        for row in changed:
            print(f"  {row}")
    if args.json:
        payload = {"totals": t, "pages": {n: asdict(p) for n, p in pages.items()}}
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
