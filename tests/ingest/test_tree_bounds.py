"""The bounds that let the page budgets skip a pass over the tree: each must hold on any markup
libxml2 may be given (tag soups of stray end tags, implied elements, text outside the root),
so that a skipped count could never have been over its budget."""

from __future__ import annotations

from dataclasses import replace

from crosscheck.ingest.budgets import (
    _BINARY,
    _COUNT_CELLS,
    _COUNT_ELEMENTS,
    _VECTOR_BYTES,
    DEFAULT_BUDGET,
    BudgetNotes,
    PageQuarantined,
    _binary_count,
    _byte_count,
    _cell_count,
    _depth_over,
    _most_elements,
    check_markup,
    page_utf8,
    parse_html,
    prepare_html,
)
from hypothesis import given
from hypothesis import strategies as st

_SOUP = [
    "<html>",
    "</html>",
    "<head>",
    "</head>",
    "<body>",
    "</body>",
    "<title>t</title>",
    "<meta charset=utf-16>",
    "<script>x<y</script>",
    "<style>",
    "<p>",
    "</p>",
    "<table>",
    "<tr>",
    "<td>",
    "<th>",
    "</td>",
    "</tr>",
    "</table>",
    "<frameset>",
    "<noframes>",
    "<div>",
    "</div>",
    "<!-- c -->",
    "<!x>",
    "<?p?>",
    "</>",
    "<",
    "</",
    "< ",
    "<3",
    "=",
    "text",
    " ",
    "\n",
    "é😀",
    "&lt;",
]
_SOUPS = st.lists(st.sampled_from(_SOUP), max_size=40).map("".join)


def _tree(page: str) -> object:
    encoded = page_utf8(page)
    return parse_html(page, encoded) if page.strip() else None


@given(_SOUPS)
def test_libxml2_makes_no_more_elements_than_the_bound_of_its_less_than_signs(page: str) -> None:
    """The bound `prepare_html` skips `count(//*)` by (stray `</html>`, text after it, tags
    implying `html`, `head` and `body`, frames, bogus comments)."""
    root = _tree(page)
    if root is not None:
        assert int(_COUNT_ELEMENTS(root)) <= _most_elements(page.count("<"))


@given(_SOUPS)
def test_the_cells_are_counted_as_the_xpath_counts_them(page: str) -> None:
    """Also where a stray `</html>` makes libxml2 start a second `html` beside the root."""
    root = _tree(page)
    if root is not None:
        assert _cell_count(root) == int(_COUNT_CELLS(root))


@given(_SOUPS, st.sampled_from([1, 1 + _VECTOR_BYTES // 8]))
def test_the_markup_counts_are_the_bytes_counts(soup: str, copies: int) -> None:
    """Small pages counted by `bytes.count`, large ones by numpy's compares: the same counts."""
    page = (soup + "<p>a=1</p>") * copies
    encoded = page_utf8(page)
    assert _byte_count(encoded, 0x3C) == encoded.count(b"<") == page.count("<")
    assert _byte_count(encoded, 0x3D) == encoded.count(b"=")
    assert check_markup(page, DEFAULT_BUDGET, encoded) == page.count("<")
    assert check_markup(page, DEFAULT_BUDGET) == page.count("<")


@given(
    st.lists(st.sampled_from(["a", "\t", "\n", "\x0b", "\x0c", "\r", "\x00", "\x08", "\x0e"]))
    .map("".join)
    .filter(bool),
    st.sampled_from(["\x1f", "é", "\ufffd", "😀"]),
)
def test_a_large_pages_binary_characters_are_counted_as_the_class_counts_them(
    piece: str, mark: str
) -> None:
    text = (piece + mark) * (1 + _VECTOR_BYTES // len(piece + mark))
    assert len(page_utf8(text)) >= _VECTOR_BYTES
    assert _binary_count(text, page_utf8(text)) == len(_BINARY.findall(text))


@given(_SOUPS)
def test_the_skipped_checks_keep_the_budgets_verdicts(page: str) -> None:
    """With budgets small enough for soups to cross them, a page is refused exactly when the
    element count or the depth check (always run) would refuse it."""
    budget = replace(DEFAULT_BUDGET, max_elements=12, max_depth=4)
    root = _tree(page)
    expected = page.count("<") > 4 * budget.max_elements or (
        root is not None
        and (int(_COUNT_ELEMENTS(root)) > budget.max_elements or _depth_over(root, 4))
    )
    try:
        prepare_html(page, budget, BudgetNotes())
    except PageQuarantined:
        assert expected
    else:
        assert not expected
