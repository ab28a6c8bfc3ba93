"""Speed gates that must answer as the readers they guard (speed23): a verdict sentence without
a digit is read from its cross-reference test and clauses alone, and the page-name hints of
ingest.beside_known look for a plain space first. Sentences written for these tests."""

from __future__ import annotations

import hashlib
import itertools

import pytest
from crosscheck.ingest import beside_known
from crosscheck.ingest.lexicon import load_lexicon
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.sentence_text import read_before, sentence_text

from crosscheck.contracts import Snapshot

TABLE = """
| Runtime | Requests/sec | Memory |
|---|---|---|
| Bun | 52,000 | 45 MB |
| Node.js | 19,000 | 60 MB |
"""


def _verdicts(prose: str) -> list[tuple[str, str, str, str]]:
    text = f"# Bun vs Node.js\n\n{prose}\n{TABLE}"
    digest = hashlib.sha256(text.encode()).hexdigest()
    page = parse_snapshot(Snapshot("/tmp/gates.md", digest, text, "text/markdown", "now"))
    return sorted(
        (c["entity_raw"], c["counterpart_raw"], c["raw_value"], c["label"])
        for c in page.claims
        if "verdict" in c["locator"]
    )


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Under sustained load Bun stays faster than Node.js here, by a wide margin.", True),
        ("See also our guide where Bun uses less memory than Node.js in this test.", False),
        ("For the cold path, Node.js is slower than Bun and, oddly, heavier too.", True),
    ],
)
def test_verdict_without_digit_reads_as_with_its_scans(sentence: str, found: bool) -> None:
    lex = load_lexicon()
    assert read_before(sentence, lex) is None  # the light path: no scans made yet
    light = _verdicts(sentence)
    sentence_text(sentence, lex)  # the scans made: the path every sentence took before
    assert read_before(sentence, lex) is not None
    assert _verdicts(sentence) == light
    assert bool(light) is found


_PIECES = ["Moto", "X", "X1", "X12", "Play", "play", "AB", "A7", "7", "Z 9", "-", "+", ".", ","]


@pytest.mark.parametrize("width", [2, 3, 4])
def test_space_gates_pass_every_text_the_full_hints_match(width: int) -> None:
    gates = [
        (beside_known._CODE_GATE, beside_known._CODE_THEN_WORD),
        (beside_known._SPACED_DIGIT, beside_known._HINT_GATE),
    ]
    matched = 0
    for words in itertools.product(_PIECES, repeat=width):
        for joiner in (" ", ""):
            text = joiner.join(words)
            for gate, full in gates:
                if full.search(text) is not None:
                    matched += 1
                    assert gate.search(text) is not None, text
    assert matched > 50
