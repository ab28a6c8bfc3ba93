"""The bounds that let the page budgets skip a pass over the tree: each must hold on any markup
libxml2 may be given (tag soups of stray end tags, implied elements, text outside the root),
so that a skipped count could never have been over its budget."""

from __future__ import annotations

from dataclasses import replace

from crosscheck.ingest.budgets import (
    _COUNT_ELEMENTS,
    DEFAULT_BUDGET,
    BudgetNotes,
    PageQuarantined,
    _depth_over,
    _most_elements,
    check_markup,
    page_utf8,
    prepare_html,
)
from crosscheck.ingest.html_tree import parse_html
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
def test_the_markup_check_returns_the_pages_less_than_signs(page: str) -> None:
    assert check_markup(page, DEFAULT_BUDGET, page_utf8(page)) == page.count("<")
    assert check_markup(page, DEFAULT_BUDGET) == page.count("<")


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
