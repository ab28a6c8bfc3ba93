"""Columns sent as categories come back as the same object values, one string per distinct
value after a round trip through pickle (what a Dask gather does)."""

from __future__ import annotations

import pickle

import pandas as pd

from crosscheck.common.shared_strings import expanded, shared


def _cited() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(6)],
            "source": ["pages/a.md"] * 3 + ["pages/b.md"] * 3,
            "role": pd.Series(["cell", "cell", None, "cell", "text", "text"], dtype=object),
            "low": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        }
    )


def test_round_trip_keeps_values_and_types() -> None:
    cited = _cited()
    sent = shared(cited, ["source", "role", "low", "absent"])
    assert isinstance(sent["source"].dtype, pd.CategoricalDtype)
    assert sent["role"].dtype == object  # a null would come back as NaN: left as it is
    assert sent["low"].dtype == cited["low"].dtype  # not objects: left as it is
    back = expanded(pickle.loads(pickle.dumps(sent)))
    pd.testing.assert_frame_equal(back, cited)
    assert back["role"].iloc[2] is None


def test_frames_of_other_categories_concatenate_back_to_their_types() -> None:
    cited = _cited().astype({"claim_id": object})
    parts = [cited.iloc[:3], cited.iloc[3:]]  # one page each: different categories
    sent = [pickle.loads(pickle.dumps(shared(p, ["claim_id", "source"]))) for p in parts]
    back = expanded(pd.concat(sent, ignore_index=True))
    pd.testing.assert_frame_equal(back, cited)
    assert back.attrs == {}


def test_gathered_rows_share_one_string_per_value() -> None:
    back = expanded(pickle.loads(pickle.dumps(shared(_cited(), ["source"]))))
    sources = back["source"].tolist()
    assert sources[0] is sources[1] is sources[2]
    assert sources[3] is sources[5]


def test_empty_and_unshared_frames_are_returned_as_they_are() -> None:
    empty = _cited().iloc[0:0]
    assert shared(empty, ["source"]) is empty
    plain = _cited()
    assert expanded(plain) is plain
