"""HTML → blocks with lxml: tables (hidden and <details> rows included), div attribute rows,
list items, headings, paragraphs and leaf blocks such as card parts.

lxml.html is the hot path: ~1-2 ms per 150 KB page against ~32 ms for BeautifulSoup(lxml)
on this machine (LIBRARY-FACTS.md), which is what makes ≥100 pages/s per core possible.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.cardlines import card_pairs
from crosscheck.ingest.codeblocks import code_caption, read_code_block
from lxml import etree

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "button"})
# Page chrome: navigation, sidebars and footers hold counts ("12 comments", "2024 archive"),
# never the comparison's figures.
_CHROME = frozenset({"nav", "aside", "footer"})
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dialog",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
        "summary",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
    ]
)
_BLOCK_TAG_LIST = tuple(sorted(_BLOCK_TAGS))  # lxml's HTML parser gives lower-case tags
_LIST_TAGS = ("ul", "ol", "table")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Plain lxml elements: lxml.html's element classes cost a class lookup per node.
_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, collect_ids=False
)
_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # NBSP is text as written, not layout
_SHOW_MORE = re.compile(r"^\s*(?:show|hide)\s+\d+\s+(?:more|fewer)\s+attributes?\s*$", re.I)


def _text(element: etree._Element) -> str:
    # libxml2's own text serialisation: the joined itertext() without a Python str per node
    # (4x faster on a page's cells and blocks)
    text = etree.tostring(element, method="text", encoding=str, with_tail=False)
    if text.isprintable() and "  " not in text:
        # no run for _SPACE to fold (a printable text has no tab or line break; NBSP is not
        # printable, so text with one takes the regex): the regex would return it as it is
        return text.strip()
    return _SPACE.sub(" ", text).strip()


def _tag(element: etree._Element) -> str:
    tag = element.tag  # a property: read once
    return tag.lower() if type(tag) is str else ""  # a comment's tag is a function


class _Walker:
    """Walks the DOM once in document order, emitting blocks."""

    def __init__(self, root: etree._Element) -> None:
        self.blocks: list[Block] = []
        self.tables = 0
        self.has_blocks, self.has_lists = _containers(root)

    def walk(self, element: etree._Element) -> None:
        tag = _tag(element)
        if not tag or tag in _SKIP or tag in _CHROME:
            return
        if tag == "table":
            self._table(element)
            return
        if tag == "li":
            self._list_item(element)
            return
        if tag == "pre":
            self._code(element)
            return
        if tag in _HEADINGS and element not in self.has_blocks:
            self._line(_text(element), heading=True, level=int(tag[1]))
            return
        if tag == "summary":
            text = _text(element)
            if not _SHOW_MORE.match(text):
                self._line(text, heading=True)
            return
        # its elements (comments, processing instructions and entities skipped by lxml's C filter)
        children = list(element.iterchildren(etree.Element))
        groups = _attribute_row_groups(children, self.has_blocks)
        if groups:
            self._attribute_rows(element, groups)
            return
        has_block_child = element in self.has_blocks
        if not has_block_child and tag != "body":
            self._line(_text(element))
            return
        if element.text and element.text.strip():
            self._line(_SPACE.sub(" ", element.text).strip())
        for child in children:
            self.walk(child)
            if child.tail and child.tail.strip():
                self._line(_SPACE.sub(" ", child.tail).strip())

    def _code(self, pre: etree._Element) -> None:
        """A <pre> is tool output (a recovered table) or code, whose numbers are no figures."""
        caption = code_caption(self.blocks[-2:])
        lines = "".join(pre.itertext()).splitlines()
        found = read_code_block(lines, caption, self.tables + 1)
        self.tables += len(found)
        self.blocks.extend(found)

    def _line(self, text: str, heading: bool = False, level: int = 0) -> None:
        if text:
            block = Block(BlockKind.LINE, text=text, is_heading=heading, heading_level=level)
            self.blocks.append(block)

    def _list_item(self, element: etree._Element) -> None:
        nested = element in self.has_lists
        if nested:
            own = _SPACE.sub(" ", element.text or "").strip()
            if own:
                self.blocks.append(Block(BlockKind.LIST_ITEM, text=own))
            for child in element:
                self.walk(child)
            return
        self.blocks.append(Block(BlockKind.LIST_ITEM, text=_text(element)))

    def _table(self, table: etree._Element) -> None:
        self.tables += 1
        caption = table.find("caption")
        if caption is not None:  # the table's own title: its lead-in line
            self._line(_text(caption))
        block = Block(BlockKind.TABLE, table_index=self.tables)
        nested_tables: list[etree._Element] = []
        containers: list[etree._Element] = []
        spans = _Spans()
        # without a table inside it, every row below a table is its own (no ancestor walk)
        nested = next(table.iterdescendants("table"), None) is not None
        for row in table.iter("tr"):
            if nested and _closest_table(row) is not table:
                continue
            # lxml's HTML parser gives lower-case tags: its C tag filter picks the cells
            cells = list(row.iterchildren("td", "th"))
            if len(cells) == 1 and _is_container(cells[0]):
                containers.append(cells[0])  # a <details> or nested rows spanning the table
                continue
            if nested:
                for cell in cells:
                    nested_tables.extend(cell.iterdescendants("table"))
            texts = spans.expand(cells)
            in_head = _tag(row.getparent()) == "thead"
            all_th = bool(cells) and all(c.tag == "th" for c in cells)
            if block.header is None and not block.rows and (in_head or all_th):
                block.header = texts
            elif (
                block.header is not None
                and block.header_groups is None
                and not block.rows
                and (in_head or all_th)
                and spans.grouped
            ):
                # a second header row under grouped (colspan) headers: groups + sub-headers
                block.header_groups, block.header = block.header, texts
            elif any(texts):
                block.rows.append(texts)
        self.blocks.append(block)
        for nested in nested_tables:
            self._table(nested)
        for cell in containers:  # after the table, so nested rows inherit its columns
            for child in cell:
                self.walk(child)

    def _attribute_rows(self, parent: etree._Element, groups: set[int]) -> None:
        """Repeated sibling blocks with a name and one value per entity become a table."""
        self.tables += 1
        block = Block(BlockKind.TABLE, table_index=self.tables, attribute_rows=True)
        for index, child in enumerate(c for c in parent if _tag(c)):
            if index not in groups:
                self.walk(child)
                continue
            cells = [_text(c) for c in child if _tag(c)]
            css = (child.get("class") or "").lower()
            if block.header is None and not block.rows and ("head" in css or "header" in css):
                block.header = cells
            else:
                block.rows.append(cells)
        if block.header is None and _card_grid(block.rows):  # name / label / figure cards
            self.tables -= 1
            for name, label, value in block.rows:
                self._line(name, heading=True)
                self._line(label)
                self._line(value)
            return
        pairs = card_pairs(block.rows) if block.header is None else None
        if pairs is not None:  # stat cards ('54.2k' / 'Stars'): lines for ingest.cards
            self.tables -= 1
            for label, value in pairs:
                self._line(label)
                self._line(value)
            return
        self.blocks.append(block)


def _span(cell: etree._Element, name: str) -> int:
    value = cell.get(name)
    if value is None:  # most cells: no span attribute
        return 1
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1


class _Spans:
    """colspan repeats a cell across the columns it covers; rowspan carries it into the
    rows below (a name spanning three rows is the name of each of them)."""

    def __init__(self) -> None:
        self.pending: dict[int, tuple[str, int]] = {}
        self.grouped = False  # a header cell spans columns: a sub-header row may follow

    def _carry(self, out: list[str]) -> None:
        while len(out) in self.pending:
            text, left = self.pending.pop(len(out))
            if left > 1:
                self.pending[len(out)] = (text, left - 1)
            out.append(text)

    def expand(self, cells: list[etree._Element]) -> list[str]:
        out: list[str] = []
        for cell in cells:
            self._carry(out)
            text, rows = _text(cell), _span(cell, "rowspan")
            columns = _span(cell, "colspan")
            self.grouped = self.grouped or columns > 1
            for _ in range(columns):
                if rows > 1:
                    self.pending[len(out)] = (text, rows - 1)
                out.append(text)
        self._carry(out)
        return out


def _is_container(cell: etree._Element) -> bool:
    """A cell holding structure (a table, <details>, a list, several blocks), not a value."""
    if any(_tag(d) in ("table", "details", "ul", "ol") for d in cell.iterdescendants()):
        return True
    return sum(1 for c in cell if _tag(c) in ("div", "p", "section")) >= 2


def _containers(root: etree._Element) -> tuple[set[etree._Element], set[etree._Element]]:
    """Elements with a block-level descendant, and those with a list or table descendant: from
    each such descendant (found by lxml's C tag filter) up its ancestors until one is already
    known, so every element is visited once (asking each element about its subtree is quadratic)."""
    has_blocks: set[etree._Element] = set()
    has_lists: set[etree._Element] = set()
    for tags, found in ((_BLOCK_TAG_LIST, has_blocks), (_LIST_TAGS, has_lists)):
        for element in root.iter(*tags):
            parent = element.getparent()
            while parent is not None and parent not in found:
                found.add(parent)  # its ancestors follow, or are already in `found`
                parent = parent.getparent()
    return has_blocks, has_lists


def _closest_table(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and _tag(parent) != "table":
        parent = parent.getparent()
    return parent


def _card_grid(rows: list[list[str]]) -> bool:
    """A grid of stat cards, one block per product: its name, one shared label, a figure
    ("Jooby | Tail wait | 3.1 ms", "Kemal | Tail wait | 29 ms"), not attribute rows."""
    if len(rows) < 2 or any(len(r) != 3 for r in rows):
        return False
    labels = {r[1] for r in rows}
    return (
        len(labels) == 1
        and not any(ch.isdigit() for ch in rows[0][1])
        and len({r[0] for r in rows}) == len(rows)
        and all(any(ch.isdigit() for ch in r[2]) for r in rows)
    )


def _attribute_row_groups(
    children: list[etree._Element], has_blocks: set[etree._Element]
) -> set[int]:
    """Indexes of ≥2 siblings sharing tag+class, each with 2-6 leaf children (name, values).
    ``has_blocks``: the elements with a block-level descendant (`_containers`). Siblings are
    grouped by tag+class first: a child alone in its group is never read (most elements)."""
    if len(children) < 2:  # most elements: no two siblings to group
        return set()
    candidates: dict[tuple[str, str], list[int]] = {}
    for index, child in enumerate(children):
        css = child.get("class")
        if css is not None:
            candidates.setdefault((_tag(child), css), []).append(index)
    found: set[int] = set()
    for indexes in candidates.values():
        if len(indexes) < 2:
            continue
        rows = [i for i in indexes if _is_attribute_row(children[i], has_blocks)]
        if len(rows) >= 2:
            found.update(rows)
    return found


def _is_attribute_row(child: etree._Element, has_blocks: set[etree._Element]) -> bool:
    """2-6 leaf children (name, values), no list or table among them, not a row of cards."""
    parts = [c for c in child if _tag(c)]
    if not 2 <= len(parts) <= 6:
        return False
    if any(p in has_blocks for p in parts):
        return False
    if any(_tag(p) in ("ul", "ol", "table", "li") for p in parts):
        return False
    # a row of cards (each a value and a label) is not a row of cells
    return not all(sum(1 for c in p if _tag(c)) >= 2 for p in parts)


def html_to_blocks(text: str, root: etree._Element | None = None) -> tuple[str, list[Block]]:
    """(title, blocks) of an HTML page; malformed markup is recovered by lxml, never raised.
    ``root``: the tree already parsed and held to the page budgets (ingest.budgets)."""
    if not text or text.isspace():  # as `not text.strip()`, without a copy of the page
        return "", []
    try:
        root = root if root is not None else etree.fromstring(text, _PARSER)
        if root is None:
            return "", []
    except (etree.LxmlError, ValueError):
        return "", []
    # the first <title> / <h1> below the root in document order, as find(".//title") gives it,
    # found by lxml's C tag filter (ElementPath's search costs ~0.07 ms a page)
    title_el = next(root.iterdescendants("title"), None)
    title = _text(title_el) if title_el is not None else ""
    if not title:
        h1 = next(root.iterdescendants("h1"), None)
        title = _text(h1) if h1 is not None else ""
    walker = _Walker(root)
    body = root.find("body")
    walker.walk(body if body is not None else root)
    return title, walker.blocks
