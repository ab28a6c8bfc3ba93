"""Per-page budgets: a page that would stall or swell a run is cut or quarantined, saying why.

Pages are untrusted input. A 9 MB single line, 200,000 attributes, a 5,000-column table or
nesting 300 levels deep cost minutes or gigabytes in the parsers and checks, or are dropped in
silence by libxml2's depth limit. The checks here run on the text or the lxml tree BEFORE the
parsers walk them, and on the claims after, and every cut or quarantine leaves a note for the
page row. Each limit is far above what a real comparison page needs (docs/security.md).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from crosscheck.ingest.html_tree import parse_html as parse_html
from crosscheck.ingest.page_bytes import page_utf8 as page_utf8
from crosscheck.ingest.page_bytes import strict_utf8
from crosscheck.ingest.parse_time import INTERRUPT_FACTOR as INTERRUPT_FACTOR
from crosscheck.ingest.parse_time import ParseTimeout as ParseTimeout
from crosscheck.ingest.parse_time import parse_time_limit as parse_time_limit
from lxml import etree


@dataclass(frozen=True)
class PageBudget:
    """The limits for one page (defaults documented in docs/security.md)."""

    max_chars: int = 10_000_000  # decoded text; bytes are capped earlier by fetch.max_bytes
    max_elements: int = 150_000
    max_depth: int = 400  # the walkers recurse per level; libxml2 alone stops at 256
    max_attributes: int = 100_000
    max_tag_chars: int = 50_000  # one start tag; libxml2 checks attributes pairwise (quadratic)
    max_table_cells: int = 60_000  # all tables of a page together
    max_table_columns: int = 200  # a comparison table wider than this is cut to this width
    max_line_chars: int = 20_000  # one text node or text line; longer ones are cut
    max_parse_seconds: float = 20.0
    max_claims: int = 20_000  # figures per page
    max_evidence_chars: int = 1_000  # the evidence text kept per claim, around its value


DEFAULT_BUDGET = PageBudget()


class PageQuarantined(Exception):
    """A page over a budget that cannot be cut: it yields no claims, and the note says why."""


@dataclass
class BudgetNotes:
    """What the budgets did to one page, as one line for the page row ("" when nothing)."""

    cut: list[str] = field(default_factory=list)
    quarantined: str = ""

    @property
    def text(self) -> str:
        parts = [f"quarantined: {self.quarantined}"] if self.quarantined else []
        parts += [f"cut: {c}" for c in self.cut]
        return "; ".join(parts)


# --- the text ---------------------------------------------------------------------------------


# Control characters and U+FFFD (bytes no charset could decode): the marks of binary data.
_BINARY = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")
_BINARY_SAMPLE = 256 * 1024
_BINARY_SHARE = 0.10


_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])


def _binary_count(text: str, encoded: bytes | None = None) -> int:
    """How many characters of `text` match _BINARY, counted at C speed: in UTF-8 a control
    character is one byte that no other character's bytes contain (half the time of a scan
    with the character class). `encoded`: `text` as UTF-8 already, when the caller has it."""
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    # U+FFFD is EF BF BD: without an EF byte (memchr) there is none to count in the str
    replaced = text.count("\ufffd") if b"\xef" in encoded else 0
    return len(encoded) - len(encoded.translate(None, _CONTROL_BYTES)) + replaced


def check_size(text: str, budget: PageBudget, encoded: bytes | None = None) -> None:
    """Quarantine a page whose decoded text is over the size budget, or is binary data (an
    image or archive served as a page: every later step would only repair noise).
    `encoded`: the whole text as UTF-8, when the caller has it (saves encoding it again)."""
    if len(text) > budget.max_chars:
        raise PageQuarantined(
            f"{len(text):,} characters of text, over the {budget.max_chars:,}-character budget"
        )
    whole = len(text) <= _BINARY_SAMPLE
    sample = text if whole else text[:_BINARY_SAMPLE] + text[-65536:]
    if len(sample) >= 64:
        share = _binary_count(sample, encoded if whole else None) / len(sample)
        if share > _BINARY_SHARE:
            raise PageQuarantined(
                f"binary content, not a page ({share:.0%} control or undecodable characters)"
            )


def cut_long_lines(text: str, budget: PageBudget, notes: BudgetNotes) -> str:
    """Lines longer than the budget cut to it (the rest of such a line is dropped, noted).

    Line by line (split on "\\n" only, as the regex `[^\\n]{limit+1,}` saw lines): that regex
    tried every position and ran to its line's end, ~5 ms on a 500 KB page of short lines."""
    limit = budget.max_line_chars
    if len(text) <= limit:
        return text
    lines = text.split("\n")
    if max(map(len, lines)) <= limit:
        return text
    count = 0
    for index, line in enumerate(lines):
        if len(line) > limit:
            lines[index] = line[:limit]
            count += 1
    notes.cut.append(f"{count} line(s) longer than {limit:,} characters cut to that length")
    return "\n".join(lines)


def cut_wide_rows(text: str, budget: PageBudget, notes: BudgetNotes) -> str:
    """Text/markdown table rows with more cells than the column budget keep the first ones."""
    limit = budget.max_table_columns
    if text.count("|") <= limit:
        return text
    lines = text.split("\n")
    cut = 0
    for i, line in enumerate(lines):
        if line.count("|") > limit + 1 and line.lstrip().startswith("|"):
            cells = line.split("|")
            lines[i] = "|".join(cells[: limit + 1]) + "|"
            cut += 1
    if not cut:
        return text
    notes.cut.append(f"{cut} table row(s) wider than {limit} columns cut to {limit}")
    return "\n".join(lines)


def prepare_text(text: str, budget: PageBudget, notes: BudgetNotes) -> str:
    """A text/markdown page within its budgets (PageQuarantined when it cannot be)."""
    check_size(text, budget, page_utf8(text) if len(text) <= _BINARY_SAMPLE else None)
    return cut_wide_rows(cut_long_lines(text, budget, notes), budget, notes)


# --- the HTML tree ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _depth_path(limit: int) -> Any:
    """``/*/*/…/*`` with limit + 1 steps: it selects exactly the elements with ``limit`` or more
    ancestors, one child step per level (counting every element's ancestors was 2x slower)."""
    return etree.XPath("boolean(/" + "/".join(["*"] * (limit + 1)) + ")")


def _depth_over(root: Any, limit: int) -> bool:
    """Whether any element sits deeper than ``limit`` levels (an XPath, run in C)."""
    return bool(_depth_path(limit)(root))


# The tree's counts, compiled once (an XPath given as a string is compiled at every call).
_COUNT_ELEMENTS = etree.XPath("count(//*)")
_COUNT_ATTRIBUTES = etree.XPath("count(//@*)")
_COUNT_CELLS = etree.XPath("count(//td|//th)")


@functools.lru_cache(maxsize=8)
def _long_text_path(limit: int) -> Any:
    """The text nodes longer than ``limit`` characters, but for scripts' and styles' (never
    read as text; minified ones are long). `string-length()` of the context node, without an
    argument to evaluate first: ~30 % less CPU than `string-length(.)`, the same nodes."""
    unread = "parent::script or parent::style or parent::noscript or parent::template"
    return etree.XPath(f"//text()[string-length() > {limit}][not({unread})]")


def _cut_tables(root: Any, budget: PageBudget, notes: BudgetNotes) -> None:
    """Rows wider than the column budget lose their extra cells; too many cells quarantine."""
    cells = int(_COUNT_CELLS(root))
    if cells > budget.max_table_cells:
        raise PageQuarantined(
            f"{cells:,} table cells, over the {budget.max_table_cells:,}-cell budget"
        )
    limit = budget.max_table_columns
    # no row can be wider than the column budget when the whole page has fewer cells
    wide = root.xpath(f"//tr[count(td|th) > {limit}]") if cells > limit else []
    for row in wide:
        for cell in row.xpath("td|th")[limit:]:
            row.remove(cell)
    if wide:
        notes.cut.append(f"{len(wide)} table row(s) wider than {limit} columns cut to {limit}")


_UNREAD_TEXT = ("script", "style", "noscript", "template")  # as _long_text_path's parents
_TEXT_LENGTH = etree.XPath("string-length(/)")  # all the page's text nodes, in characters


def _may_hold_long_text(root: Any, limit: int) -> bool:
    """False when no text node outside scripts and styles can be longer than `limit`: all the
    page's text, less those elements' own text nodes, is no longer. Two C passes without a
    string per node (the long-text XPath converts each text node: ~2x this on synthetic pages,
    whose text is mostly scripts and styles in the head)."""
    total = int(_TEXT_LENGTH(root))
    for element in root.iter(_UNREAD_TEXT):
        if total <= limit:
            return False
        total -= len(element.text or "")  # its text nodes: before its first child, after each
        total -= sum(len(child.tail or "") for child in element)
    return total > limit


def _cut_long_text(root: Any, budget: PageBudget, notes: BudgetNotes) -> None:
    limit = budget.max_line_chars
    if not _may_hold_long_text(root, limit):
        return
    # Scripts and styles are never read as text (minified ones are long): left alone, unnoted.
    nodes = _long_text_path(limit)(root)
    for node in nodes:
        parent = node.getparent()
        if parent is None:
            continue
        if node.is_text:
            parent.text = str(node)[:limit]
        elif node.is_tail:
            parent.tail = str(node)[:limit]
    if nodes:
        notes.cut.append(f"{len(nodes)} text run(s) longer than {limit:,} characters cut")


_ATTRIBUTE = re.compile(r"""[\s"'][^\s"'<>=/]+\s*=""")


def check_markup(text: str, budget: PageBudget, encoded: bytes | None = None) -> int:
    """Refuse, before libxml2 sees it, markup whose parse alone would take minutes: one start
    tag with thousands of attributes is quadratic to parse, and far more tags or attributes
    than the budgets cannot fit anyway. Counts run at C speed on the text (`encoded`: the
    text as UTF-8, whose "<" and "=" bytes are its "<" and "=" characters, counted faster).
    Returns the page's count of "<" (see `_most_elements`)."""
    tags = text.count("<") if encoded is None else encoded.count(b"<")
    if tags > 4 * budget.max_elements:
        raise PageQuarantined(f"{tags:,} tags, far over the {budget.max_elements:,}-element budget")
    equals = text.count("=") if encoded is None else encoded.count(b"=")
    if equals > budget.max_attributes:
        attributes = sum(1 for _ in _ATTRIBUTE.finditer(text))
        if attributes > budget.max_attributes:
            raise PageQuarantined(
                f"{attributes:,} attributes, over the {budget.max_attributes:,}-attribute budget"
            )
    if _may_hold_long_tag(text, budget.max_tag_chars) and re.search(
        f"<[A-Za-z][^<>]{{{budget.max_tag_chars}}}", text
    ):
        raise PageQuarantined(
            f"a start tag longer than {budget.max_tag_chars:,} characters (its attributes)"
        )
    return tags


def _most_elements(tags: int) -> int:
    """The most elements libxml2 (2.14) can make of a page holding `tags` "<" characters: one
    a start tag; `head` and `body` implied once each at the most (its insertion mode only
    grows); `html` implied at the start and again only when a tag's step has emptied the
    open elements, so once a "<" at the most. Every start and end tag opens with a "<"."""
    return 2 * tags + 3


def _may_hold_long_tag(text: str, limit: int) -> bool:
    """False when no start tag can be longer than `limit` characters: such a tag is a run of
    limit + 1 characters without "<" or ">", which holds a whole block of half that size
    (blocks laid end to end from the start). A page whose every block has a "<" or a ">"
    (found within a few characters) needs no regex scan, which cost ~0.35 ms a page."""
    block = max(1, (limit + 1) // 2)
    for start in range(0, len(text) - block + 1, block):
        end = start + block
        if text.find("<", start, end) < 0 and text.find(">", start, end) < 0:
            return True
    return False


def prepare_html(text: str, budget: PageBudget, notes: BudgetNotes) -> Any:
    """The page's lxml tree within its budgets, for the HTML parser to walk; None when empty.

    Raises PageQuarantined when a budget is exceeded and the page cannot be cut to fit.
    """
    encoded = strict_utf8(text)
    check_size(text, budget, page_utf8(text))
    if not text or text.isspace():  # as `not text.strip()`, without a copy of the page
        return None
    tags = check_markup(text, budget, page_utf8(text))
    root = parse_html(text, encoded)
    if root is None:
        return None
    # counted (one pass over the tree) only where the "<" count allows too many elements
    many = _most_elements(tags) > budget.max_elements
    elements = int(_COUNT_ELEMENTS(root)) if many else 0
    if elements > budget.max_elements:
        raise PageQuarantined(
            f"{elements:,} elements, over the {budget.max_elements:,}-element budget"
        )
    # every attribute takes two bytes of the page at the least (a name and a separator or
    # quotes): a page of up to twice the budget in bytes cannot hold too many
    over = len(page_utf8(text)) > 2 * budget.max_attributes
    attributes = int(_COUNT_ATTRIBUTES(root)) if over else 0
    if attributes > budget.max_attributes:
        raise PageQuarantined(
            f"{attributes:,} attributes, over the {budget.max_attributes:,}-attribute budget"
        )
    # an element `max_depth` levels deep has that many ancestors: a page with fewer has none
    deep = _most_elements(tags) > budget.max_depth and _depth_over(root, budget.max_depth)
    if deep:
        raise PageQuarantined(f"elements nested deeper than {budget.max_depth} levels")
    _cut_tables(root, budget, notes)
    _cut_long_text(root, budget, notes)
    return root


# --- the claims -------------------------------------------------------------------------------


def cap_claims(
    claims: list[dict[str, Any]], budget: PageBudget, notes: BudgetNotes
) -> list[dict[str, Any]]:
    """At most ``max_claims`` claims, each with its evidence cut to a window around the value."""
    if len(claims) > budget.max_claims:
        notes.cut.append(
            f"{len(claims):,} figures, over the {budget.max_claims:,}-figure budget: "
            f"the first {budget.max_claims:,} kept"
        )
        claims = claims[: budget.max_claims]
    limit = budget.max_evidence_chars
    shortened = 0
    for claim in claims:
        evidence = claim.get("evidence")
        if isinstance(evidence, str) and len(evidence) > limit:
            claim["evidence"], claim["value_start"] = _window(
                evidence,
                int(claim.get("value_start", -1)),
                len(str(claim.get("raw_value") or "")),
                limit,
            )
            shortened += 1
    if shortened:
        notes.cut.append(f"evidence of {shortened} claim(s) cut to {limit:,} characters")
    return claims


def _window(evidence: str, start: int, length: int, limit: int) -> tuple[str, int]:
    """``limit`` characters of evidence centred on the value, and the value's new offset."""
    if start < 0:
        return evidence[:limit], -1
    room = max(limit - length, 0)
    begin = max(0, min(start - room // 2, len(evidence) - limit))
    return evidence[begin : begin + limit], start - begin
