"""The frames of every batch of a run stacked into one per kind, and what the batches' chunks
carried beside them (the page cut's findings, figure shingles, content orders, the facts and
statements the Dask workers kept): the input of the checks and reconcile step.

Kept apart from that step (crosscheck.check_reconcile): this changes with what a batch
carries (crosscheck.batches), not with how the run is checked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crosscheck.batches import HeldPiece, PreparedBatch, concat
from crosscheck.checks.page_cut import PageFindings
from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    PAGE_COLUMNS,
    PASSAGE_COLUMNS,
    QUARANTINE_COLUMNS,
)
from crosscheck.dask_held import HeldFacts
from crosscheck.dask_statements import HeldStatements
from crosscheck.reconcile import PageShingles


@dataclass
class RunFrames:
    """Every batch's frames, stacked, and what their chunks carried."""

    held: HeldFacts | None  # facts the Dask workers kept (None: all are in `facts`)
    # the statements the parse tasks kept with them (taken before the facts' cut lets go)
    kept_statements: list[HeldPiece]
    # the page cut's findings, when the parse tasks ran it on every page (checks.page_cut)
    page_cut: list[PageFindings] | None
    # the figure shingles of every parsed page, when every batch's chunks made them
    shingles: list[PageShingles] | None
    # each chunk's facts in content order, when every batch's chunks sorted them
    orders: list[np.ndarray] | None
    pages: pd.DataFrame
    # the pages the checks read: with the rows of the pages the Dask workers repaired
    checked_pages: pd.DataFrame
    claims: pd.DataFrame
    facts: pd.DataFrame
    quarantine: pd.DataFrame
    passages: pd.DataFrame
    # the statements the workers read, and the claims whose statements are still to read
    parsed_relations: list[pd.DataFrame]
    unread: pd.DataFrame
    read_sources: list[str]  # sources the Dask workers read (their page rows are in the lake)
    lake_pages: int  # the page rows, quarantine and claims the Dask workers wrote to the lake
    lake_quarantine: int
    lake_claims: int


def stack_batches(batches: list[PreparedBatch]) -> RunFrames:
    """The run's frames from every batch. Consumes `batches` (the list is emptied once
    concatenated), so the batch frames are freed before the checks' working copies exist."""
    held = HeldFacts.of(batches)
    kept_statements = HeldStatements.pieces_of(held)
    page_cut = page_cut_of(batches)
    shingles = shingles_of(batches)
    orders = content_orders_of(batches)
    pages = concat([b.pages for b in batches], PAGE_COLUMNS)
    # the page rows and quarantine the Dask workers wrote to the lake (crosscheck.dask_pages):
    # the checks read the repaired pages' rows (the encoding rule), the reconcile the sources
    lake_pages = sum(b.lake_pages for b in batches)
    lake_quarantine = sum(b.lake_quarantine for b in batches)
    read_sources = [source for b in batches for source in b.read_sources]
    checked_pages = pages
    if lake_pages:
        checked_pages = concat(
            [f for b in batches for f in (b.pages, b.repaired) if f is not None], PAGE_COLUMNS
        )
    claims = concat([b.claims for b in batches], CLAIM_COLUMNS)
    facts = concat([b.facts for b in batches], FACT_COLUMNS)
    quarantine = concat([b.quarantine for b in batches], QUARANTINE_COLUMNS)
    passages = concat([b.passages for b in batches], PASSAGE_COLUMNS)
    # the statements the workers read: of the claims they kept (written to the lake:
    # ClaimsIntoLake), and of the leading batches whose chunks read their own claims' (the
    # local engine's parse tasks); the rest's claims are read here, so the order is the claims'
    lead = next((i for i, b in enumerate(batches) if b.relations is None), len(batches))
    parsed_relations = [
        b.relations
        for i, b in enumerate(batches)
        if b.relations is not None and (i < lead or b.claims.empty)
    ]
    unread = claims if lead == 0 else concat([b.claims for b in batches[lead:]], CLAIM_COLUMNS)
    lake_claims = sum(b.lake_claims for b in batches)
    batches.clear()
    return RunFrames(
        held, kept_statements, page_cut, shingles, orders, pages, checked_pages, claims, facts,
        quarantine, passages, parsed_relations, unread, read_sources, lake_pages,
        lake_quarantine, lake_claims,
    )  # fmt: skip


def page_cut_of(batches: list[PreparedBatch]) -> list[PageFindings] | None:
    """Every chunk's page-cut findings when every batch's chunks ran it (the parsed pages
    are then every page: a batch read back from the warehouse carries none), else None."""
    if not batches or any(b.page_checks is None for b in batches):
        return None
    return [cut for b in batches for cut in b.page_checks or []]


def shingles_of(batches: list[PreparedBatch]) -> list[PageShingles] | None:
    """Every chunk's figure shingles when every batch's chunks made them, else None."""
    if not batches or any(b.shingles is None for b in batches):
        return None
    return [part for b in batches for part in b.shingles or []]


def content_orders_of(batches: list[PreparedBatch]) -> list[np.ndarray] | None:
    """Every chunk's content order of its facts when every batch's chunks sorted them (the
    facts are then every chunk's, stacked in this order), else None."""
    if not batches or any(b.content_orders is None for b in batches):
        return None
    return [order for b in batches for order in b.content_orders or []]
