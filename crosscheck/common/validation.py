"""Stage boundaries guarded by the pandera models of :mod:`crosscheck.common.schemas`.

Validation is lazy (every failure is collected); rows that fail go to quarantine with the
name of the check they failed, and the rest continue, so one bad row never fails a run.
pandera itself is imported only when a frame breaks a rule or falls outside the fast pass
(common.contract_fast): a frame that keeps every rule is judged from the kept rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from crosscheck.common.contract_fast import Model, fast_pass, model_class
from crosscheck.common.contracts import CLAIM_COLUMNS, QUARANTINE_COLUMNS, QuarantineReason
from crosscheck.common.errors import ContractError
from crosscheck.common.optional_imports import without

if TYPE_CHECKING:
    import pandera.pandas as pa


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
        model_class("ClaimModel").validate(empty.astype({"value_start": "int64"}))


def _pandera(frame: pd.DataFrame, model: type[pa.DataFrameModel]) -> tuple[Any, Any]:
    """pandera's verdict on `frame`: (the validated frame, None) or (None, failure cases)."""
    # A re-run that parses nothing meets pandera first here (checks' findings): its first
    # schema build must not import the dask and hypothesis extras either (~1.5 s).
    with without():
        from pandera.errors import SchemaErrors

        try:
            return model.validate(frame, lazy=True), None
        except SchemaErrors as errors:
            return None, errors.failure_cases


def validate_frame(frame: pd.DataFrame, model: Model, stage: str) -> Validated:
    """Validate `frame` against `model` (a stage contract's name, or a pandera model); failing
    rows (by index) are quarantined, not raised. The model's rules run vectorized first
    (common.contract_fast): pandera reads only the rows that break one, to name what they
    break, or the whole frame when that pass cannot judge it."""
    empty = pd.DataFrame(columns=QUARANTINE_COLUMNS)
    if frame.empty:
        return Validated(frame, empty)
    with without():
        fast = fast_pass(frame, model)
    if fast is not None and not fast.failing.any():
        return Validated(fast.frame, empty)
    with without():
        pandera_model = model_class(model)
    if fast is not None and not fast.failing.all():
        suspects = frame.loc[fast.failing]
        _, cases = _pandera(suspects, pandera_model)
        # used only when pandera fails exactly those rows, each by its index
        named = set() if cases is None or cases["index"].isna().any() else set(cases["index"])
        if named == set(suspects.index):
            return _quarantine(frame, cases, pandera_model, fast.frame.loc[~fast.failing])
    valid, cases = _pandera(frame, pandera_model)
    if cases is None:
        return Validated(valid, empty)
    row_cases = cases[cases["index"].notna()]
    if len(row_cases) < len(cases):  # a frame-level failure (missing column, wrong dtype)
        frame_level = cases[cases["index"].isna()]
        raise ContractError(
            f"{stage} output breaks its contract {pandera_model.__name__}: "
            + "; ".join(f"{r.column}: {r.check}" for r in frame_level.itertuples())
        )
    return _quarantine(frame, row_cases, pandera_model)


def _quarantine(
    frame: pd.DataFrame,
    row_cases: pd.DataFrame,
    model: type[pa.DataFrameModel],
    good: pd.DataFrame | None = None,
) -> Validated:
    """The rows pandera's failure cases name, quarantined with the checks they fail; the rest
    validated (`good`: the rest as validated already)."""
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
    counts: dict[str, int] = {}
    for case in row_cases.itertuples(index=False):
        key = f"{case.column or 'row'}: {case.check}"
        counts[key] = counts.get(key, 0) + 1
    if good is None:
        good = frame.loc[~frame.index.isin(list(reasons))]
        with without():
            good = model.validate(good, lazy=True) if len(good) else good
    return Validated(good, quarantine, counts)


def _column(frame: pd.DataFrame, *names: str) -> object:
    """The first of `names` the frame has, as an array; None for every row when it has none."""
    for name in names:
        if name in frame.columns:
            return frame[name].to_numpy()
    return [None] * len(frame)
