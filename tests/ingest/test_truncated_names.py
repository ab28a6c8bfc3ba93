"""A page subject's name written short ("Galaxy S23" on a page about the Galaxy S23 Ultra) names
that subject; pages whose subjects are one word each are not read for such names at all."""

from __future__ import annotations

from crosscheck.ingest.entities import finder_for_page

from tests.ingest.parsing import text_claims


def test_only_a_subject_of_several_words_can_be_written_short() -> None:
    finder = finder_for_page()
    assert finder.may_truncate(["Galaxy S23 Ultra", "Pixel 8"])
    assert not finder.may_truncate(["PostgreSQL", "MySQL"])
    assert not finder.may_truncate(["postgres", "node"])  # their canonical names: one word


def test_a_shortened_subject_name_names_the_subject_and_one_word_subjects_have_none() -> None:
    texts = ["Galaxy S23 Ultra vs Pixel 8", "The Galaxy S23 gained 1480 points, MySQL none."]
    finder = finder_for_page()
    finder.add_page_names(["Galaxy S23 Ultra", "Pixel 8"])
    finder.add_truncations(["Galaxy S23 Ultra", "Pixel 8"], finder.line_mentions(texts))
    assert [m.canonical for m in finder.mentions(texts[1])] == ["Galaxy S23 Ultra", "MySQL"]
    single = finder_for_page()  # what may_truncate skips: subjects of one word find nothing
    single.add_page_names(["PostgreSQL", "MySQL"])
    before = single.mentions(texts[1])
    single.add_truncations(["PostgreSQL", "MySQL"], single.line_mentions(texts))
    assert single.mentions(texts[1]) == before
    claims = text_claims(f"{texts[0]}\n\n{texts[1]}\n")
    assert ("Galaxy S23 Ultra", "1480") in [(c["entity_raw"], c["raw_value"]) for c in claims]


def test_one_word_subjects_keep_their_figures() -> None:
    claims = text_claims(
        "PostgreSQL vs MySQL\n\nPostgreSQL handled 12,000 transactions per second.\n"
    )
    assert [c["entity_raw"] for c in claims] == ["PostgreSQL"]
