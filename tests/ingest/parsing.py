"""Helpers for parser tests: read a file the way the pipeline does and parse it."""

from __future__ import annotations

import hashlib
from pathlib import Path

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
