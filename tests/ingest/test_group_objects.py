"""A group word ('both', 'all three') owns a figure only as its clause's subject, never as the
other side of a comparison ('beats both', 'than all three'); areas in words and imperial units
are read with their unit (ingest.group_owners, prose.toml spec_unit_marks)."""

from __future__ import annotations

import hashlib
from typing import Any

from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot


def _owners(text: str) -> dict[str, str]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    claims: list[dict[str, Any]] = parse_snapshot(
        Snapshot("mem://page", sha, text, "text/plain", "now")
    ).claims
    return {c["raw_value"]: c["entity_raw"] for c in claims}


CODECS = "\n".join(
    [
        "MP3 vs AAC vs Opus",
        "",
        "A short clip at 128 kbps as MP3 takes 2.1 MB. Encoded to Opus at 64 kbps, it sounds "
        "better than all three at a size near 1.1 MB. Encode it to Opus at 80 kbps and it "
        "beats both at a file size of 1.4 MB.",
        "",
        "All three decode in under 5 ms.",
        "",
    ]
)


def test_a_group_after_a_comparison_word_is_no_owner() -> None:
    got = _owners(CODECS)
    assert got["1.4 MB"] == "Opus"  # not 'both'
    assert got["1.1 MB"] == "Opus"  # not 'all three'


def test_a_group_as_subject_still_owns_for_every_compared_entity() -> None:
    assert _owners(CODECS)["under 5 ms"] == "MP3 + AAC + Opus"


MOWERS = "\n".join(
    [
        "Mower specs",
        "",
        "The Husqvarna Automower 450X covers up to 5,000 square meters (1.2 acres) in a day, "
        "and a lawn of 950 sq m in an hour.",
        "",
    ]
)


def test_areas_keep_their_unit_words() -> None:
    got = _owners(MOWERS)
    assert "up to 5,000 square meters" in got
    assert "1.2 acres" in got
    assert "950 sq m" in got
