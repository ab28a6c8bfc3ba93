"""A migration added after the bundled ones, for tests of what a newer schema does."""

from __future__ import annotations

import pytest
from crosscheck.warehouse import schema


def add_note_migration(monkeypatch: pytest.MonkeyPatch) -> schema.Migration:
    """Make `schema.migrations()` return the bundled migrations plus one adding `runs.note`
    (returned)."""
    current = schema.migrations()
    extra = schema.Migration(
        current[-1].version + 1,
        f"{current[-1].version + 1:03d}_add_note.sql",
        "ALTER TABLE runs ADD COLUMN note VARCHAR; COMMENT ON COLUMN runs.note IS 'A note.';",
    )
    monkeypatch.setattr(schema, "migrations", lambda: [*current, extra])
    return extra
