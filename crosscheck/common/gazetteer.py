"""Known technology names and their aliases, read from normalize/data/entities.toml.

Why: ingest must recognise "Postgres" or "Node" in prose to attribute figures, but stages never
import each other; this tomllib-only reader shares the entity DATA without sharing normalize code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crosscheck.common import toml_cache

ENTITIES_FILE = Path(__file__).resolve().parents[2] / "normalize" / "data" / "entities.toml"


@dataclass(frozen=True)
class KnownName:
    """One canonical entity: its spelling, its kind and every lower-case alias (name included)."""

    name: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Gazetteer:
    """Alias (lower case) → canonical name, plus the first word of each alias for fast scans."""

    names: dict[str, KnownName]
    by_alias: dict[str, str]
    by_first_word: dict[str, tuple[str, ...]]  # first word → aliases, longest first

    def canonical(self, text: str) -> str | None:
        """The canonical name of an alias as written ("postgres" → "PostgreSQL"), else None."""
        return self.by_alias.get(" ".join(text.split()).lower())


def _first_word(alias: str) -> str:
    return alias.split(" ", 1)[0]


ScriptWords = dict[str, dict[str, str]]  # script → word (lower case) → its spelling there


def script_variants(aliases: Iterable[str], scripts: ScriptWords) -> list[str]:
    """The aliases as pages in other scripts write them: in each script, every word with a
    spelling there replaced ("galaxy s24 ultra" → "갤럭시 s24 울트라"); the others as written."""
    out: list[str] = []
    for alias in aliases:
        words = alias.split(" ")
        for table in scripts.values():
            spelled = [table.get(word, word) for word in words]
            if spelled != words:
                out.append(" ".join(spelled))
    return out


def read_script_words(doc: dict[str, object]) -> ScriptWords:
    """The entities file's [script_words.<script>] tables (anything else in it is ignored)."""
    raw = doc.get("script_words", {})
    if not isinstance(raw, dict):
        return {}
    return {
        str(script): {str(k).lower(): str(v) for k, v in table.items()}
        for script, table in raw.items()
        if isinstance(table, dict)
    }


def build_gazetteer(
    entries: list[dict[str, object]], scripts: ScriptWords | None = None
) -> Gazetteer:
    """A gazetteer from [[entity]] tables (name, kind, aliases) and their spellings in other
    scripts (`scripts`); later duplicates are ignored."""
    names: dict[str, KnownName] = {}
    by_alias: dict[str, str] = {}
    for raw in entries:
        name = str(raw.get("name", "")).strip()
        if not name or name in names:
            continue
        aliases_raw = raw.get("aliases", [])
        extra = [str(a) for a in aliases_raw] if isinstance(aliases_raw, list) else []
        aliases = tuple(dict.fromkeys(" ".join(a.split()).lower() for a in [name, *extra] if a))
        aliases = tuple(dict.fromkeys([*aliases, *script_variants(aliases, scripts or {})]))
        names[name] = KnownName(name, str(raw.get("kind", "")), aliases)
        for alias in aliases:
            by_alias.setdefault(alias, name)
    first: dict[str, list[str]] = {}
    for alias in by_alias:
        first.setdefault(_first_word(alias), []).append(alias)
    by_first = {w: tuple(sorted(a, key=len, reverse=True)) for w, a in first.items()}
    return Gazetteer(names, by_alias, by_first)


def _document(source: Path) -> dict[str, object] | None:
    """The parsed entities file (None when it cannot be read); the three loaders below share
    one parse a content (common.toml_cache)."""
    try:
        return toml_cache.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None


def gazetteer_problem(path: Path) -> str | None:
    """Why `path` cannot serve as ingest's entities file (the `vocabulary.gazetteer` setting,
    checked when a run is configured), or None when it can."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "file not found"
    except (OSError, UnicodeDecodeError) as error:
        return f"cannot read it: {error}"
    except tomllib.TOMLDecodeError as error:
        return f"not valid TOML: {error}"
    entries = doc.get("entity", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return "[[entity]] must be tables (name, kind, aliases)"
    return None


@lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The packaged entity names (or those of `path`: another entities file, the run's
    `vocabulary.gazetteer`); an unreadable file gives an empty one, since recognising names
    is a help to extraction, never a reason for a run to fail (a run checks its file first)."""
    doc = _document(path or ENTITIES_FILE)
    if doc is None:
        return build_gazetteer([])
    entries = doc.get("entity", [])
    return build_gazetteer(
        [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else [],
        read_script_words(doc),
    )


@lru_cache(maxsize=1)
def load_components(path: Path | None = None) -> dict[str, str]:
    """Packages that are parts of an entity ("uvicorn" → FastAPI), from the entities file's
    [components] table; domain data the checks use, kept with the entity names."""
    doc = _document(path or ENTITIES_FILE)
    if doc is None:
        return {}
    table = doc.get("components", {})
    if not isinstance(table, dict):
        return {}
    return {str(part).lower(): str(whole) for part, whole in table.items()}


@lru_cache(maxsize=1)
def load_model_tiers(path: Path | None = None) -> frozenset[str]:
    """Words that follow a model number inside a product's name ("Pro", "Ultra", "Ti"), lower
    case, from the entities file's `model_tiers`; none when it cannot be read."""
    doc = _document(path or ENTITIES_FILE)
    if doc is None:
        return frozenset()
    tiers = doc.get("model_tiers", [])
    return frozenset(str(t).lower() for t in tiers) if isinstance(tiers, list) else frozenset()


@lru_cache(maxsize=1)
def load_tier_spellings(path: Path | None = None) -> dict[str, str]:
    """Each model tier as pages write it, lower case, to its `model_tiers` word: "plus" and
    its [script_words] spellings ("플러스") → "plus"."""
    tiers = load_model_tiers(path)
    doc = _document(path or ENTITIES_FILE)
    out = {t: t for t in tiers}
    for table in read_script_words(doc or {}).values():
        out.update({spelled.lower(): word for word, spelled in table.items() if word in tiers})
    return out
