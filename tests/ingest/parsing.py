"""Helpers for parser tests: read a file the way the pipeline does and parse it."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from crosscheck.ingest.decode import decode_body
from crosscheck.ingest.parse import ParsedPage, parse_snapshot

from crosscheck.contracts import Snapshot


def parse_file(path: Path) -> ParsedPage:
    """Parse a local page with the same decoding and parser choice as a real run."""
    raw = path.read_bytes()
    text, _ = decode_body(raw, None)
    content_type = "text/html" if path.suffix in (".html", ".htm") else "text/plain"
    snapshot = Snapshot(str(path), hashlib.sha256(raw).hexdigest(), text, content_type, "now")
    return parse_snapshot(snapshot)


def text_claims(text: str, source: str = "mem://page") -> list[dict[str, Any]]:
    """The claims of a plain-text page written by a test."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot(source, sha, text, "text/plain", "now")).claims


def parse_snapshot_text(text: str, source: str = "mem://page") -> ParsedPage:
    """The parsed page of a plain-text page written by a test."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot(source, sha, text, "text/plain", "now"))


def claims_by_raw(claims: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Claims keyed by their raw figure (the last one wins)."""
    return {c["raw_value"]: c for c in claims}


def claim_owners(claims: list[dict[str, Any]]) -> dict[str, str]:
    """Each claim's raw value → the entity it was given (the prose tests' usual question)."""
    return {c["raw_value"]: c["entity_raw"] for c in claims}
