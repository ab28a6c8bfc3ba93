"""An amount statement whose label is only its comparative word names what it compares last
("A is within 3% of B on sustained call rate"): that tail is its phrase (issue 16, labels
outside the vocabulary)."""

from __future__ import annotations

from crosscheck.normalize.relations import interpret_relation


def test_parity_statement_takes_its_measure_from_the_tail() -> None:
    reading = interpret_relation(
        "within 3%", "within", "Revel is within 3% of Fiber on sustained call rate."
    )
    assert reading is not None
    assert reading.direction == "equal"
    assert reading.phrase == "sustained call rate"


def test_a_named_phrase_in_the_label_still_wins() -> None:
    reading = interpret_relation(
        "within 5%",
        "within (requests per second)",
        "Pedestal is within 5% of Jooby on requests per second.",
    )
    assert reading is not None and reading.phrase == "requests per second"


def test_speed_statements_keep_their_plain_reading() -> None:
    """ "2x faster … on calls handled per second" stays a plain "faster" (times and rates)."""
    reading = interpret_relation(
        "2x", "faster", "Japronto is 2x faster than Ratpack on calls handled per second."
    )
    assert reading is not None and reading.phrase == ""
