"""One canonical name per kind of product, whatever the page's language or head noun.

Why: a kind compared across pages ("pannelli monocristallini", "Monocrystalline panels",
"los monocristalinos") must be one entity, or the checks can never set one page's "16-18 %"
against another's "above 20 %". Names and head nouns live in ingest/data/kinds.toml (shared with
ingest.page_kinds, which finds the kinds a page compares).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crosscheck.common import toml_cache

__all__ = ["resolve_kind"]

# ingest finds the kinds a page compares from the same file (ingest.page_kinds); read as data,
# beside this package whether installed (crosscheck/ingest) or editable (the checkout's ingest/)
KINDS_FILE = Path(__file__).resolve().parents[1] / "ingest" / "data" / "kinds.toml"


@dataclass(frozen=True)
class _Domain:
    heads: tuple[str, ...]  # longest first
    joiners: frozenset[str]
    kinds: dict[str, str]  # alias (lower case) -> kind name
    need_head: bool  # kind words that are ordinary words ("linear") name a kind only with a head


@lru_cache(maxsize=1)
def _domains() -> tuple[_Domain, ...]:
    doc = toml_cache.loads(KINDS_FILE.read_text(encoding="utf-8"))
    out: list[_Domain] = []
    for raw in dict(doc.get("domain", {})).values():
        kinds: dict[str, str] = {}
        for kind in raw.get("kind", []):
            for alias in [kind["name"], *kind.get("aliases", [])]:
                kinds.setdefault(" ".join(str(alias).lower().split()), str(kind["name"]))
        heads = sorted({" ".join(str(h).lower().split()) for h in raw.get("heads", [])}, key=len)
        joiners = frozenset(str(j).lower() for j in raw.get("joiners", []))
        need_head = bool(raw.get("need_head", False))
        out.append(_Domain(tuple(reversed(heads)), joiners, kinds, need_head))
    return tuple(out)


def _strip(text: str, domain: _Domain) -> str:
    """`text` less one head noun before it (and a joiner after that head) and one after it."""
    for head in domain.heads:
        if text.startswith(head + " "):
            text = text[len(head) + 1 :]
            first, _, rest = text.partition(" ")
            if rest and first in domain.joiners:
                text = rest
            break
    for head in domain.heads:
        if text.endswith(" " + head):
            return text[: -len(head) - 1]
    return text


def resolve_kind(raw: str) -> str | None:
    """The kind `raw` names, alone or with a head noun ("pannelli a thin film": "thin film",
    "QLC SSDs": "QLC"), else None."""
    text = " ".join(raw.lower().split()).strip(" .,:;")
    if not text or len(text) > 80:
        return None
    for domain in _domains():
        stripped = _strip(text, domain)
        if domain.need_head and stripped == text:
            continue
        kind = domain.kinds.get(stripped) or (None if domain.need_head else domain.kinds.get(text))
        if kind is not None:
            return kind
    return None
