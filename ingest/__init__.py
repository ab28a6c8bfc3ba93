"""Ingest stage: sources → snapshots → claims.

Public entry points: :func:`parse_snapshot` (one page, offline) and :func:`claims_frame`
(many parsed pages as one DataFrame with the CLAIM_COLUMNS contract). Fetching lives in
:mod:`ingest.sources` / :mod:`ingest.fetch`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from crosscheck.ingest.parse import ParsedPage, parse_snapshot

from crosscheck.contracts import CLAIM_COLUMNS

__all__ = ["ParsedPage", "claims_frame", "parse_snapshot"]


def claims_frame(pages: Iterable[ParsedPage]) -> pd.DataFrame:
    """All claims of the given pages as one frame with exactly the CLAIM_COLUMNS."""
    rows = [claim for page in pages for claim in page.claims]
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    return frame.astype({"value_start": "int64"}) if len(frame) else frame
