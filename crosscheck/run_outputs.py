"""What a run's analysis becomes outside the run: the warehouse's bundle, the Parquet lake's
files, the summary's counts and empty pages, and the settings digest the run records.

Kept apart from the parse and check steps (crosscheck.pipeline, crosscheck.check_reconcile):
these change with the warehouse's and the summary's shape, not with the analysis.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from crosscheck.check_settings import COMPONENTS
from crosscheck.contracts import stable_id
from crosscheck.dask_shuffle import Runner
from crosscheck.incremental import build_version, settings_digest
from crosscheck.logs import log_stage
from crosscheck.run_types import Analysis, RunConfig, StageTimer
from crosscheck.warehouse import LakeFiles, RunBundle


def run_settings_digest(config: RunConfig) -> str:
    """The runs.settings_digest a run with this config records (crosscheck.incremental);
    reviewed true values count, so a new pin recomputes the consensus of an unchanged run."""
    digest = settings_digest(config.intervals, config.reference_year, COMPONENTS)
    return stable_id(digest, *config.pins) if config.pins else digest


def bundle_for(
    result: Analysis,
    run_id: str,
    started_at: datetime,
    sources: list[str],
    settings_digest: str | None = None,
) -> RunBundle:
    """Everything an analysis produced, as the warehouse loads it (used by run and bench)."""
    return RunBundle(
        run_id=run_id,
        started_at=started_at,
        finished_at=datetime.now(UTC),
        sources=sources,
        crosscheck_version=build_version(),
        vocabulary_version=result.vocabulary_version,
        pages=result.pages,
        claims=result.claims,
        facts=result.facts,
        quarantine=result.quarantine,
        findings=result.findings,
        reconciled=result.reconciled,
        reconciled_categories=result.reconciled_categories,
        source_reliability=result.source_reliability,
        copy_groups=result.copy_groups,
        settings_digest=settings_digest,
        relations=result.relations,
        stored_claims=result.stored_claims,
        passages=result.passages,
        lake=result.lake,
        unread_claims=result.unread.get("claims", 0),
        unread_facts=result.unread.get("facts", 0),
    )


def write_run_lake(
    lake: Path,
    run_id: str,
    result: Analysis,
    runner: Runner | None,
    timer: StageTimer,
    kept: dict[str, list[Any]],
) -> LakeFiles:
    """The run's facts and claims (and the page sketches the Dask workers kept) into the
    Parquet lake, written where the run's checks ran (the Dask workers, or this process);
    `kept`: their partitions already there. A partial write is removed."""
    from crosscheck.dask_lake import drop_run, lake_files, write_lake
    from crosscheck.dask_shuffle import InProcess

    try:
        written = write_lake(
            runner or InProcess(), lake, run_id, result.facts, result.claims,
            kept.get("entity"), passage_parts=kept.get("passages"),
            consensus_parts=kept.get("consensus"), category_parts=kept.get("categories"),
            finding_parts=kept.get("findings"), statement_parts=kept.get("statements"),
            copy_parts=kept.get("copies"), reliability_parts=kept.get("reliability"),
        )  # fmt: skip
    except BaseException:
        drop_run(lake, run_id)
        raise
    written["claims"] += result.lake_claims  # written by the parse tasks, as the page rows
    written["pages"], written["quarantine"] = result.lake_pages, result.lake_quarantine
    timer.lap("lake")
    log_stage(run_id, "lake", timer.laps["lake"], **written)
    return lake_files(lake, run_id, written)


def stage_counts(stage: str, result: Analysis, parsed_pages: int) -> dict[str, int]:
    """The counts a stage's log line carries (none for a stage not named here)."""
    return {
        "parse": {"pages_parsed": parsed_pages, "claims": result.count("claims")},
        "normalize": {"facts": result.count("facts"), "quarantined": result.count("quarantine")},
        "checks": {"findings": result.count("findings")},
        "reconcile": {"reconciled": result.count("reconciled")},
    }.get(stage, {})


def empty_pages(pages: pd.DataFrame) -> list[tuple[str, str]]:
    """(source, reason) of the pages that were read but gave no claim."""
    if not len(pages):
        return []
    read = pages[(pages["claim_count"] == 0) & pages["status"].isin(["fetched", "not_modified"])]
    return [(str(r.source), str(r.error or "no claim found")) for r in read.itertuples()]
