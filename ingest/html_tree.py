"""An HTML page parsed into its lxml tree, with the parser settings every walker relies on.

Why: the budgets (ingest.budgets) judge a page's tree before the walkers read it; how the tree
is made (libxml2's options, UTF-8 bytes rather than a str, the head's script and style bodies
left out, an XML declaration's encoding) is a question of its own.
"""

from __future__ import annotations

import re
from typing import Any

from crosscheck.ingest.head_cut import cut_head_bodies
from lxml import etree

# huge_tree lifts libxml2's 256-level depth limit (which drops the rest of a document in
# silence): depth is judged in ingest.budgets instead, with a reason when it is over budget.
# collect_ids=False: no hash table of the page's id attributes (only XPath's id() and
# getElementById read it, never the walkers): ~5 % less of libxml2's parse and free.
_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, huge_tree=True, collect_ids=False
)
# The same parser told the bytes are UTF-8 (a <meta charset> cannot override it): libxml2
# reads UTF-8 natively, while a str reaches it as UCS-2/UCS-4 to convert (~15% slower).
_UTF8_PARSER = etree.HTMLParser(
    remove_comments=True,
    remove_pis=True,
    no_network=True,
    huge_tree=True,
    collect_ids=False,
    encoding="utf-8",
)
_XML_DECL = re.compile(r"^\ufeff?\s*<\?xml\b[^>]*\?>", re.I)


def parse_html(text: str, encoded: bytes | None = None) -> Any:
    """The lxml tree of an HTML page (None when there is nothing to parse). `encoded`: the
    text as UTF-8, parsed instead of the str (the same tree) unless an XML declaration
    opens the page (its stated encoding is handled by the str path below); its head's script
    and style bodies are left out (ingest.head_cut: never read, their element kept)."""
    if encoded is not None and not _XML_DECL.match(text):
        cut = cut_head_bodies(encoded)
        if cut is not encoded:
            try:
                root = etree.fromstring(cut, _UTF8_PARSER)
            except etree.LxmlError:
                root = None
            # without a body the walker reads the root's whole text, the head's included:
            # such a page (or any doubt) is parsed whole
            if root is not None and root.find("body") is not None:
                return root
        try:
            return etree.fromstring(encoded, _UTF8_PARSER)
        except etree.LxmlError:
            return None
    try:
        return etree.fromstring(text, _PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        return etree.fromstring(_XML_DECL.sub("", text, count=1), _PARSER)
    except etree.LxmlError:
        return None
