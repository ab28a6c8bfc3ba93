"""A known name in an attribute slot ('written in Zig', 'tested on an M2') that the page does
not compare owns none of the sentence's figures (ingest.attribute_slots)."""

from __future__ import annotations

import hashlib
from typing import Any

from crosscheck.ingest.attribute_slots import in_slot
from crosscheck.ingest.entities import Mention
from crosscheck.ingest.parse import parse_snapshot

from crosscheck.contracts import Snapshot


def _claims(text: str) -> list[dict[str, Any]]:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return parse_snapshot(Snapshot("mem://page", sha, text, "text/plain", "now")).claims


# no title names what is compared: the most repeated names (Bun, Deno) are the subjects
PAGE = "\n".join(
    [
        "Runtime notes from a weekend",
        "",
        "Bun is fast. Deno is careful. Bun and Deno both ship TypeScript.",
        "The runtime written in Zig starts a server in 8 ms.",
        "A hello-world handler tested on an M2 cold-starts in 21 ms.",
        "Deno answers 40,000 req/s on Rust's tokio, Bun 92,000 req/s.",
        "",
    ]
)


def _at(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, name)


def test_slot_words_before_a_name() -> None:
    for text, name in [
        ("an editor written in Rust opens in 40 ms", "Rust"),
        ("developed by Facebook, it renders", "Facebook"),
        ("loads in 2 s on my iPhone 15", "iPhone 15"),
        ("im Test auf dem Pixel 8", "Pixel 8"),
    ]:
        assert in_slot(text, _at(text, name)), text
    for text, name in [
        ("compared with a Ryzen 7 it scores 200", "Ryzen 7"),  # the other side
        ("With Wi-Fi 6E, you get 320 MHz", "Wi-Fi 6E"),  # bare "with": the owner
        ("beaten by Node by 20%", "Node"),
        ("the 760 GB/s provided by the RTX 3080", "RTX 3080"),  # a passive's agent owns it
    ]:
        assert not in_slot(text, _at(text, name)), text


def test_an_uncompared_name_in_a_slot_owns_no_figure() -> None:
    got = {c["raw_value"]: c["entity_raw"] for c in _claims(PAGE)}
    assert got["8 ms"] == "Bun"  # not Zig, the language it is written in
    assert got["21 ms"] == "Bun"  # not the M2 it ran on (the subject read last)
    assert got["40,000 req/s"] == "Deno"  # not Rust, the platform named after it
    assert got["92,000 req/s"] == "Bun"


def test_a_compared_name_in_a_slot_keeps_its_figure() -> None:
    page = "Bun vs Deno\n\nThe same handler starts in 21 ms on Deno and in 8 ms on Bun.\n"
    got = {c["raw_value"]: c["entity_raw"] for c in _claims(page)}
    assert got["21 ms"] == "Deno"
    assert got["8 ms"] == "Bun"
