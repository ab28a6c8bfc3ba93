"""Categorical consensus: a reliability-weighted vote, one voice per copy group."""

from __future__ import annotations

from crosscheck.reconcile import RECONCILED_CATEGORY_COLUMNS, reconcile_facts

from tests.reconcile.facts_factory import fact, facts_frame

NUMBERS = [("throughput", 2_500.0), ("github_stars", 68_000.0), ("startup_time", 0.12)]


def _numbers(source: str, factor: float) -> list[dict]:
    return [
        fact(source, e, m, v * factor, raw=f"{v * factor:g}")
        for e in ("Flask", "FastAPI")
        for m, v in NUMBERS
    ]


def _category(source: str, text: str, entity: str = "Flask") -> dict:
    return fact(source, entity, "websocket_support", None, text=text, raw=f"{text} support")


def test_e_majority_of_independent_sources_wins() -> None:
    rows = [_category(s, "native") for s in ("a", "b", "c")] + [_category("d", "extension")]
    result = reconcile_facts(facts_frame(rows))
    table = result.reconciled_categories
    assert list(table.columns) == RECONCILED_CATEGORY_COLUMNS
    row = table.iloc[0]
    assert (row["entity"], row["metric"], row["qualifier"]) == ("Flask", "websocket_support", "")
    assert (row["value_text"], row["support"], row["dissent"]) == ("native", 3, 1)
    assert row["sources"] == ["a", "b", "c"]
    assert 0.0 < row["confidence"] < 1.0
    assert result.reconciled.empty


def test_e_reliability_breaks_a_one_to_one_vote() -> None:
    rows = _numbers("good", 1.0) + _numbers("also-good", 1.02) + _numbers("bad", 3.0)
    rows += [_category("good", "native"), _category("bad", "extension")]
    result = reconcile_facts(facts_frame(rows))
    row = result.reconciled_categories.iloc[0]
    assert (row["value_text"], row["support"], row["dissent"], row["sources"]) == (
        "native",
        1,
        1,
        ["good"],
    )
    assert row["confidence"] > 0
    reliability = result.source_reliability.set_index("source")
    assert reliability.loc["bad", "disagreeing"] == 7  # six numbers and the category


def test_e_an_even_split_has_zero_confidence_and_a_deterministic_winner() -> None:
    rows = [_category("a", "native"), _category("b", "extension")]
    row = reconcile_facts(facts_frame(rows)).reconciled_categories.iloc[0]
    assert (row["value_text"], row["confidence"]) == ("extension", 0.0)  # alphabetical on a tie


def test_e_copies_of_one_page_count_once_in_a_vote() -> None:
    copies = [
        r
        for s in ("copy1", "copy2", "copy3")
        for r in [*_numbers(s, 1.0), _category(s, "extension")]
    ]
    independent = [_category("x", "native"), _category("y", "native")]
    result = reconcile_facts(facts_frame(copies + independent))
    assert result.copy_groups["size"].tolist() == [3, 3, 3]
    row = result.reconciled_categories.iloc[0]
    assert (row["value_text"], row["support"], row["dissent"]) == ("native", 2, 3)
