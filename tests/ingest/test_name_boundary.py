"""The name finder's boundary before a name, its quote test asked first (ingest.entities):
the same positions as the four alternatives asked in turn, on texts made of the characters
each alternative looks at (docs/architecture.md, the parse rules on every text)."""

from __future__ import annotations

import re

from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.name_patterns import BOUNDARY_BEFORE
from hypothesis import example, given, settings
from hypothesis import strategies as st

# the former pattern: every alternative tried at every position
_FORMER = r"(?:(?<![\w.+#/'’-])|(?<=(?<!\w)[lLdD][’'])|(?<=ll[’'])|(?<=(?<![\w.])['‘]))"
_CHARS = st.sampled_from(list("aldLD’'‘ .#-/+x1\n"))


@settings(deadline=None, max_examples=300)
@given(st.lists(_CHARS, max_size=12).map("".join))
@example("dell’x l’x d'x 'x ‘x a’x .'x x")
def test_the_boundary_holds_where_it_held(text: str) -> None:
    for flags in (0, re.IGNORECASE):
        former = re.compile(_FORMER + "x", flags)
        now = re.compile(BOUNDARY_BEFORE + "x", flags)
        assert [m.span() for m in now.finditer(text)] == [m.span() for m in former.finditer(text)]


def test_names_after_an_elided_article_or_a_quote_are_found() -> None:
    finder = finder_for_page()
    text = "l’iPhone 15 beats 'Chrome' while xChrome and d'Redis do not"
    found = [m.text for m in finder.mentions(text)]
    assert "iPhone 15" in found and "Chrome" in found
