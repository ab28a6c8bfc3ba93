"""The positional group helpers the rules loop over agree with the frame-slicing ones."""

from __future__ import annotations

import numpy as np
import pandas as pd
from crosscheck.checks.columns import Columns
from crosscheck.checks.grouping import (
    distinct_counts,
    group_ids,
    group_positions,
    groups,
    key_ids,
    members_of,
    sorted_codes,
    with_codes,
)


def _frame() -> pd.DataFrame:
    """Rows out of key order, a missing key (None in an object column, as run_checks hands
    the rules text) and a non-default index, as filtered frames have."""
    index = [10, 11, 13, 17, 19, 23]
    return pd.DataFrame(
        {
            "source": pd.Series(["b", "a", "b", "a", None, "a"], index=index, dtype=object),
            "metric": pd.Series(["x", "y", "x", "x", "x", "y"], index=index, dtype=object),
            "point": [1.0, 2.0, 3.0, 4.0, 5.0, np.nan],
        },
        index=index,
    )


def test_group_positions_give_the_rows_of_groups_in_the_same_order() -> None:
    df = _frame()
    by_position = [(key, df.iloc[at]) for key, at in group_positions(df, ["source", "metric"])]
    by_slicing = list(groups(df, ["source", "metric"]))
    assert [key for key, _ in by_position] == [key for key, _ in by_slicing]
    for (_, a), (_, b) in zip(by_position, by_slicing, strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_group_positions_of_an_empty_frame() -> None:
    assert group_positions(_frame().iloc[:0], ["source"]) == []


def test_members_of_finds_the_whole_group_of_each_label() -> None:
    df = _frame()
    members = members_of(df, ["source", "metric"], pd.Index([23, 10, 19]))
    assert [list(at) for at in members] == [[1, 5], [0, 2], [4]]


def test_columns_rows_hold_what_the_frame_rows_hold() -> None:
    df = _frame()
    rows = Columns(df, ["source", "point"])
    assert len(rows) == len(df)
    for position in range(len(df)):
        expected = df.iloc[position][["source", "point"]].to_dict()
        got = rows.row(position)
        assert got.keys() == expected.keys()
        assert got["source"] == expected["source"]
        assert got["point"] == expected["point"] or np.isnan(got["point"])


def _same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two numberings of the rows put the same rows together."""
    return len(set(zip(a.tolist(), b.tolist(), strict=True))) == len(set(a)) == len(set(b))


def test_unordered_group_ids_make_the_same_groups_with_or_without_carried_codes() -> None:
    df = _frame()
    ordered = group_ids(df, ["source", "metric"])
    assert _same_partition(ordered, group_ids(df, ["source", "metric"], ordered=False))
    coded = with_codes(df, ["source"])  # one key carried, the other factorized unsorted
    assert _same_partition(ordered, group_ids(coded, ["source", "metric"], ordered=False))
    assert len(set(ordered)) == 4  # (b, x) twice, (a, y) twice, (a, x), (missing, x)


def test_distinct_counts_count_as_nunique_per_group() -> None:
    df = _frame().assign(value=["p", "q", "p", None, "r", "q"])
    expected = df.groupby(["metric"])["value"].transform("nunique").to_numpy()
    assert distinct_counts(df, ["metric"], "value").tolist() == expected.tolist()


def test_key_ids_name_the_same_keys_alike_in_frames_cut_from_one_coded_frame() -> None:
    df = with_codes(_frame(), ["source", "metric"])
    some = df.iloc[[0, 4]]  # ("b", "x") and (missing, "x")
    mine, theirs = key_ids([df, some], ["source", "metric"]) or ([], [])
    wanted = pd.MultiIndex.from_frame(some[["source", "metric"]].astype(object).fillna("\0"))
    expected = pd.MultiIndex.from_frame(df[["source", "metric"]].astype(object).fillna("\0"))
    assert np.isin(mine, theirs).tolist() == expected.isin(wanted).tolist()
    assert np.isin(mine, theirs).tolist() == [True, False, True, False, True, False]
    assert key_ids([_frame()], ["source"]) is None  # no carried codes: the caller falls back


def test_sorted_codes_rank_by_text_with_missing_as_minus_one() -> None:
    texts = pd.Series(["b", "a", None, "a", "c"], dtype=object)
    assert sorted_codes(texts).tolist() == [1, 0, -1, 0, 2]
    numbers = pd.Series([10.0, 9.0, np.nan, 10.0])  # by their text: "10.0" before "9.0"
    assert sorted_codes(numbers).tolist() == [0, 1, -1, 0]
    mixed = pd.Series([2, "10", None, 2], dtype=object)  # "10" before "2"
    assert sorted_codes(mixed).tolist() == [1, 0, -1, 1]
