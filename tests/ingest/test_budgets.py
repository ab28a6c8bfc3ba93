"""Hostile pages meet the page budgets: each one is parsed, cut (saying so) or quarantined with
its reason, never dropped in silence. Every page is generated here; nothing large is committed."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import replace

import pytest
from crosscheck.ingest import parse as parse_module
from crosscheck.ingest import parse_time as parse_time_module
from crosscheck.ingest.budgets import (
    _BINARY,
    _COUNT_ATTRIBUTES,
    DEFAULT_BUDGET,
    BudgetNotes,
    PageBudget,
    _binary_count,
    _long_text_path,
    _may_hold_long_tag,
    _may_hold_long_text,
    cap_claims,
    cut_long_lines,
    page_utf8,
    prepare_html,
)
from crosscheck.ingest.decode import decode_page
from crosscheck.ingest.html_tree import parse_html
from crosscheck.ingest.parse import ParsedPage, parse_snapshot
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from crosscheck.common.contracts import Snapshot

HEAD = "<html><head><title>Alpha vs Beta</title></head><body>"
TABLE = (
    "<table><tr><th>Metric</th><th>Alpha</th><th>Beta</th></tr>"
    "<tr><td>{label}</td><td>5 MB</td><td>7 MB</td></tr></table>"
)


def snap(text: str, content_type: str = "text/html") -> Snapshot:
    return Snapshot("hostile", "0" * 64, text, content_type, "2026-01-01T00:00:00+00:00")


def nested(depth: int) -> str:
    inner = TABLE.format(label="Size")
    after = TABLE.format(label="Disk")
    return HEAD + "<div>" * depth + inner + "</div>" * depth + after + "</body></html>"


def test_a_plain_page_has_no_note() -> None:
    page = parse_snapshot(snap(HEAD + TABLE.format(label="Size") + "</body></html>"))
    assert len(page.claims) == 2 and page.note == ""


def test_nesting_deeper_than_libxml2s_limit_is_parsed_whole() -> None:
    page = parse_snapshot(snap(nested(300)))  # libxml2 alone drops everything after level 256
    assert len(page.claims) == 4 and page.note == ""


def test_nesting_over_the_depth_budget_is_quarantined_with_the_reason() -> None:
    page = parse_snapshot(snap(nested(DEFAULT_BUDGET.max_depth + 50)))
    assert page.claims == []
    assert (
        page.note == f"quarantined: elements nested deeper than {DEFAULT_BUDGET.max_depth} levels"
    )


def test_a_table_wider_than_the_column_budget_is_cut_and_says_so() -> None:
    columns = 5000
    header = "".join(f"<th>Tool {i}</th>" for i in range(columns))
    row = "".join(f"<td>{i} MB</td>" for i in range(columns))
    text = f"{HEAD}<table><tr><th>Metric</th>{header}</tr><tr><td>Size</td>{row}</tr></table>"
    page = parse_snapshot(snap(text + "</body></html>"))
    limit = DEFAULT_BUDGET.max_table_columns
    assert f"cut: 2 table row(s) wider than {limit} columns cut to {limit}" in page.note
    assert 0 < len(page.claims) < limit
    longest = max(len(c["evidence"] or "") for c in page.claims)
    assert longest <= DEFAULT_BUDGET.max_evidence_chars


def test_too_many_table_cells_quarantine_the_page() -> None:
    budget = replace(DEFAULT_BUDGET, max_table_cells=500)
    rows = "".join(f"<tr><td>Metric {i}</td><td>{i} MB</td><td>1 MB</td></tr>" for i in range(300))
    text = f"{HEAD}<table><tr><th>Metric</th><th>Alpha</th><th>Beta</th></tr>{rows}</table>"
    page = parse_snapshot(snap(text), budget)
    assert page.claims == [] and page.note.startswith("quarantined: 903 table cells, over the 500")


def test_two_hundred_thousand_attributes_are_quarantined() -> None:
    attributes = " ".join(f'data-a{i}="x"' for i in range(200_000))
    text = f"{HEAD}<div {attributes}>{TABLE.format(label='Size')}</div></body></html>"
    page = parse_snapshot(snap(text))
    assert page.claims == []
    assert page.note == (
        "quarantined: 200,000 attributes, over the "
        f"{DEFAULT_BUDGET.max_attributes:,}-attribute budget"
    )


def test_one_tag_with_thousands_of_attributes_is_quarantined_before_parsing() -> None:
    attributes = " ".join(f'data-a{i}="x"' for i in range(8_000))  # ~100 KB in one tag
    text = f"{HEAD}<div {attributes}>{TABLE.format(label='Size')}</div></body></html>"
    page = parse_snapshot(snap(text))
    assert page.claims == []
    assert page.note == "quarantined: a start tag longer than 50,000 characters (its attributes)"


def test_too_many_elements_are_quarantined() -> None:
    budget = replace(DEFAULT_BUDGET, max_elements=1000)
    text = HEAD + "<span>x</span>" * 1500 + TABLE.format(label="Size") + "</body></html>"
    page = parse_snapshot(snap(text), budget)
    assert page.claims == [] and page.note.startswith("quarantined: 1,5")
    assert page.note.endswith("elements, over the 1,000-element budget")
    flood = HEAD + "<span>x</span>" * 3000
    assert parse_snapshot(snap(flood), budget).note.startswith("quarantined: 6,00")


def test_a_single_line_of_megabytes_is_cut_and_still_yields_its_figures() -> None:
    sentence = "Alpha handles 5,000 requests per second while Beta handles 7,000. "
    text = "Alpha vs Beta\n\n" + sentence * 30_000  # ~2 MB on one line
    page = parse_snapshot(snap(text, "text/plain"))
    limit = DEFAULT_BUDGET.max_line_chars
    assert page.note.startswith(f"cut: 1 line(s) longer than {limit:,} characters")
    assert page.claims  # the kept part is parsed, not lost


def test_a_huge_text_node_in_html_is_cut() -> None:
    sentence = "Alpha handles 5,000 requests per second while Beta handles 7,000. "
    text = f"{HEAD}<p>{sentence * 2000}</p></body></html>"
    page = parse_snapshot(snap(text))
    assert "cut: 1 text run(s) longer than" in page.note and page.claims


def test_a_long_inline_script_is_not_a_cut() -> None:
    script = "<script>var a=" + "1+" * 30_000 + "1;</script>"
    text = (
        HEAD.replace("</head>", script + "</head>") + TABLE.format(label="Size") + "</body></html>"
    )
    page = parse_snapshot(snap(text))
    assert page.note == "" and len(page.claims) == 2


def test_a_page_over_the_size_budget_is_quarantined() -> None:
    budget = replace(DEFAULT_BUDGET, max_chars=10_000)
    page = parse_snapshot(snap("x" * 20_000, "text/plain"), budget)
    assert page.note == "quarantined: 20,000 characters of text, over the 10,000-character budget"


def test_binary_served_as_a_page_is_quarantined() -> None:
    body = bytes((i * 7919 + 13) % 256 for i in range(200_000))
    page = parse_snapshot(snap(decode_page(body, "text/html").text))
    assert page.claims == [] and page.quarantined
    assert page.note.startswith("quarantined: binary content, not a page (")


def test_a_runaway_parse_is_interrupted_and_quarantined(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a main thread a parse that keeps the CPU busy is stopped (SIGPROF), not waited for."""
    finished = []

    def spins(*_args: object) -> list[dict[str, object]]:
        end = time.thread_time() + 30  # far past the interrupt (0.4 s of CPU)
        while time.thread_time() < end:
            pass
        finished.append(True)
        return []

    monkeypatch.setattr(parse_module, "extract_claims", spins)
    budget = replace(DEFAULT_BUDGET, max_parse_seconds=0.2)
    page = parse_snapshot(snap(HEAD + TABLE.format(label="Size")), budget)
    assert page.claims == [] and not finished
    assert page.note == "quarantined: parsing took longer than the 0.2 s budget"


def test_a_parse_slowed_by_the_hosts_load_keeps_its_claims(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Wall time spent waiting for a core (a loaded host) is not the page's cost: the budget is
    CPU time, so the page gives what it gives on an idle host (issue 19)."""
    extract = parse_module.extract_claims

    def descheduled(*args: object) -> list[dict[str, object]]:
        time.sleep(0.6)  # off the CPU, as a parse that waits for a core
        return extract(*args)  # type: ignore[arg-type]

    page_text = HEAD + TABLE.format(label="Size")
    expected = parse_snapshot(snap(page_text))
    monkeypatch.setattr(parse_module, "extract_claims", descheduled)
    budget = replace(DEFAULT_BUDGET, max_parse_seconds=0.2)
    page = parse_snapshot(snap(page_text), budget)
    assert page.claims == expected.claims and len(page.claims) > 0 and page.note == ""


@pytest.mark.parametrize("where", ["main thread", "worker thread"])
def test_a_parse_over_its_cpu_budget_is_quarantined_on_any_thread(
    monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A Dask worker parses in a thread, which gets no signal: the budget is judged from the
    thread's CPU clock when the parse ends, so both engines quarantine the same pages."""
    readings = iter([0.0, 25.0])  # the parse's thread used 25 s of CPU (a fake clock)
    monkeypatch.setattr(parse_time_module, "_thread_cpu", lambda: next(readings))
    pages: list[ParsedPage] = []

    def parse() -> None:
        pages.append(parse_snapshot(snap(HEAD + TABLE.format(label="Size"))))

    if where == "main thread":
        parse()
    else:
        worker = threading.Thread(target=parse)
        worker.start()
        worker.join()
    (page,) = pages
    assert page.claims == [] and page.quarantined
    assert page.note == "quarantined: parsing took longer than the 20 s budget"


def test_claims_over_the_figure_budget_keep_the_first_and_say_so() -> None:
    claims = [{"evidence": "x", "value_start": 0, "raw_value": "1"} for _ in range(30)]
    notes = BudgetNotes()
    kept = cap_claims(claims, PageBudget(max_claims=10), notes)
    assert (
        len(kept) == 10
        and notes.text == "cut: 30 figures, over the 10-figure budget: the first 10 kept"
    )


def test_evidence_is_cut_to_a_window_that_still_holds_the_value() -> None:
    evidence = "a" * 5000 + "42 MB" + "b" * 5000
    claims = [{"evidence": evidence, "value_start": 5000, "raw_value": "42 MB"}]
    notes = BudgetNotes()
    (claim,) = cap_claims(claims, PageBudget(max_evidence_chars=100), notes)
    assert len(claim["evidence"]) == 100
    start = claim["value_start"]
    assert claim["evidence"][start : start + 5] == "42 MB"
    assert notes.text == "cut: evidence of 1 claim(s) cut to 100 characters"


# --- decoding: nothing lost in silence ----------------------------------------------------------


def test_an_xhtml_page_with_an_xml_encoding_declaration_is_parsed() -> None:
    body = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">'
        + HEAD[6:]
        + TABLE.format(label="Größe")
        + "</body></html>"
    ).encode("iso-8859-1")
    decoded = decode_page(body, "application/xhtml+xml")
    assert not decoded.text.startswith("<?xml")
    page = parse_snapshot(snap(decoded.text))
    assert len(page.claims) == 2 and page.claims[0]["label"] == "Größe"


def test_an_xml_declaration_left_in_the_text_is_still_parsed() -> None:
    text = '<?xml version="1.0" encoding="utf-8"?>' + HEAD + TABLE.format(label="Size")
    assert len(parse_snapshot(snap(text)).claims) == 2


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded(codec: str) -> None:
    body = (HEAD + TABLE.format(label="Size — total") + "</body></html>").encode(codec)
    decoded = decode_page(body, None)
    assert decoded.encoding == codec and "Size — total" in decoded.text
    assert decoded.note == "encoding: UTF-16 without a byte-order mark"
    assert len(parse_snapshot(snap(decoded.text)).claims) == 2


def test_a_wrong_declared_charset_is_overruled_and_noted() -> None:
    body = "<p>Alpha — 5 MB — Beta</p>".encode()
    decoded = decode_page(body, "text/html; charset=koi8-r")
    assert decoded.text == "<p>Alpha — 5 MB — Beta</p>" and decoded.encoding == "utf-8"
    assert decoded.note == (
        "encoding: declared charset koi8-r but the bytes are UTF-8; decoded as UTF-8"
    )


def test_a_declared_charset_that_reads_as_mojibake_is_noted() -> None:
    text = "Размер пакета: 5 МБ, скорость: 7 000 запросов в секунду. " * 4
    body = text.encode("koi8-r")
    decoded = decode_page(body, "text/html; charset=iso-8859-5")  # wrong Cyrillic table
    assert decoded.note.startswith("encoding: declared charset iso8859-5 reads as mojibake")


def test_stray_invalid_bytes_in_utf8_are_replaced_not_read_as_cp1252() -> None:
    body = "Alpha — Beta: 20".encode() + b"\xc3" + ",000 stars — naïve".encode()
    decoded = decode_page(body, None)
    assert decoded.encoding == "utf-8" and "20\ufffd,000" in decoded.text
    assert "Alpha — Beta" in decoded.text  # not "Alpha â€” Beta"
    assert decoded.note == "encoding: 1 invalid UTF-8 byte(s) replaced with U+FFFD"


@pytest.mark.parametrize("mark", [b"\xff\xfe", b"\xfe\xff"])
@pytest.mark.parametrize("text", ["Alpha vs Beta: 20{}000 stars", "Alpha — Beta: 20{}000 stars"])
def test_stray_byte_order_marks_do_not_flip_the_decode(mark: bytes, text: str) -> None:
    # ASCII or UTF-8 with a UTF-16 BOM left inside (or at the start): neither windows-1252
    # ('20ÿþ,000') nor UTF-16; the marks are removed and the note says so
    head, tail = text.split("{}")
    for body in (head.encode() + mark + b"," + tail.encode(), mark + (head + "," + tail).encode()):
        decoded = decode_page(body * 3, None)
        assert decoded.encoding == "utf-8"
        assert decoded.text == (head + "," + tail) * 3
        assert decoded.note == (
            "encoding: 3 UTF-16 byte-order mark(s) (FF FE / FE FF) in a UTF-8 page removed"
        )


def test_a_utf16_page_with_its_bom_is_still_utf16() -> None:
    body = ("<p>Alpha — 20,000 stars</p>").encode("utf-16")
    decoded = decode_page(body, None)
    assert decoded.encoding == "utf-16" and decoded.text == "<p>Alpha — 20,000 stars</p>"
    assert decoded.note == ""


def test_latin1_bytes_in_an_ascii_page_are_still_windows_1252() -> None:
    decoded = decode_page("Caf\u00e9 Alpha: 20,000 stars".encode("latin-1"), None)
    assert decoded.encoding == "windows-1252" and decoded.text == "Café Alpha: 20,000 stars"


@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "é",
                "🏆",
                "\x00",
                "\x07",
                "\t",
                "\n",
                "\x0b",
                "\x1b",
                "\x1f",
                " ",
                "\ufffd",
                "\ud800",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_binary_characters_are_counted_as_the_character_class_counts_them(text: str) -> None:
    """The byte count of control characters (and U+FFFD) equals the regex's count, tab, line
    and page breaks excluded, whatever else the text holds (emoji, accents, a lone surrogate)."""
    assert _binary_count(text) == len(_BINARY.findall(text))


@given(
    st.lists(
        st.sampled_from(["a", "bb", "\n", "\r", " ", "é", "🏆", "\n\n", "xyz"]), max_size=30
    ).map("".join),
    st.integers(min_value=1, max_value=6),
)
def test_long_lines_are_cut_as_the_line_regex_cuts_them(text: str, limit: int) -> None:
    """Line by line, the cut equals the regex `[^\\n]{limit+1,}` replaced by its first
    `limit` characters, and the note counts the lines it cut."""
    budget = replace(DEFAULT_BUDGET, max_line_chars=limit)
    notes = BudgetNotes()
    expected, count = re.subn(f"[^\\n]{{{limit + 1},}}", lambda m: m.group()[:limit], text)
    assert cut_long_lines(text, budget, notes) == expected
    assert notes.cut == (
        [f"{count} line(s) longer than {limit:,} characters cut to that length"] if count else []
    )


# The page's UTF-8 bytes are parsed instead of the str: the same tree, whatever its text or a
# declared charset says (a <meta charset> must not turn "é" into "Ã©").
@pytest.mark.parametrize(
    "page",
    [
        HEAD + "<p>Café — 中文 😀 naïve</p></body></html>",
        '<html><head><meta charset="iso-8859-1"></head><body><p>café — ü</p></body></html>',
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "</head><body><p>5–10 ms “quoted”</p></body></html>",
        "\ufeff<p>after a byte order mark: é</p>",
        "<p>a\x00b\x01c</p>",
    ],
)
def test_html_parsed_from_its_utf8_bytes_is_the_tree_of_its_text(page: str) -> None:
    from_text = etree.tostring(parse_html(page), encoding="unicode")
    from_bytes = etree.tostring(parse_html(page, page.encode("utf-8")), encoding="unicode")
    assert from_bytes == from_text


def test_a_page_with_lone_surrogates_is_still_parsed_from_its_text() -> None:
    page = HEAD + "<p>Size \ud800 5 MB</p></body></html>"
    notes = BudgetNotes()
    root = prepare_html(page, DEFAULT_BUDGET, notes)
    assert root is not None
    assert "Size" in etree.tostring(root, method="text", encoding="unicode")


def test_the_page_bytes_shared_by_the_budgets_and_the_mojibake_test_are_each_texts_own() -> None:
    from crosscheck.ingest.budgets import page_utf8

    first = HEAD + "<p>Größe 5 MB</p></body></html>"
    other = "".join(reversed(first))  # another str object, encoded after the first
    lone = HEAD + "<p>Size \ud800 5 MB</p></body></html>"
    for text in (first, other, first, lone, first):
        assert page_utf8(text) == text.encode("utf-8", "surrogatepass")
    prepare_html(lone, DEFAULT_BUDGET, BudgetNotes())  # the str path (no strict UTF-8)
    assert page_utf8(lone) == lone.encode("utf-8", "surrogatepass")
    assert page_utf8(first) == first.encode("utf-8")


@given(
    st.lists(st.sampled_from(["<a", "<", ">", "x", " y=1", "é", "\n", "<b "]), max_size=40).map(
        "".join
    ),
    st.integers(min_value=0, max_value=9),
)
def test_the_long_tag_pre_check_never_skips_a_tag_the_regex_finds(text: str, limit: int) -> None:
    """Blocks of half the limit, each holding a "<" or a ">", leave no room for a start tag
    longer than the limit: the regex is skipped only when it would find none."""
    if re.search(f"<[A-Za-z][^<>]{{{limit}}}", text):
        assert _may_hold_long_tag(text, limit)


_SOUP = [
    "<p>",
    "</p>",
    "<div class=a>",
    "</div>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<noscript>",
    "</noscript>",
    "<template>",
    "</template>",
    "<!-- c -->",
    "<b",
    " x",
    " y='1'",
    " z",
    "/w",
    '"q"',
    "=",
    "/",
    ">",
    "text ",
    "é😀",
    "&amp;",
    "\n",
]


@given(st.lists(st.sampled_from(_SOUP), max_size=30).map("".join), st.integers(0, 12))
def test_the_long_text_pre_check_never_skips_a_text_run_the_xpath_finds(
    body: str, limit: int
) -> None:
    """All the page's text less that of scripts, styles, noscript and template is an upper
    bound of any text node the long-text XPath may select (comments removed join text)."""
    root = parse_html(f"<html><head><title>t</title></head><body>{body}</body></html>")
    if root is not None and _long_text_path(limit)(root):
        assert _may_hold_long_text(root, limit)


@given(st.lists(st.sampled_from(_SOUP), max_size=30).map("".join))
def test_a_page_holds_at_most_one_attribute_per_two_bytes(body: str) -> None:
    """The bound that lets a page of up to twice the attribute budget in bytes skip the count."""
    page = f"<html><body>{body}</body></html>"
    root = parse_html(page, page_utf8(page))
    attributes = 0 if root is None else int(_COUNT_ATTRIBUTES(root))
    assert 2 * attributes <= len(page_utf8(page))
