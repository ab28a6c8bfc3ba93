"""Stage boundaries guarded by the pandera models of :mod:`crosscheck.common.schemas`.

Validation is lazy (every failure is collected); rows that fail go to quarantine with the
name of the check they failed, and the rest continue, so one bad row never fails a run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from crosscheck.common.contract_fast import validate_fast
from crosscheck.common.contracts import CLAIM_COLUMNS, QUARANTINE_COLUMNS, QuarantineReason
from crosscheck.common.errors import ContractError
from crosscheck.common.optional_imports import without
from crosscheck.common.schemas import ClaimModel


@dataclass
class Validated:
    """The rows that passed, the quarantine rows of those that did not, and how many of each
    check failed (pandera's error counts), so a run summary can say why rows were quarantined."""

    valid: pd.DataFrame
    quarantine: pd.DataFrame
    error_counts: dict[str, int] = field(default_factory=dict)


def prepare_contracts() -> None:
    """Load pandera's validation backends now (a one-off ~0.1-0.4 s on first use), so that
    cost shows up as start-up, not inside the first batch's stage time."""
    empty = pd.DataFrame({name: pd.Series(dtype=object) for name in CLAIM_COLUMNS})
    with without():  # pandera's dask typing and hypothesis strategies: not for pandas
        ClaimModel.validate(empty.astype({"value_start": "int64"}))


def validate_frame(frame: pd.DataFrame, model: type[pa.DataFrameModel], stage: str) -> Validated:
    """Validate `frame` against `model`; failing rows (by index) are quarantined, not raised."""
    empty = pd.DataFrame(columns=QUARANTINE_COLUMNS)
    if frame.empty:
        return Validated(frame, empty)
    try:
        # A re-run that parses nothing meets pandera first here (checks' findings): its first
        # schema build must not import the dask and hypothesis extras either (~1.5 s).
        with without():
            # the model's rules, vectorized: pandera runs only when one fails (contract_fast)
            valid = validate_fast(frame, model)
            if valid is not None:
                return Validated(valid, empty)
            return Validated(model.validate(frame, lazy=True), empty)
    except SchemaErrors as errors:
        cases = errors.failure_cases
    row_cases = cases[cases["index"].notna()]
    if len(row_cases) < len(cases):  # a frame-level failure (missing column, wrong dtype)
        frame_level = cases[cases["index"].isna()]
        raise ContractError(
            f"{stage} output breaks its contract {model.__name__}: "
            + "; ".join(f"{r.column}: {r.check}" for r in frame_level.itertuples())
        )
    reasons: dict[object, list[str]] = {}
    for case in row_cases.itertuples(index=False):
        reasons.setdefault(case.index, []).append(f"{case.column or 'row'}: {case.check}")
    bad = frame.loc[frame.index.isin(list(reasons))]
    quarantine = pd.DataFrame(
        {
            # Claims and facts carry claim_id/source/raw_value; a findings frame has none of
            # them, so its rows are quarantined under their finding id.
            "claim_id": _column(bad, "claim_id", "finding_id"),
            "source": _column(bad, "source"),
            "stage": f"contract:{model.__name__}",
            "reason": QuarantineReason.CONTRACT_VIOLATION.value,
            "message": ["; ".join(reasons[i]) for i in bad.index],
            "raw_value": _column(bad, "raw_value", "explanation"),
        },
        columns=QUARANTINE_COLUMNS,
    )
    good = frame.loc[~frame.index.isin(list(reasons))]
    counts: dict[str, int] = {}
    for case in row_cases.itertuples(index=False):
        key = f"{case.column or 'row'}: {case.check}"
        counts[key] = counts.get(key, 0) + 1
    return Validated(model.validate(good, lazy=True) if len(good) else good, quarantine, counts)


def _column(frame: pd.DataFrame, *names: str) -> object:
    """The first of `names` the frame has, as an array; None for every row when it has none."""
    for name in names:
        if name in frame.columns:
            return frame[name].to_numpy()
    return [None] * len(frame)
