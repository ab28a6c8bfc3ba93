"""A small two-run warehouse for the report tests, full of hostile scraped text.

Built with warehouse.load_run and the contract-shaped rows of tests.warehouse.test_support, so it
is exactly what the pipeline would load: every finding kind, all severities, open intervals,
a log-scale conflict, a resolved finding, and XSS payloads in entities, labels, values and sources.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crosscheck.warehouse import load_run, open_warehouse

from tests.warehouse.test_support import (
    C_PROSE,
    C_STARS,
    C_TABLE,
    C_URL,
    F_PROSE,
    F_STARS,
    F_TABLE,
    F_URL,
    FILE_SOURCE,
    INF,
    R_STARS,
    R_THROUGHPUT,
    SHA_FILE,
    SHA_URL,
    URL_SOURCE,
    claim,
    fact,
    finding,
    make_bundle,
    page,
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ATTR = '" onmouseover="x'
JS_URL = "javascript:alert(1)"
PAYLOADS = (SCRIPT, IMG, ATTR, JS_URL)

EVIL_SOURCE = JS_URL
EVIL_HTTP = 'https://evil.example/"><script>alert(1)</script>'
SHA_EVIL, SHA_EVIL_HTTP = "c" * 64, "d" * 64
EVIL_ENTITY = f"Flask{SCRIPT}"
PIPE_ENTITY = "Fast|API `x`"
SEARCH_ENTITY = "Starlette"

_BEFORE = f"Before {SCRIPT} the value "
C_EVIL = claim(
    EVIL_SOURCE,
    SHA_EVIL,
    f"table 1 / row 1 / column {IMG}",
    EVIL_ENTITY,
    f"Throughput {IMG}",
    ATTR,
    evidence=f"{_BEFORE}{ATTR} and after {IMG}",
    value_start=len(_BEFORE),
)
C_EVIL_HTTP = claim(
    EVIL_HTTP,
    SHA_EVIL_HTTP,
    "table 1 / row 2 / column Flask",
    EVIL_ENTITY,
    "Throughput",
    "9 req/s",
    evidence="no offset known",
    value_start=-1,
)
C_STAR = claim(
    FILE_SOURCE,
    SHA_FILE,
    "table 1 / row 20 / column Starlette",
    SEARCH_ENTITY,
    "Memory (MB)",
    "45 MB",
)
C_PIPE = claim(
    URL_SOURCE, SHA_URL, "table 1 / row 5 / column FastAPI", PIPE_ENTITY, "GitHub stars", "78,000"
)
C_GONE = claim(
    URL_SOURCE, SHA_URL, "table 1 / row 6 / column FastAPI", "FastAPI", "Startup (ms)", "7 minutes"
)
C_UNDER = claim(
    EVIL_HTTP,
    SHA_EVIL_HTTP,
    "paragraph 2 chars 10-30",
    EVIL_ENTITY,
    "It serves under 50,000 requests per second.",
    "under 50,000",
    location_kind="prose",
)

F_EVIL = fact(
    C_EVIL,
    EVIL_ENTITY,
    "throughput",
    low=400.0,
    high=INF,
    bound="at_least",
    unit="req/s",
    dimension="rate",
)
F_EVIL_HTTP = fact(
    C_EVIL_HTTP, EVIL_ENTITY, "throughput", low=9.0, high=9.0, unit="req/s", dimension="rate"
)
F_UNDER = fact(
    C_UNDER,
    EVIL_ENTITY,
    "throughput",
    low=-INF,
    high=50000.0,
    bound="at_most",
    unit="req/s",
    dimension="rate",
)
F_STAR = fact(C_STAR, SEARCH_ENTITY, "memory", low=45e6, high=45e6, unit="B", dimension="bytes")
F_PIPE = fact(
    C_PIPE, PIPE_ENTITY, "github_stars", low=78000.0, high=78000.0, unit="count", dimension="count"
)

CLAIMS = [C_TABLE, C_PROSE, C_STARS, C_URL, C_EVIL, C_EVIL_HTTP, C_UNDER, C_STAR, C_PIPE, C_GONE]
FACTS = [F_TABLE, F_PROSE, F_STARS, F_URL, F_EVIL, F_EVIL_HTTP, F_UNDER, F_STAR, F_PIPE]

#: High conflict on a payload entity: log scale (9 .. 50,000), open ends both ways, a javascript:
#: source, and a claim in another unit (stars) that the chart must leave out.
FIND_EVIL = finding(
    "conflict",
    [
        C_EVIL["claim_id"],
        C_EVIL_HTTP["claim_id"],
        C_TABLE["claim_id"],
        C_UNDER["claim_id"],
        C_STARS["claim_id"],
    ],
    entity=EVIL_ENTITY,
    metric=f"throughput{IMG}",
    qualifier=ATTR,
    explanation=f"Values disagree {ATTR} {SCRIPT} by 40000x.",
)
#: Medium cross-source conflict on a linear scale, with a consensus band.
FIND_CROSS = finding(
    "conflict",
    [C_TABLE["claim_id"], C_URL["claim_id"], C_PROSE["claim_id"]],
    scope="cross_source",
    severity="medium",
    explanation="Flask throughput ~2,500 vs 8,000-12,000 req/s across sources.",
)
FIND_PIPE = finding(
    "unit_scale",
    [C_PIPE["claim_id"]],
    entity=PIPE_ENTITY,
    metric="github_stars",
    severity="low",
    explanation="Stars | pipes and `backticks` and *stars* look off.",
)
FIND_STAR = finding(
    "misattribution",
    [C_STAR["claim_id"]],
    entity=SEARCH_ENTITY,
    metric="memory",
    severity="high",
    explanation="Starlette memory looks like the Flask column.",
)
FIND_INFO = finding(
    "encoding",
    [C_PROSE["claim_id"]],
    severity="info",
    explanation="Mojibake repaired: β for an em dash.",
)
FIND_MORE = [
    finding(
        kind,
        [C_STARS["claim_id"], C_PIPE["claim_id"]],
        severity=severity,
        metric=kind,
        explanation=f"A {kind} finding.",
    )
    for kind, severity in (
        ("identical_columns", "low"),
        ("logic", "medium"),
        ("categorical_conflict", "info"),
        ("diff_mismatch", "medium"),
    )
]
#: Only in the first run: resolved by the second (its sources are re-read).
FIND_GONE = finding(
    "diff_mismatch",
    [C_GONE["claim_id"]],
    entity="FastAPI",
    metric="startup_time",
    severity="medium",
    explanation="+367% is not what 7 minutes vs 1-2 hours gives.",
)

R_EVIL = {
    "entity": EVIL_ENTITY,
    "metric": f"stars{IMG}",
    "qualifier": ATTR,
    "low": 1.0,
    "high": 2.0,
    "value": 1.5,
    "unit": "count",
    "support": 1,
    "dissent": 0,
    "confidence": 0.2,
    "sources": [EVIL_SOURCE],
}
R_YEAR = {
    "entity": "Flask",
    "metric": "release_year",
    "qualifier": "",
    "low": 2010.0,
    "high": 2010.0,
    "value": 2010.0,
    "unit": "year",
    "support": 3,
    "dissent": 0,
    "confidence": 0.9,
    "sources": [FILE_SOURCE, URL_SOURCE],
}

QUARANTINE_ROWS = 55


def _quarantine() -> list[dict[str, Any]]:
    rows = [
        {
            "claim_id": f"q{i:03d}",
            "source": FILE_SOURCE,
            "stage": "normalize",
            "reason": "no_number" if i % 3 else "unknown_unit",
            "message": f"row {i}",
            "raw_value": "—",
        }
        for i in range(QUARANTINE_ROWS - 1)
    ]
    rows.append(
        {
            "claim_id": "q-evil",
            "source": EVIL_HTTP,
            "stage": "normalize",
            "reason": "unparseable",
            "message": f"cannot parse {SCRIPT}",
            "raw_value": IMG,
        }
    )
    return rows


def _pages() -> list[dict[str, Any]]:
    return [
        page(FILE_SOURCE, SHA_FILE, 4),
        page(URL_SOURCE, SHA_URL, 3),
        page(EVIL_SOURCE, SHA_EVIL, 1),
        page(EVIL_HTTP, SHA_EVIL_HTTP, 1),
    ]


def first_run_findings() -> list[dict[str, Any]]:
    return [FIND_EVIL, FIND_CROSS, FIND_PIPE, FIND_GONE]


def second_run_findings() -> list[dict[str, Any]]:
    return [FIND_EVIL, FIND_CROSS, FIND_PIPE, FIND_STAR, FIND_INFO, *FIND_MORE]


def build_warehouse(path: Path, runs: int = 2) -> Path:
    """Create the warehouse at `path` with one or two completed runs; returns `path`."""
    con = open_warehouse(path)
    try:
        for number, findings in enumerate([first_run_findings(), second_run_findings()][:runs]):
            bundle = make_bundle(
                f"run-{number + 1}{SCRIPT if number else ''}",
                pages=_pages(),
                claims=CLAIMS,
                facts=FACTS,
                quarantine=_quarantine(),
                findings=findings,
                reconciled=[R_THROUGHPUT, R_STARS, R_EVIL, R_YEAR],
                minutes=10 * number,
            )
            bundle.sources = [*bundle.sources, SCRIPT]
            load_run(con, bundle)
    finally:
        con.close()
    return path
