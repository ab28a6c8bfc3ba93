"""A product written in lower case ("web2py", "htmx", "net/http") opens a sentence: the
comparative statement it leads is its own, not glued to the previous one (issue 16)."""

from __future__ import annotations

from crosscheck.ingest.sentence_split import split_sentences


def test_a_lower_case_name_after_a_full_stop_opens_a_sentence() -> None:
    text = (
        "Litestar shows 2.3x more throughput than web2py. web2py uses half the memory of "
        "Svelte. net/http's latency is 3x lower than Remix."
    )
    parts = [s for _, s in split_sentences(text, ["web2py", "Svelte", "net/http"])]
    assert parts == [
        "Litestar shows 2.3x more throughput than web2py.",
        "web2py uses half the memory of Svelte.",
        "net/http's latency is 3x lower than Remix.",
    ]


def test_other_lower_case_words_and_decimals_do_not_split() -> None:
    text = "Bun is fast, e.g. faster than most. htmx is small. It serves 1.5k req/s."
    assert len(split_sentences(text)) == 2  # "htmx" unknown here: glued to the first
    parts = [s for _, s in split_sentences(text, ["htmx", "Bun"])]
    assert parts == [
        "Bun is fast, e.g. faster than most.",
        "htmx is small.",
        "It serves 1.5k req/s.",
    ]
