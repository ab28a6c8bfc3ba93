"""Resolve entity names as written ("Flask 2.0+", "FastAPI's") to canonical entities.

Why: checks group facts by entity, so spelling variants must collapse to one name, while the
rest of the text (a version, "+ Uvicorn") is kept as a qualifier and unknown names are kept,
never dropped, so a new framework still yields facts.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from crosscheck.normalize.errors import VocabularyError
from crosscheck.normalize.kinds import resolve_kind
from crosscheck.normalize.vocabulary import packaged_data

from crosscheck.common import toml_cache
from crosscheck.common.gazetteer import read_script_words, script_variants

__all__ = [
    "Entity",
    "EntityKind",
    "EntityMatch",
    "EntityRegistry",
    "default_entities",
    "load_entities",
    "resolve_entity",
]

_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"^(?:['’]s|['’])(?![A-Za-z0-9])")
_TRAILING_POSSESSIVE = re.compile(r"['’]s?$")
_VERSION_TAIL = re.compile(r"^(?P<name>.+?)\s+(?P<rest>v?\d[\w.]*\+?(?:\s.*)?)$")
# a model code: digits with a letter glued on ("8a", "7950X", "13900K"), no version ("3.12")
_MODEL_CODE = re.compile(r"^\d+[A-Za-z]{1,2}$")
_DIGITS = re.compile(r"\d{3,5}")
_YEAR = re.compile(r"(?:19[89]\d|20[0-3]\d)")
_LEAD = " \t-•*·–—"
_LANGUAGE_QUALIFIER = re.compile(r"^(?:v?\d|\(|\+\s*$)")
_FIELDS: dict[str, type] = {"name": str, "kind": str, "language": str, "aliases": list}


class EntityKind(StrEnum):
    """What an entity is; frameworks are what comparison pages mostly compare."""

    FRAMEWORK = "framework"
    SERVER = "server"
    LIBRARY = "library"
    LANGUAGE = "language"
    TOOL = "tool"
    # the other domains comparison pages cover (the gazetteer ingest reads, too)
    RUNTIME = "runtime"
    DATABASE = "database"
    BROKER = "broker"
    BUILD_TOOL = "build_tool"
    PACKAGE_MANAGER = "package_manager"
    CODEC = "codec"
    HARDWARE = "hardware"
    MODEL = "model"  # machine-learning models compared on leaderboards (LLMs)
    SERVICE = "service"  # hosted services priced by plan or usage (CI, cloud hosting)


@dataclass(frozen=True)
class Entity:
    """One canonical entity and the lower-case aliases that name it."""

    name: str
    kind: EntityKind
    language: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class EntityMatch:
    """Canonical entity (the cleaned name when unknown), the rest of the text, whether known."""

    entity: str
    qualifier: str
    known: bool


def _clean(raw: str) -> str:
    text = _SPACE.sub(" ", raw.replace("\u00a0", " ")).strip().lstrip(_LEAD)
    # trailing decorations such as a trophy emoji or a footnote mark
    while text and (unicodedata.category(text[-1]) in ("So", "Sk") or text[-1] in " *†:"):
        text = text[:-1]
    return text.strip()


def _boundary(text: str, i: int) -> bool:
    """Whether an alias ending at `i` ends a word ("Flask 2.0", not "Flask-SQLAlchemy")."""
    if i >= len(text):
        return True
    ch = text[i]
    if ch.isalnum() or ch == "_":
        return False
    return not (ch in "-." and i + 1 < len(text) and text[i + 1].isalnum())


def _rest(text: str) -> str:
    return _POSSESSIVE.sub("", text).strip()


class EntityRegistry:
    """Loaded entities; `resolve` is pure and cached per instance."""

    def __init__(
        self,
        version: str,
        entities: Mapping[str, Entity],
        cache_size: int = 1 << 14,
        model_tiers: frozenset[str] = frozenset(),
    ):
        self.version = version
        self.model_tiers = model_tiers  # "pro", "ultra", "ti": words after a model number
        self.entities: dict[str, Entity] = dict(entities)
        pairs = [(a, e.name) for e in self.entities.values() for a in e.aliases]
        self._aliases = sorted(pairs, key=lambda p: len(p[0]), reverse=True)
        self._cache = lru_cache(maxsize=cache_size)(self._resolve)

    def __contains__(self, name: object) -> bool:
        return name in self.entities

    def resolve(self, raw: str, page_entities: Sequence[str] = ()) -> EntityMatch:
        """Map an entity as written; `page_entities` (names on the page) fix unknowns' spelling."""
        return self._cache(raw, tuple(page_entities))

    def _language_prefix(self, name: str, rest: str) -> bool:
        """A language followed by more words (not a version or a parenthesis) names a stack
        built in it ("go stdlib + jackc/pgx"), which stays a name of its own."""
        entity = self.entities.get(name)
        if entity is None or entity.kind is not EntityKind.LANGUAGE or not rest:
            return False
        return not _LANGUAGE_QUALIFIER.match(rest)

    def _resolve(self, raw: str, page_entities: tuple[str, ...]) -> EntityMatch:
        text = _clean(raw or "")
        if not text:
            return EntityMatch("", "", False)
        lower = text.lower()
        for alias, name in self._aliases:
            if lower.startswith(alias) and _boundary(lower, len(alias)):
                rest = _rest(text[len(alias) :])
                if self._language_prefix(name, rest):
                    break  # "rust actix-web + sqlx 0.8" is a stack named after its language
                return EntityMatch(name, rest, True)
        kind = resolve_kind(text)  # "pannelli monocristallini": the kind monocrystalline
        if kind is not None:
            return EntityMatch(kind, "", True)
        for page_name in sorted({_clean(p) for p in page_entities if p}, key=len, reverse=True):
            if lower.startswith(page_name.lower()) and _boundary(lower, len(page_name)):
                return EntityMatch(page_name, _rest(text[len(page_name) :]), False)
        text = _TRAILING_POSSESSIVE.sub("", text).strip()
        tail = _VERSION_TAIL.match(text)
        if tail and not self.model_number(tail["rest"]):
            return EntityMatch(tail["name"], tail["rest"], False)
        return EntityMatch(text, "", False)

    def model_number(self, rest: str) -> bool:
        """Whether the number after an unknown name is part of the name, a model rather than a
        version: "RTX 4080", "iPhone 14 Pro", "Pixel 8a" (3 digits or more and no year, a
        letter glued on, or a tier word after it), not "Flask 2.0+" or "PostgreSQL 17"."""
        words = rest.split()
        for word in words[:2]:  # "Ryzen 9 7950X": the model code is the second word
            if _MODEL_CODE.match(word) or (_DIGITS.fullmatch(word) and not _YEAR.fullmatch(word)):
                return True
        return len(words) > 1 and words[0].isdigit() and words[1].lower() in self.model_tiers


def _entity(name: str, key: str, raw: Any) -> Entity:
    if not isinstance(raw, dict):
        raise VocabularyError(name, key, "expected a table")
    for field_name in sorted(raw.keys() - _FIELDS.keys()):
        raise VocabularyError(name, f"{key}.{field_name}", "unknown key")
    for field_name, kind in _FIELDS.items():
        if not isinstance(raw.get(field_name), kind):
            raise VocabularyError(name, f"{key}.{field_name}", f"missing or not a {kind.__name__}")
    canonical = raw["name"].strip()
    if not canonical:
        raise VocabularyError(name, f"{key}.name", "empty")
    key = f"{key} ({canonical})"
    try:
        kind_value = EntityKind(raw["kind"])
    except ValueError:
        allowed = ", ".join(k.value for k in EntityKind)
        raise VocabularyError(name, f"{key}.kind", f"not one of {allowed}") from None
    aliases = [canonical.lower()]
    for i, alias in enumerate(raw["aliases"]):
        if not isinstance(alias, str) or not alias.strip():
            raise VocabularyError(name, f"{key}.aliases[{i}]", "expected a non-empty string")
        aliases.append(_SPACE.sub(" ", alias.strip().lower()))
    return Entity(canonical, kind_value, raw["language"], tuple(dict.fromkeys(aliases)))


def _read(path: Path | str | None) -> tuple[str, dict[str, Any]]:
    source = Path(path) if path is not None else packaged_data("entities.toml")
    name = str(source)
    try:
        doc = toml_cache.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyError(name, "<file>", f"cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError(name, "<file>", f"not valid TOML: {exc}") from exc
    if not isinstance(doc.get("entity", []), list):
        raise VocabularyError(name, "entity", "expected an array of [[entity]] tables")
    return name, doc


def _entities(name: str, doc: dict[str, Any]) -> dict[str, Entity]:
    out: dict[str, Entity] = {}
    for i, raw in enumerate(doc.get("entity", [])):
        entity = _entity(name, f"entity[{i}]", raw)
        if entity.name in out:
            raise VocabularyError(name, f"entity[{i}].name", f"duplicate name {entity.name!r}")
        out[entity.name] = entity
    return out


def load_entities(
    path: Path | str | None = None, overrides: Path | str | None = None
) -> EntityRegistry:
    """Load the packaged (or given) entities; `overrides` adds or replaces entities by name."""
    name, doc = _read(path)
    version = doc.get("version")
    if not isinstance(version, str) or not version.strip():
        raise VocabularyError(name, "version", "missing or not a string")
    entities = _entities(name, doc)
    if overrides is not None:
        o_name, o_doc = _read(overrides)
        entities.update(_entities(o_name, o_doc))
        version = f"{version}+{o_doc.get('version', 'local')}"
        name = o_name
    owner: dict[str, str] = {}
    for entity in entities.values():
        for alias in entity.aliases:
            if owner.setdefault(alias, entity.name) != entity.name:
                problem = f"alias {alias!r} names both {owner[alias]!r} and {entity.name!r}"
                raise VocabularyError(name, f"entity ({entity.name}).aliases", problem)
    # the spellings of other scripts ("갤럭시 s24 울트라"), where no other entity owns them
    scripts = read_script_words(doc)
    for entity in list(entities.values()):
        extra = [a for a in script_variants(entity.aliases, scripts) if a not in owner]
        owner.update(dict.fromkeys(extra, entity.name))
        if extra:
            entities[entity.name] = replace(entity, aliases=(*entity.aliases, *extra))
    tiers = doc.get("model_tiers", [])
    if not isinstance(tiers, list) or not all(isinstance(t, str) for t in tiers):
        raise VocabularyError(name, "model_tiers", "expected a list of words")
    return EntityRegistry(version, entities, model_tiers=frozenset(t.lower() for t in tiers))


@lru_cache(maxsize=1)
def default_entities() -> EntityRegistry:
    """The packaged entities, loaded once per process."""
    return load_entities()


def resolve_entity(raw: str, page_entities: Sequence[str] = ()) -> EntityMatch:
    """Resolve with the packaged entities: "Flask 2.0+" → EntityMatch("Flask", "2.0+", True)."""
    return default_entities().resolve(raw, page_entities)
