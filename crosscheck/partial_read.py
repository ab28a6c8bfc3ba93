"""The reused pages' rows of a run where a few pages changed, read back by key as the limited
checks ask for them (crosscheck.partial_checks), not all before the checks: among 10,000 pages
reading every claim and fact back cost more than everything else the run does. Whatever needs
every fact (a full check, a full reconciliation) reads the rest first (`everything`).

The rows held are always a subset of what reading every page gives, in the same order (by
claim id, after the parsed pages' rows), so a cut taken from them equals the cut taken from all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from crosscheck.batches import concat
from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    PASSAGE_COLUMNS,
    FindingKind,
    Snapshot,
)
from crosscheck.errors import RunFailed
from crosscheck.incremental import StoredPages
from crosscheck.partial import Prior, claim_sets
from crosscheck.warehouse.history import stored_frames, stored_relations
from crosscheck.warehouse.load_passages import stored_passages
from crosscheck.warehouse.stored_rows import (
    RowKeys,
    StoredCounts,
    held_sources,
    stored_columns,
    stored_counts,
    stored_page_rows,
    stored_rows,
)

Opener = Callable[[], Any]  # opens a read-only connection to the warehouse


@dataclass
class StoredRows:
    """The stored rows of the reused pages (`pages`: (source, sha)) this run holds so far."""

    pages: list[tuple[str, str]]
    opener: Opener  # one read-only connection serves every read, until `close`
    counts: StoredCounts  # rows reading every page gives, and their text columns' dtypes
    claims: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CLAIM_COLUMNS))
    facts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FACT_COLUMNS))
    passages: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PASSAGE_COLUMNS))
    complete: bool = False
    _asked: set[tuple[str, object]] = field(default_factory=set)
    _con: Any = None
    # claim id → source (None: not a claim of these pages) of every claim looked up so far
    _source_of: dict[str, str | None] = field(default_factory=dict)

    def read(self, query: Callable[[Any], Any]) -> Any:
        """`query(connection)` on the read-only connection (opened at the first read)."""
        if self._con is None:
            self._con = self.opener()
        return query(self._con)

    def close(self) -> None:
        """Close the connection (the run's analysis is done with the warehouse)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def fetch(self, keys: RowKeys) -> bool:
        """Read the rows `keys` selects that were not asked for before; whether rows came."""
        if self.complete:
            return False
        # a source none of these pages has selects no row: a run's changed pages are not
        # among them, and asking for those alone scanned every stored claim and fact for none
        keys = replace(keys, sources=keys.sources & {source for source, _ in self.pages})
        keys = self._new(keys)
        if keys.empty():
            return False
        claims, facts = self.read(lambda con: stored_rows(con, self.pages, keys))
        if claims.empty and facts.empty:
            return False
        self.claims = _merged(self.claims, claims, CLAIM_COLUMNS, self.counts.valued_claims)
        self.facts = _merged(self.facts, facts, FACT_COLUMNS, self.counts.valued_facts)
        return True

    def everything(self) -> None:
        """Read every row of the reused pages and their sketches (a full check or
        reconciliation follows)."""
        if self.complete:
            return

        def read(con: Any) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
            _, claims, facts = stored_frames(con, self.pages)
            return claims, facts, stored_passages(con, self.pages)

        self.claims, self.facts, self.passages = self.read(read)
        self.complete = True

    def voters(self, columns: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """`columns` of every stored fact (by claim id) and every stored sketch: what the
        reconciliation reads, without reading every column of every row."""
        if self.complete:
            return self.facts[columns], self.passages

        def read(con: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
            return stored_columns(con, self.pages, columns), stored_passages(con, self.pages)

        facts, passages = self.read(read)
        valued = {c: "str" for c in columns if c in self.counts.valued_facts}
        return facts.astype({c: t for c, t in valued.items() if facts[c].dtype == object}), passages

    def sources_of(self, claim_ids: Iterable[str]) -> dict[str, str]:
        """Claim id → source of those of `claim_ids` that are claims of the reused pages."""
        wanted = set(claim_ids)
        if self.complete:
            held = self.claims[self.claims["claim_id"].isin(list(wanted))]
            return dict(zip(held["claim_id"], held["source"], strict=True))
        unknown = wanted - set(self._source_of)
        if unknown:  # looked up once: the limited checks ask again for some of them
            found = self.read(lambda con: held_sources(con, self.pages, unknown))
            self._source_of.update(dict.fromkeys(unknown))
            self._source_of.update(found)
        return {c: s for c in wanted if (s := self._source_of[c]) is not None}

    @property
    def facts_total(self) -> int:
        """Facts of the reused pages, held or not."""
        return self.counts.facts

    def unread(self) -> dict[str, int]:
        """Rows of the reused pages not held (counted as the run's all the same)."""
        return {
            "claims": self.counts.claims - len(self.claims),
            "facts": self.counts.facts - len(self.facts),
        }

    def _new(self, keys: RowKeys) -> RowKeys:
        """`keys` without those asked for before (their rows are held already)."""
        parts: dict[str, frozenset[Any]] = {}
        for name in ("sources", "entities", "metrics", "claim_ids", "pairs"):
            values = {v for v in getattr(keys, name) if (name, v) not in self._asked}
            self._asked |= {(name, v) for v in values}
            parts[name] = frozenset(values)
        return RowKeys(**parts)


def _merged(
    held: pd.DataFrame, more: pd.DataFrame, columns: list[str], valued: frozenset[str]
) -> pd.DataFrame:
    """`held` and `more` without repeated claims, by claim id (the order of every page's
    rows); a text column null in these rows but not in every row is `str`, as reading every
    row gives it (None and NaN are told apart by some code: `str(None)` is "None")."""
    both = concat([held, more], columns)
    both = both.drop_duplicates("claim_id", keep="first")
    both = both.sort_values("claim_id", kind="stable", ignore_index=True)
    cast = {c: "str" for c in valued if both[c].dtype == object}
    return both.astype(cast) if cast else both


def held_claim_sets(
    prior: Prior, claims: pd.DataFrame, stored: StoredRows | None
) -> tuple[set[str], set[str]]:
    """`partial.claim_sets` when `claims` may hold only some of the reused pages' claims: the
    claims of the latest run's findings are looked up among every reused page's (they decide
    which findings rest on unchanged pages only); the changed pages' rows are all held."""
    safe, changed = claim_sets(prior, claims)
    if stored is None or stored.complete:
        return safe, changed
    cited = {c for ids in prior.findings["claim_ids"] for c in ids} - safe - changed
    for claim, source in stored.sources_of(cited).items():
        (changed if source in prior.changed else safe).add(claim)
    return safe, changed


def annotation_keys(findings: pd.DataFrame, facts: pd.DataFrame) -> RowKeys:
    """The rows conflict explanations and copy notes of `findings` read: the claims they cite,
    the entities of conflicts and of the facts those cite (reconcile.annotate's `_quotable`).
    `facts` must hold the cited claims' rows already, or their entities are missed: call
    twice (the second call adds the entities of the rows the first one read)."""
    cited = frozenset(c for ids in findings["claim_ids"] for c in ids)
    conflicts = findings[findings["kind"] == FindingKind.CONFLICT.value]
    quoted = {c for ids in conflicts["claim_ids"] for c in ids}
    entities = set(conflicts["entity"].dropna()) | set(
        facts.loc[facts["claim_id"].isin(list(quoted)), "entity"].dropna()
    )
    return RowKeys(claim_ids=cited, entities=frozenset(str(e) for e in entities))


def read_by_key(snapshots: list[Snapshot], opener: Opener) -> tuple[StoredPages, StoredRows]:
    """The known pages set aside unread: their page rows and statements now (as
    `incremental.reuse_unchanged` reads them), their claims and facts by key later (the
    caller closes the StoredRows' connection)."""
    keys = sorted({(s.source, s.sha256) for s in snapshots})
    stored = StoredRows(keys, opener, StoredCounts(0, 0, frozenset(), frozenset()))

    def first(con: Any) -> tuple[pd.DataFrame, pd.DataFrame, StoredCounts]:
        return stored_page_rows(con, keys), stored_relations(con, keys), stored_counts(con, keys)

    try:
        pages, relations, stored.counts = stored.read(first)
    except BaseException:
        stored.close()
        raise
    if len(pages) != len(keys):
        stored.close()  # the run lock holds the warehouse still: a bug, not a page
        raise RunFailed(
            f"{len(keys) - len(pages)} page(s) known to the warehouse when the run began "
            "could not be read back from it; nothing was loaded"
        )
    seen = {(s.source, s.sha256): s for s in snapshots}
    at = [seen[key] for key in zip(pages["source"], pages["page_sha256"], strict=True)]
    pages["status"] = [s.status.value for s in at]
    pages["fetched_at"] = [s.fetched_at for s in at]
    empty = StoredPages(
        pages, pd.DataFrame(columns=CLAIM_COLUMNS), pd.DataFrame(columns=FACT_COLUMNS), relations
    )
    return empty, stored
