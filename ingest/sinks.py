"""Where the prose and verdict readers put claims: ingest.extract.ClaimCollector, seen through
a Protocol so that the readers need not import the collector (which imports them)."""

from __future__ import annotations

from typing import Protocol

from crosscheck.contracts import ClaimRole, LocationKind


class ClaimSink(Protocol):
    """Where claims go (the keyword arguments of ClaimCollector.add)."""

    def add(
        self,
        *,
        entity: str,
        label: str,
        raw_value: str,
        kind: LocationKind,
        locator: str,
        evidence: str,
        unit_hint: str | None = None,
        role: ClaimRole = ClaimRole.VALUE,
        counterpart: str | None = None,
        row_key: str | None = None,
        conditions: str | None = None,
    ) -> None: ...
