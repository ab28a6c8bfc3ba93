"""Kinds of a product a page compares as its subjects ("monocrystalline vs polycrystalline
panels", "TLC vs QLC SSDs", "LiFePO4 oder NMC"), when it compares no product.

Why: explainers and buying guides compare categories, not products; with no product named,
every figure was quarantined as unmapped, and two pages' "16-18 %" and "above 20 %" for
monocrystalline panels could never meet. A page is about kinds when one of its lines names two
kinds of one domain (ingest/data/kinds.toml); the kinds' names as the page writes them, with
a head noun beside them ("pannelli monocristallini", "QLC SSDs"), then own the figures of the
clauses that name them, as product names do. See docs/prose.md (Kinds as subjects).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crosscheck.ingest.lexicon import trie_pattern

from crosscheck.common import toml_cache

__all__ = ["KINDS_FILE", "kind_page", "kind_phrases"]

# normalize reads the same file to give each kind one canonical name (normalize.kinds)
KINDS_FILE = Path(__file__).resolve().parent / "data" / "kinds.toml"
_MIN_KINDS = 2  # a line naming two kinds of one domain: the page compares kinds


@dataclass(frozen=True)
class _Domain:
    """One domain's kinds: the pattern of a kind written with or without its head noun."""

    name: str
    pattern: re.Pattern[str]
    canonical: dict[str, str]  # alias (lower case) -> kind name
    need_head: bool


def _alternation(words: list[str]) -> str:
    ordered = sorted(
        {" ".join(w.lower().split()) for w in words if w.strip()}, key=len, reverse=True
    )
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@lru_cache(maxsize=1)
def _domains() -> tuple[_Domain, ...]:
    doc = toml_cache.loads(KINDS_FILE.read_text(encoding="utf-8"))
    out: list[_Domain] = []
    for name, raw in dict(doc.get("domain", {})).items():
        canonical: dict[str, str] = {}
        need_head = bool(raw.get("need_head", False))
        for kind in raw.get("kind", []):
            # a name holding its head ("linear switches") is read as alias and head
            for alias in [*([] if need_head else [kind["name"]]), *kind.get("aliases", [])]:
                canonical.setdefault(" ".join(str(alias).lower().split()), str(kind["name"]))
        if not canonical:
            continue
        heads = _alternation([str(h) for h in raw.get("heads", [])])
        joiners = _alternation([str(j) for j in raw.get("joiners", [])])
        pre = rf"(?:(?P<pre>{heads})\s+" + (rf"(?:(?:{joiners})\s+)?" if joiners else "") + ")?"
        post = rf"(?:\s+(?P<post>{heads})(?![\w]))?"
        kinds = _alternation(list(canonical))
        text = rf"(?<![\w-]){pre if heads else ''}(?P<kind>{kinds})(?![\w]){post if heads else ''}"
        pattern = re.compile(text, re.IGNORECASE)
        out.append(_Domain(name, pattern, canonical, need_head))
    return tuple(out)


@lru_cache(maxsize=1)
def _any_kind() -> re.Pattern[str]:
    """Every domain's kind names, bounded as the domains' patterns bound them: wherever a
    domain's pattern matches, this matches at its kind (a head before a kind ends in a space),
    so a page this finds nothing in names no kind (one scan instead of one per domain)."""
    aliases = {" ".join(a.split()) for domain in _domains() for a in domain.canonical}
    # speed28: one prefix-factored trie, not hundreds of alternatives tried in turn at every
    # place: the same aliases on the same bounds, so it finds a kind wherever the list did
    kinds = trie_pattern(sorted(aliases)).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<![\w-])(?:{kinds})(?![\w])", re.IGNORECASE)


def _mentions(domain: _Domain, text: str) -> list[tuple[str, str]]:
    """(written phrase, kind) for each kind `text` names in `domain`."""
    found: list[tuple[str, str]] = []
    for match in domain.pattern.finditer(text):
        if domain.need_head and not (match.group("pre") or match.group("post")):
            continue
        kind = domain.canonical.get(" ".join(match.group("kind").lower().split()))
        if kind is not None:
            found.append((" ".join(match.group(0).split()), kind))
    return found


def kind_phrases(texts: list[str]) -> list[str]:
    """The kinds' names as the page writes them (each spelling once, in page order), when a
    line of the page names two kinds of one domain; [] when the page compares no kinds."""
    any_kind = _any_kind().search  # speed28: the gate per line (a line it finds no kind in
    texts = [text for text in texts if any_kind(text)]  # names none: no domain is scanned there)
    if not texts:
        return []
    out: list[str] = []
    for domain in _domains():
        by_line = [_mentions(domain, text) for text in texts]
        if not any(len({kind for _, kind in line}) >= _MIN_KINDS for line in by_line):
            continue
        out += [written for line in by_line for written, _ in line]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1024)
def _is_kind_phrase(name: str) -> bool:
    for domain in _domains():
        match = domain.pattern.fullmatch(" ".join(name.split()))
        if match and not (domain.need_head and not (match.group("pre") or match.group("post"))):
            return True
    return False


@lru_cache(maxsize=256)
def kind_page(compared: tuple[str, ...]) -> bool:
    """Whether the names a page compares are all kinds (kind_phrases gave them): its prose
    then keeps a kind only within the paragraph or under the heading that names it."""
    return bool(compared) and all(_is_kind_phrase(name) for name in compared)
