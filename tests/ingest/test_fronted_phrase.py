"""Whose figures a sentence's clauses hold when a name sits in its opening phrase ('On a big
C++ codebase, gcc 9.3.0 ...'), a version has three parts, or 'both' coordinates two nouns
(ingest.fronted, ingest.prose_subjects.with_versions, ingest.group_owners.GROUP)."""

from __future__ import annotations

import hashlib
from typing import Any

from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot


def _claims(text: str) -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("mem://page", sha, text, "text/plain", "now")).claims


PAGE = "\n".join(
    [
        "Compiler notes",
        "",
        "On a big C++ codebase, gcc 9.3.0 took ~45% longer than clang 10.0.1 in wall time, "
        "and ~30% longer in user time.",
        "Its peak memory was ~150% higher.",
        "Then clang 11.0.1 is ~4% slower than clang 10.0.1 in both wall time and user time, "
        "and ~1% slower in system time.",
        "",
    ]
)


def test_the_name_in_an_opening_phrase_is_no_subject() -> None:
    got = {c["raw_value"]: c["entity_raw"] for c in _claims(PAGE)}
    assert got["~45%"] == "gcc 9.3.0"  # the whole three-part version, not '9.3'
    assert got["~30%"] == "gcc 9.3.0"
    assert got["~150%"] == "gcc 9.3.0"


def test_correlative_both_names_no_group() -> None:
    got = {c["raw_value"]: c["entity_raw"] for c in _claims(PAGE)}
    assert got["~4%"] == "clang 11.0.1"
    assert got["~1%"] == "clang 11.0.1"
