"""The parse step's cheap gates answer as the long way: a line no single-subject guess can
take is never asked whether it is chrome, an empty line starts no text shape, a line without
a section word last names no table subject (docs/architecture.md, "Cheap gates")."""

from __future__ import annotations

from typing import Any

import pytest
from crosscheck.ingest import parse
from crosscheck.ingest.blocks import (
    _ABOUT,
    Block,
    BlockKind,
    guess_single_entity,
    may_name_single,
)
from crosscheck.ingest.chip_names import chip_names
from crosscheck.ingest.entities import Mention, frequent_names
from crosscheck.ingest.lexicon import load_lexicon
from crosscheck.ingest.lines import is_heading_like
from crosscheck.ingest.model_years import _YEAR_BEFORE, with_model_year
from crosscheck.ingest.page_products import page_products
from crosscheck.ingest.sections import _LABEL_PREFIX
from crosscheck.ingest.sentence_text import says_multiplier, sentence_text
from crosscheck.ingest.spans import _CJK_CHAR, _CJK_FIGURE
from crosscheck.ingest.table_cells import _DELTA
from crosscheck.ingest.table_emit import KnownNames, TableContext, _name_before_section_words
from crosscheck.ingest.table_headers import is_chrome_line
from crosscheck.ingest.text_parser import text_to_blocks
from crosscheck.ingest.textshapes import read_shape, rule_lines
from hypothesis import example, given, settings
from hypothesis import strategies as st

from crosscheck.contracts import Snapshot

_WORDS = ["About", "Results", "Overview", "Closed", "Redis", "redis", "Memcached", "vLLM"]
_WORDS += ["Performance", "results:", "latency", "1.5", "ms", "|", ":", ".", ",", "  ", "é"]
_LINES = st.lists(st.sampled_from(_WORDS), max_size=5).map(" ".join)
# a page's lines repeat (the guess counts repeats): lines drawn from a few short ones
_PAGE = st.lists(_LINES, min_size=1, max_size=4).flatmap(
    lambda pool: st.lists(st.sampled_from(pool), max_size=10)
)


def _guess_long_way(lines: list[str]) -> list[str]:
    """guess_single_entity before its gate: every line asked, the chrome ones dropped first."""
    kept = [t for t in lines if not is_chrome_line(t)]
    for line in kept:
        about = _ABOUT.match(line.strip())
        if about:
            return [about.group(1).strip()]
    counts: dict[str, int] = {}
    for line in kept:
        text = line.strip()
        if 1 <= len(text.split()) <= 3 and len(text) > 1 and text[0].isupper():
            counts[text] = counts.get(text, 0) + 1
    return [t for t, n in counts.items() if n >= 2][:1]


@settings(deadline=None)  # no timed assertion: the first call loads the vocabulary
@given(_PAGE)
@example(["Redis Memcached vLLM", "Closed", "Redis Memcached vLLM"])
@example(["Overview", "Overview", "About Redis"])
def test_the_single_subject_guess_asks_chrome_only_of_lines_it_could_take(
    lines: list[str],
) -> None:
    assert guess_single_entity(lines, skip=is_chrome_line) == _guess_long_way(lines)


@settings(deadline=None)
@given(_LINES)
def test_a_line_the_gate_refuses_never_counts(line: str) -> None:
    if not may_name_single(line):
        assert guess_single_entity([line, line, line]) == []


def test_an_about_line_still_names_the_page() -> None:
    assert guess_single_entity(["Closed", "About Redis"], skip=is_chrome_line) == ["Redis"]


_SHAPE_LINES = ["", "| a | b |", "|---|---|", "Name  RPS  p99", "x  1  2", "```", "    code()"]
_SHAPE_LINES += ["Redis", "RPS", "12 ms", "A | B"]


@settings(deadline=None)
@given(st.lists(st.sampled_from(_SHAPE_LINES), max_size=10))
def test_an_empty_line_starts_no_shape(lines: list[str]) -> None:
    rules = rule_lines(lines)
    for i, line in enumerate(lines):
        if not line:
            assert read_shape(lines, i, 1, rules) is None
            assert read_shape(lines, i, 1) is None


def test_an_empty_line_still_ends_a_markdown_table() -> None:
    blocks = text_to_blocks("| a | b |\n|---|---|\n| x | 1 |\n\n| y | 2 |\n")
    assert [b.kind for b in blocks] == ["table", "table"]


def _subject_long_way(context: TableContext, raw: str) -> bool:
    text = " ".join(raw.split())
    if len(text) > 60 or text.endswith((".", "!", "?", ",", ";", ":")) or "|" in text:
        return False
    name = _name_before_section_words(text)
    return bool(name) and (is_heading_like(text) or name in context.names)


@settings(deadline=None)
@given(_LINES)
@example("Redis Results")
@example("redis performance")
def test_a_subject_line_is_found_as_the_long_way_finds_it(raw: str) -> None:
    context = TableContext([], names=KnownNames(frozenset({"redis", "vllm"})))
    assert context._subject_line(raw) == _subject_long_way(context, raw)


_YEAR_WORDS = ["The", "the", "In", "late-2015", "2015", "2014", "1.5", "Dell XPS 13", "Redis"]
_YEAR_WORDS += ["new", "mid", "-", " ", "x"]


def _model_year_long_way(text: str, mention: Mention) -> Mention:
    """with_model_year without its shortcut: the year pattern asked before every mention."""
    found = _YEAR_BEFORE.search(text, 0, mention.start)
    if found is None:
        return mention
    part = found.group("part")
    when = f"{part.lower()} {found.group('year')}" if part else found.group("year")
    return Mention(mention.start, mention.end, f"{mention.text} ({when})", mention.canonical)


@settings(deadline=None, max_examples=50)
@given(st.lists(st.sampled_from(_YEAR_WORDS), max_size=6).map(" ".join))
@example("The 2015")
@example("the late-2015")
def test_a_model_year_is_found_as_the_long_way_finds_it(before: str) -> None:
    text = f"{before} Dell XPS 13 lasted 8 hours"
    at = len(before) + 1 if before else 0
    mention = Mention(at, at + len("Dell XPS 13"), "Dell XPS 13", "Dell XPS 13")
    assert with_model_year(text, mention) == _model_year_long_way(text, mention)


_WORDED = ["around", "two", "to", "three", "hours", "more", "fivefold", "in", "A", "twice", "as"]


@settings(deadline=None, max_examples=50)
@given(st.lists(st.sampled_from(_WORDED), max_size=7).map(" ".join))
@example("around two to three hours more")
def test_a_line_without_a_digit_is_read_whenever_it_holds_a_worded_figure(line: str) -> None:
    lex = load_lexicon()
    if sentence_text(line, lex).spans:
        assert says_multiplier(line, lex)


_SPELLED = ["About", "two", "TO", "three", "Hours", "hour", "minutes", "more", "of", "extra"]
_SPELLED += ["Fivefold", "tenfold", "fold", "x", "longer"]


@settings(deadline=None, max_examples=50)
@given(st.lists(st.sampled_from(_SPELLED), max_size=7).map(" ".join))
@example("About two TO three Hours more")
@example("a Tenfold gain")
def test_a_worded_figure_pattern_is_asked_of_every_text_it_could_match(line: str) -> None:
    lex = load_lexicon()
    lowered = line.lower()
    if lex.spelled_figure.search(line):
        assert any(stem in lowered for stem in lex.spelled_stems)
    if lex.fold_multiplier.search(line):
        assert "fold" in lowered


@pytest.mark.parametrize(
    "name",
    ["Core i5-5300U", "i7-1360P", "Core Ultra 7 155H", "Ryzen 7 7840U", "Ryzen AI 9 365",
     "Xeon E5-2690", "Snapdragon 8 Gen 3", "Snapdragon X Elite", "Dimensity 9300", "Exynos 2400"],
)  # fmt: skip
def test_every_chip_shape_is_asked_past_its_hint(name: str) -> None:
    assert chip_names([f"the {name} scored"]) == [name]  # the hint let the page through


# noent's rule (ingest.page_products): asked only where the title and the gazetteer give fewer
# than two compared names; a product-shaped word ("Zorblat", beside "than") counts only there
_TITLES = ["Redis vs Memcached", "Cache notes", "Redis and Memcached compared", "Zorblat review"]
_PROSE = [
    "Redis served 120,000 requests per second.",
    "Zorblat is 2x faster than Redis.",
    "We ran Zorblat at 95,000 requests per second.",
    "Memcached held 3 GB in Redis tests.",
    "Redis and Memcached both ran 4 threads.",
    "Quuxly costs $5/mo against Zorblat.",
]


def _page(title: str, lines: list[str]) -> Snapshot:
    return Snapshot("page.md", "0" * 64, "\n\n".join([title, *lines]), "text/markdown", "now")


@settings(deadline=None, max_examples=40)
@given(st.sampled_from(_TITLES), st.lists(st.sampled_from(_PROSE), max_size=5))
@example("Redis vs Memcached", ["Zorblat is 2x faster than Redis."] * 2)
@example("Cache notes", ["Redis and Memcached both ran 4 threads."] * 2)  # two frequent names
@example("Cache notes", ["Zorblat is 2x faster than Redis."] * 2)  # asked
def test_page_products_is_asked_only_past_its_gate(title: str, lines: list[str]) -> None:
    asked: list[str] = []

    def spy(title: str, blocks: list[Block], known: Any) -> list[str]:
        finder = known.__self__  # the page's EntityFinder (known = finder.known_spans)
        texts = [b.text for b in blocks if b.kind is not BlockKind.TABLE and b.text]
        assert len(frequent_names(texts, finder)) < 2  # the gazetteer's half of the gate
        asked.append(title)
        return page_products(title, blocks, known)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parse, "page_products", spy)
        page = parse.parse_snapshot(_page(title, lines))
    if asked:
        assert len(page.entities) < 2  # the title's half of the gate
    else:  # the rule never ran: the output is the output without it
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(parse, "page_products", lambda *_: [])
            assert parse.parse_snapshot(_page(title, lines)) == page


def test_a_page_named_by_its_title_gives_no_product_shaped_word_a_figure() -> None:
    lines = ["Zorblat is 2x faster than Redis.", "We ran Zorblat at 95,000 requests per second."]
    named = parse.parse_snapshot(_page("Redis vs Memcached", lines))
    unnamed = parse.parse_snapshot(_page("Cache notes", lines))
    assert "Zorblat" not in {c["entity_raw"] for c in named.claims}
    assert "Zorblat" in {c["entity_raw"] for c in unnamed.claims}  # past the gate it counts


# real13's gates: a second figure pattern only for texts with a CJK character, a heading's
# label prefix only when it holds a colon, a cell's signed change only when it holds "("
_MIXED = st.text(st.sampled_from("ab A1 2.5%秒以上倍第3:()+-−msMB/"), max_size=24)


@settings(deadline=None, max_examples=100)
@given(_MIXED)
@example("さらに10秒以上")
@example("10 s 以上")
def test_the_cjk_figure_pattern_matches_only_after_a_cjk_character(text: str) -> None:
    if text.isascii() or not _CJK_CHAR.search(text):  # the gate in find_prose_figures
        assert _CJK_FIGURE.search(text) is None


@settings(deadline=None, max_examples=100)
@given(_MIXED)
@example("Example: Redis Limits")
@example("912 Mbps (-3.3%)")
def test_a_label_prefix_and_a_signed_change_need_their_gate_character(text: str) -> None:
    if ":" not in text:
        assert _LABEL_PREFIX.match(text) is None
    if "(" not in text:
        assert _DELTA.match(text) is None
