"""Why each claim that is no fact failed, as quarantine rows in claim order."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from crosscheck.normalize.store import ColumnStore

from crosscheck.contracts import NO_ENTITY_RAW, QUARANTINE_COLUMNS, QuarantineReason

__all__ = ["Failures", "quarantine_frame"]


@dataclass
class Failures:
    """Per claim, which rule failed it; the value store words the reading failures."""

    unreadable: np.ndarray  # the value text could not be read (the reading says why)
    needs_figure: np.ndarray  # no figure, but the label names a numeric metric
    wrong_unit: np.ndarray  # a Diff cell that is not a percentage
    value_ids: np.ndarray
    category_metric: np.ndarray
    values: ColumnStore
    no_entity: np.ndarray | None = None  # a cell beyond the named columns (named first)

    def any(self) -> np.ndarray:
        return self.unreadable | self.needs_figure | self.wrong_unit


def quarantine_frame(claims: pd.DataFrame, failed: np.ndarray, failures: Failures) -> pd.DataFrame:
    """One quarantine row per failed claim, in claim order; a missing entity is named first."""
    rows = np.flatnonzero(failed)
    if not len(rows):
        return _no_rows().copy()
    reasons, messages = [], []
    locators = claims["locator"].to_numpy()
    owners = claims["entity_raw"].to_numpy()
    stored_reasons = failures.values.column("reason")
    stored_messages = failures.values.column("message")
    raws = failures.values.column("raw")
    no_entity = failures.no_entity if failures.no_entity is not None else failed & False
    for row in rows:
        value = failures.value_ids[row]
        if no_entity[row] and owners[row] == NO_ENTITY_RAW:
            reason = QuarantineReason.UNMAPPED_ENTITY.value
            message = f"no entity for {locators[row]!r}: the page names no product it could own"
        elif no_entity[row]:
            reason = QuarantineReason.UNMAPPED_ENTITY.value
            message = (
                f"no entity for {locators[row]!r}: the row has more cells than the header names"
            )
        elif failures.unreadable[row]:
            reason, message = stored_reasons[value].value, stored_messages[value]
        elif failures.needs_figure[row]:
            reason = QuarantineReason.NO_NUMBER.value
            message = f"{failures.category_metric[row]} needs a figure but {raws[value]!r} has none"
        else:
            reason = QuarantineReason.UNIT_DIMENSION_MISMATCH.value
            message = f"a Diff cell should be a percentage, got {raws[value]!r}"
        reasons.append(reason)
        messages.append(message)
    return pd.DataFrame(
        {
            "claim_id": claims["claim_id"].to_numpy()[rows],
            "source": claims["source"].to_numpy()[rows],
            "stage": "normalize",
            "reason": reasons,
            "message": messages,
            "raw_value": claims["raw_value"].to_numpy()[rows],
        },
        columns=QUARANTINE_COLUMNS,
    )


@functools.cache
def _no_rows() -> pd.DataFrame:
    """The quarantine of a batch where every claim became a fact (most batches): built once,
    handed out as copies, the same frame the general path builds for no rows."""
    empty = np.zeros(0, dtype=object)
    columns = {"claim_id": empty, "source": empty, "stage": "normalize", "reason": [],
               "message": [], "raw_value": empty}  # fmt: skip
    return pd.DataFrame(columns, columns=QUARANTINE_COLUMNS)
