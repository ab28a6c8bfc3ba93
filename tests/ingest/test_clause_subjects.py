"""The subject a clause opens with owns the clause's figures, known to a list or not
(ingest/clause_subjects.py), and a name after "than" is the other side of a comparison, never
the owner of the figure before it (ingest/attribution.py).

Pages are written for the test (invented product names beside listed ones; figures reused
from real pages, no sentences)."""

from __future__ import annotations

from crosscheck.ingest.clause_subjects import clause_subjects
from crosscheck.ingest.page_product_words import ordinary_word

from tests.ingest.parsing import parse_snapshot_text


def _owners(text: str) -> dict[str, str]:
    return {c["raw_value"]: c["entity_raw"] for c in parse_snapshot_text(text).claims}


# two listed cards, then a paragraph whose second clause opens with a model no list knows
CARDS = """Graphics cards this year

The RTX 4090 draws 450 W under load. The RTX 4080 draws 320 W under load.

The RTX 4090 has 24 GB of memory; Vexel Arc9 Pro carries 20 GB and costs $899.
"""


def test_an_unknown_subject_owns_its_clause() -> None:
    owners = _owners(CARDS)
    assert owners["20 GB"] == "Vexel Arc9 Pro"
    assert owners["$899"] == "Vexel Arc9 Pro"  # the clause's second verb, the same subject
    assert owners["24 GB"] == "RTX 4090"  # the listed name keeps its own clause
    assert owners["450 W"] == "RTX 4090"


# services no list knows, two words each, beside a listed card as a clause's subject
SERVICES = """Storage plans this year

The RTX 4090 draws 450 W under load. The RTX 4080 draws 320 W under load.

The RTX 4080 ships with 16 GB. Zentrix Mail still advertises 1 TB, but attachments stop at
25 MB per message.
"""


def test_two_name_words_at_a_sentence_start_are_a_subject() -> None:
    owners = _owners(SERVICES)
    assert owners["1 TB"] == "Zentrix Mail"
    assert owners["25 MB"] == "Zentrix Mail"  # "but attachments ...": no name, the subject's
    assert owners["16 GB"] == "RTX 4080"


def test_only_a_subject_at_a_clause_opening_counts() -> None:
    def found(text: str) -> list[str]:
        starts = [0] + [i + 2 for i, ch in enumerate(text) if text[i : i + 2] == ", "]
        return [name for _, _, name in clause_subjects(text, starts, [], ordinary_word)]

    assert found("Vexel Arc9 Pro carries 20 GB") == ["Vexel Arc9 Pro"]
    assert found("With Vexel Arc9 Pro you get 20 GB") == []  # an object after a preposition
    assert found("Using 160 MHz channels limits it to 1,200 Mbps") == []  # a measurement
    assert found("Vexel Arc9 Pro carries plenty") == []  # no figure in its clause
    assert found("Drohne wiegt 249 Gramm") == []  # one plain capitalised word: no name
    assert found("Then Vexel Arc9 Pro arrived in 2020") == ["Vexel Arc9 Pro"]  # an adverb first
    assert found("Quorra Labs reports Vexel Arc9 Pro does 9x") == []  # a source, no owner
    # a maker's possessive before the model, an aside before the verb; a product's part not
    assert found("Vexel’s VX3000RT (a larger unit) shows ~5 min") == ["VX3000RT"]
    assert found("The RTX 4090’s Hopper GPU is built on 4 nm") == []


def test_a_name_after_than_is_the_other_side() -> None:
    text = (
        "Two cards\n\nThe RTX 4090 draws 450 W in games. The RTX 4080 draws 320 W.\n\n"
        "Compared to the RTX 4080, the RTX 4090 is a hungry card. On average, it uses 69 more "
        "watts than the RTX 4080, making the RTX 4080 23.3% more efficient.\n"
    )
    assert _owners(text)["69"] == "RTX 4090"
