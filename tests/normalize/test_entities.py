"""Entity names as written collapse to canonical names; the rest is kept; unknowns are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from crosscheck.normalize.entities import (
    EntityKind,
    EntityMatch,
    default_entities,
    load_entities,
    resolve_entity,
)
from crosscheck.normalize.errors import VocabularyError


@pytest.mark.parametrize(
    ("raw", "entity", "qualifier", "known"),
    [
        ("Flask 2.0+", "Flask", "2.0+", True),
        ("FastAPI's", "FastAPI", "", True),
        ("FastAPI’s", "FastAPI", "", True),
        ("Starlette + Uvicorn", "Starlette", "+ Uvicorn", True),
        ("flask", "Flask", "", True),
        ("  Starlette\u00a0 ", "Starlette", "", True),
        ("FastAPI🏆", "FastAPI", "", True),
        ("Express", "Express.js", "", True),
        ("ExpressJS", "Express.js", "", True),
        ("Express.js", "Express.js", "", True),
        ("Ruby on Rails", "Rails", "", True),
        ("Rails 7", "Rails", "7", True),
        ("Gin-Gonic", "Gin", "", True),
        ("nest.js", "NestJS", "", True),
        ("NestJS", "NestJS", "", True),
        ("Sinatra", "Sinatra", "", True),
        ("Django", "Django", "", True),
        ("Django REST framework", "Django REST Framework", "", True),
        ("Uvicorn", "Uvicorn", "", True),
        ("Pydantic v2", "Pydantic", "v2", True),
        ("Bottle", "Bottle", "", False),
        ("Bottle 0.12", "Bottle", "0.12", False),
        ("Flask-SQLAlchemy", "Flask-SQLAlchemy", "", False),
        ("", "", "", False),
    ],
)
def test_resolve_entity(raw: str, entity: str, qualifier: str, known: bool) -> None:
    assert resolve_entity(raw) == EntityMatch(entity, qualifier, known)


def test_page_entities_fix_the_spelling_of_unknown_names() -> None:
    assert resolve_entity("bottle's", ["Bottle", "Flask"]) == EntityMatch("Bottle", "", False)
    assert resolve_entity("bottle 0.13", ("Bottle",)) == EntityMatch("Bottle", "0.13", False)
    # a known name wins over the page's list
    assert resolve_entity("flask", ["FLASK"]) == EntityMatch("Flask", "", True)


def test_registry_is_loaded_once_and_typed() -> None:
    registry = default_entities()
    assert registry is default_entities()
    assert registry.version == "2026.12.7.2"
    assert registry.entities["Uvicorn"].kind is EntityKind.SERVER
    assert registry.entities["Flask"].language == "python"
    assert "Starlette" in registry and "Bottle" not in registry
    assert registry.resolve("Flask 2.0+") is registry.resolve("Flask 2.0+")


def test_overrides_add_entities(tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text(
        'version = "site-1"\n[[entity]]\nname = "Bottle"\nkind = "framework"\n'
        'language = "python"\naliases = ["bottlepy"]\n',
        encoding="utf-8",
    )
    registry = load_entities(overrides=extra)
    assert registry.version == "2026.12.7.2+site-1"
    assert registry.resolve("bottlepy 0.13") == EntityMatch("Bottle", "0.13", True)
    assert registry.resolve("Flask") == EntityMatch("Flask", "", True)


@pytest.mark.parametrize(
    ("body", "key"),
    [
        (
            '[[entity]]\nname = "X"\nkind = "planet"\nlanguage = "go"\naliases = []\n',
            "entity[0] (X).kind",
        ),
        ('[[entity]]\nname = "X"\nkind = "tool"\nlanguage = "go"\n', "entity[0].aliases"),
        (
            '[[entity]]\nname = "X"\nkind = "tool"\nlanguage = "go"\naliases = []\nurl = "u"\n',
            "entity[0].url",
        ),
        (
            '[[entity]]\nname = "X"\nkind = "tool"\nlanguage = "go"\naliases = ["flask"]\n',
            "entity (X).aliases",
        ),
        ("[[entity]\n", "<file>"),
    ],
)
def test_bad_entity_file_names_file_and_key(tmp_path: Path, body: str, key: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('version = "x"\n' + body, encoding="utf-8")
    with pytest.raises(VocabularyError) as info:
        load_entities(overrides=bad)
    assert str(bad) in str(info.value) and info.value.key == key


def test_a_language_leading_a_stack_name_does_not_swallow_it() -> None:
    # the gazetteer knows languages (for prose), but "go stdlib + jackc/pgx" is a stack
    assert resolve_entity("go stdlib + jackc/pgx") == EntityMatch(
        "go stdlib + jackc/pgx", "", False
    )
    assert resolve_entity("Python 3.12") == EntityMatch("Python", "3.12", True)
    assert resolve_entity("Rust (http-tunnel)") == EntityMatch("Rust", "(http-tunnel)", True)


def test_gazetteer_knows_chips_models_site_generators_and_hashes() -> None:
    # the domains of the pages the realacc2 key samples (docs/benchmarks.md)
    from crosscheck.common.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    assert gazetteer.canonical("Apple M3 Max") == "M3 Max"
    assert gazetteer.canonical("Snapdragon X Elite") == "Snapdragon X Elite"
    assert gazetteer.canonical("GPT-4o") == "GPT-4o"
    assert gazetteer.canonical("Llama 3.3 70B") == "Llama 3.3 70B"
    assert gazetteer.canonical("Eleventy") == "Eleventy"
    assert gazetteer.canonical("sha1") == "SHA-1"
    assert gazetteer.canonical("pgvector") == "pgvector"
