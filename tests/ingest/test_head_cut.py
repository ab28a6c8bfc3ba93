"""The head's script and style bodies left out before libxml2 (ingest.head_cut): the tree of the
cut bytes must be the page's own tree but for those bodies, on any head the cut reads, and the
cut must stop, copying the rest as it is, wherever libxml2 might read the bytes another way."""

from __future__ import annotations

from typing import Any

from crosscheck.ingest.head_cut import cut_head_bodies
from crosscheck.ingest.html_parser import html_to_blocks
from crosscheck.ingest.html_tree import parse_html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

_PARSER = etree.HTMLParser(
    remove_comments=True,
    remove_pis=True,
    no_network=True,
    huge_tree=True,
    collect_ids=False,
    encoding="utf-8",
)


def _tree(data: bytes) -> Any:
    return etree.fromstring(data, _PARSER)


def _differences(whole: Any, cut: Any) -> list[Any]:
    """The elements of `whole` whose text the cut tree lacks; AssertionError on any other
    difference (a tag, an attribute, a tail, the elements' order)."""
    ours = list(whole.iter())
    theirs = list(cut.iter())
    assert [(e.tag, dict(e.attrib), e.tail) for e in ours] == [
        (e.tag, dict(e.attrib), e.tail) for e in theirs
    ]
    differ = []
    for mine, other in zip(ours, theirs, strict=True):
        if mine.text != other.text:
            assert not other.text
            differ.append(mine)
    return differ


def _in_head(element: Any) -> bool:
    return any(a.tag == "head" for a in element.iterancestors())


def test_the_heads_scripts_and_styles_lose_their_bodies_and_keep_their_tags() -> None:
    page = (
        b'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        b"<title>Alpha vs Beta | 3.2 ms</title>\n<link rel=canonical href='/a/b'/>\n"
        b"<style>\nbody{margin:0}\n</style>\n"
        b'<script type="application/ld+json">{"a": "</div>"}</script>\n'
        b"<SCRIPT>var s = '<p>'; if (a </b) {}</Script >\n</head>\n"
        b"<body><p>Alpha: 12 ms</p><script>kept()</script></body></html>\n"
    )
    cut = cut_head_bodies(page)
    assert b"margin" not in cut and b"ld+json" in cut and b"var s" not in cut
    assert cut.endswith(
        b"</head>\n<body><p>Alpha: 12 ms</p><script>kept()</script></body></html>\n"
    )
    whole, ours = _tree(page), _tree(cut)
    assert [e.tag for e in _differences(whole, ours)] == ["style", "script", "script"]
    assert html_to_blocks("x", whole)[0] == html_to_blocks("x", ours)[0] == "Alpha vs Beta | 3.2 ms"


def test_a_script_holding_a_comment_start_ends_the_cut() -> None:
    # "<!--" enters libxml2's escaped script states, where "</script>" may not end the script
    page = (
        b"<html><head><style>a{}</style><script>x='<!--<script>';</script>y</script>"
        b"<style>b{}</style></head><body><p>1</p></body></html>"
    )
    cut = cut_head_bodies(page)
    assert cut == page.replace(b"a{}", b"")
    assert [e.tag for e in _differences(_tree(page), _tree(cut))] == ["style"]


def test_unknown_tokens_end_the_cut_and_the_rest_is_copied() -> None:
    for stop in (
        b"<!-- c -->",
        b"<noscript>n</noscript>",
        b"<template>t</template>",
        b"text",
        b"<script src=a/>",
        b"<script/>",
        b"<meta content='a>b'>",
        b"</head>",
        b"<p>",
    ):
        page = b"<html><head><style>a{}</style>" + stop + b"<style>b{}</style><body><p>1</p>"
        cut = cut_head_bodies(page)
        assert cut == page.replace(b"a{}", b""), stop


def test_a_page_without_such_a_head_is_the_same_object() -> None:
    for page in (b"<p>1</p>", b"<html><head><title>t</title></head><body>x</body></html>", b""):
        assert cut_head_bodies(page) is page


def test_a_page_without_a_body_is_parsed_whole() -> None:
    # the walker reads the root's whole text when there is no body: the head's script too
    page = "<html><head><title>T</title><script>var a = 42;</script></head></html>"
    root = parse_html(page, page.encode())
    assert root is not None and root.find("body") is None
    assert root.find("head/script").text == "var a = 42;"
    with_body = page.replace("</html>", "<body><p>b</p></body></html>")
    root = parse_html(with_body, with_body.encode())
    assert root.find("head/script").text is None
    assert root.find("head/title").text == "T"


_HEAD_PIECES = [
    " ",
    "\n",
    "\t\r\n\f",
    "<!DOCTYPE html>",
    "<!doctype HTML>",
    "<html>",
    '<html lang="en">',
    "<HTML>",
    "<head>",
    "<HEAD class='h'>",
    "</head>",
    "<body>",
    "<meta charset=utf-8>",
    '<meta name="x" content="a b"/>',
    "<LINK rel=stylesheet href='s.css' />",
    "<base href=/>",
    "<title>T &amp; 1</title>",
    "<title>a</titlex></title>",
    "<TITLE>b</TITLE >",
    "<title>unclosed",
    "<style>p{}</style>",
    "<style>a</stylex>b</style/>",
    "<STYLE>x</style\t>",
    "<style>unclosed",
    "<script>a<b</script>",
    "<script>x='</scripty>'</script>",
    "<script>'<!--'</script>",
    "<script><!--<script>--></script>",
    "<script>a</SCRIPT\n>",
    "<script>a</script x>",
    "<script>a</script/>",
    "<script src=a.js></script>",
    "<script/>",
    "<script>unclosed",
    "<noscript>n</noscript>",
    "<template><p>t</p></template>",
    "<!-- c -->",
    "<p>para</p>",
    "text",
    "<svg><title>s</title></svg>",
    "</html>",
    "é",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HEAD_PIECES), max_size=14), st.booleans())
def test_the_cut_trees_are_the_pages_trees_but_for_head_script_and_style_text(
    pieces: list[str], body: bool
) -> None:
    page = "".join(pieces) + ("<body><p>x 1 ms</p></body>" if body else "")
    data = page.encode()
    cut = cut_head_bodies(data)
    if cut is data:  # nothing cut: the same bytes
        return
    whole, ours = _tree(data), _tree(cut)
    for element in _differences(whole, ours):
        assert element.tag in ("script", "style") and _in_head(element), page
    # what the pipeline reads of the page is the same as its own tree's
    if ours.find("body") is not None:
        assert html_to_blocks(page, whole)[0] == html_to_blocks(page, ours)[0]
        assert [b.text for b in html_to_blocks(page, whole)[1]] == [
            b.text for b in html_to_blocks(page, ours)[1]
        ]
