"""Feature values land in a small closed vocabulary; only present-vs-absent pairs conflict."""

from __future__ import annotations

import pytest
from crosscheck.normalize.categorical import (
    Category,
    categories_conflict,
    category_polarity,
    normalize_category,
)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Third-party extensions only", "third_party"),
        ("Native, default behavior", "native"),
        ("Yes (Pydantic native)", "yes"),  # the leading verdict word decides
        ("No, requires build", "no"),
        ("Manual or extensions", "manual"),
        ("Addon required (flask-socketio)", "extension"),
        ("Native built-in", "native"),
        ("Full native support", "native"),
        ("None (use SQLAlchemy separately)", "none"),
        ("Requires manual or third-party setup", "manual"),
        ("Pydantic included", "builtin"),
        ("Built-in (OpenAPI 3.0)", "builtin"),
        ("Automatic (Swagger UI + ReDoc)", "builtin"),
        ("Via SQLAlchemy extension", "extension"),
        ("No (requires external library)", "no"),
        ("Native (Swagger UI + ReDoc built-in)", "native"),
        ("Requires extensions (async/await added in 2.0)", "extension"),
        ("Manual or third-party (Marshmallow, etc.)", "manual"),
        ("Built-in with Pydantic models", "builtin"),
        ("Not supported", "no"),
        ("Partial support", "partial"),
        ("✓", "yes"),
        ("Requires app server (Uvicorn)", "other"),
        ("—", "other"),
        ("", "other"),
    ],
)
def test_normalize_category(text: str, category: str) -> None:
    assert normalize_category(text) == category
    assert normalize_category(text) in {c.value for c in Category}


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("native", "third_party", True),
        ("native", "extension", True),
        ("native", "none", True),
        ("native", "no", True),
        ("builtin", "manual", True),
        ("yes", "no", True),
        ("yes", "native", False),
        ("builtin", "native", False),
        ("none", "extension", False),
        ("manual", "third_party", False),
        ("partial", "no", True),
        ("partial", "native", False),
        ("partial", "extension", False),
        ("other", "native", False),
        ("other", "no", False),
        # raw texts are normalized first
        ("Native built-in", "Addon required (flask-socketio)", True),
        ("Full native support", "Third-party extensions only", True),
        ("Yes (Pydantic native)", "Pydantic included", False),
    ],
)
def test_categories_conflict_is_symmetric(a: str, b: str, conflict: bool) -> None:
    assert categories_conflict(a, b) is conflict
    assert categories_conflict(b, a) is conflict


def test_polarity() -> None:
    assert [category_polarity(c.value) for c in Category] == [-1, -1, -1, -1, -1, 0, 1, 1, 1, 0]
