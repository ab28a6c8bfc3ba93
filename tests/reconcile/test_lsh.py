"""LSH band keys: the same keys in every process (they decide which partition a page's keys
go to), and candidate pairs that find a copy keeping only part of a page."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from crosscheck.reconcile.copies import (
    CopyConfig,
    Representatives,
    _shingles,
    candidate_rows,
    rep_rows,
)
from crosscheck.reconcile.duplicates import TextCopyConfig, text_copies
from crosscheck.reconcile.lsh import bucket_pairs, sketch_band_keys, sketch_band_pairs

from crosscheck.common.passages import page_passages
from crosscheck.contracts import PASSAGE_COLUMNS
from tests.reconcile.facts_factory import fact, facts_frame

REPO = Path(__file__).resolve().parents[2]
ENTITIES = ["Lapin", "Corbeau"]


def _article(rng: random.Random, sentences: int) -> list[str]:
    """Sentences of made-up words; every fourth names a product (what a finding quotes)."""
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnoprstuvwy") for _ in range(rng.randint(3, 9)))
        for _ in range(4000)
    ]
    out = []
    for i in range(sentences):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(9, 15))]
        if i % 4 == 0:
            words.insert(rng.randint(0, len(words)), rng.choice(ENTITIES))
        out.append(" ".join(words).capitalize() + ".")
    return out


def _passages(pages: dict[str, str]) -> pd.DataFrame:
    rows = []
    for source, text in pages.items():
        p = page_passages(source, text, ENTITIES, markup=False)
        rows.append((p.source, p.sketch, p.shingles, p.quotes))
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS)


def band_keys_of_fixed_pages() -> dict[str, list[str]]:
    """Text and figure band keys of fixed pages (called in other processes by the test)."""
    article = _article(random.Random(3), 60)
    passages = _passages({"a.example": "\n".join(article), "b.example": "\n".join(article[:40])})
    text = sketch_band_keys(
        passages["source"].tolist(), passages["sketch"].tolist(), TextCopyConfig().candidate_hashes
    )
    facts = facts_frame(
        [
            fact(src, e, "throughput", 100e6 * (i + 1), unit="B/s", raw=f"{100 * (i + 1)} MB/s")
            for src in ("a.example", "b.example")
            for i, e in enumerate(["Lapin", "Corbeau", "Hibou", "Renard", "Loutre", "Castor"])
        ]
    )
    names, src, shingle = _shingles(facts)
    empty = np.empty(0, dtype=np.int64)
    reps = Representatives(np.empty(0, dtype=object), empty, names, empty)
    rep, rep_shingle = rep_rows(names, src, shingle, reps)
    figure = candidate_rows(rep, rep_shingle, CopyConfig())
    return {
        "text": [f"{p}:{k}" for p, k in zip(text["page"], text["key"], strict=True)],
        "figure": [str(k) for k in figure["key"]],
        "shingles": [str(s) for s in shingle],
    }


def _in_process(hash_seed: str) -> tuple[dict[str, list[str]], int]:
    code = (
        "import json; from tests.reconcile.test_lsh import band_keys_of_fixed_pages as k; "
        "print(json.dumps([k(), hash('crosscheck')]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    keys, salted = json.loads(done.stdout)
    return keys, salted


def test_band_keys_are_the_same_in_every_process() -> None:
    here = band_keys_of_fixed_pages()
    first, salt_1 = _in_process("1")
    second, salt_2 = _in_process("2")
    assert salt_1 != salt_2  # Python's str hash did change between the two processes
    assert here == first == second
    assert len(here["text"]) == 128 and len(here["figure"]) == 2 * CopyConfig().bands


def test_a_copy_keeping_part_of_a_page_is_proposed_and_found() -> None:
    """A copy made of a third of a page (plus a line of its own) shares a third of the page's
    5-grams: a Jaccard of about 0.3, far below what aligned bands catch (20 × 5 rows: 5 %),
    but a containment of ~0.9. The sketch's smallest values propose it for every one of 40
    random pages and cuts, with at least 10 keys in common where 2 are needed."""
    hits = []
    for seed in range(40):
        rng = random.Random(seed)
        article = _article(rng, 90)
        start = rng.randint(0, 60)
        copy = [*article[start : start + 30], "Our own note closes this page for the readers."]
        passages = _passages({"orig.example": "\n".join(article), "copy.example": "\n".join(copy)})
        keys = sketch_band_keys(["orig", "copy"], passages["sketch"].tolist(), 64)
        found = sketch_band_pairs(keys, TextCopyConfig().max_pages_per_shingle)
        hits.append(int(found["hits"].sum()) if len(found) else 0)
        if start <= 12:
            # and verified when the statements it repeats are among the 12 the original keeps
            pairs = text_copies(passages)
            assert [(p.copy, p.original) for p in pairs] == [("copy.example", "orig.example")]
    assert min(hits) >= 10


def test_pages_sharing_little_text_are_not_proposed() -> None:
    """Two pages sharing two sentences of ninety (~16 of ~1,100 5-grams): about 64 × 16 / 1,100
    ≈ 0.9 keys in common, so about a quarter are proposed (two keys needed), and the
    verification rejects every one."""
    proposed = 0
    for seed in range(20):
        rng = random.Random(100 + seed)
        a, b = _article(rng, 90), _article(rng, 90)
        b[10:12] = a[50:52]
        passages = _passages({"a.example": "\n".join(a), "b.example": "\n".join(b)})
        keys = sketch_band_keys(["a", "b"], passages["sketch"].tolist(), 64)
        proposed += len(sketch_band_pairs(keys, 16)[lambda f: f["hits"] >= 2])
        assert text_copies(passages) == []
    assert 0 < proposed <= 10


def test_a_bucket_of_many_members_is_linked_as_a_star() -> None:
    rows = pd.DataFrame(
        {"band": [0] * 5 + [1] * 2, "key": [9] * 5 + [9, 9], "member": [4, 2, 8, 6, 3, 5, 7]}
    )
    star = bucket_pairs(rows.astype({"key": np.uint64}), all_pairs_max=3)
    assert star.tolist() == [[2, 3], [2, 4], [2, 6], [2, 8], [5, 7]]
    every = bucket_pairs(rows.astype({"key": np.uint64}), all_pairs_max=8)
    assert len(every) == 10 + 1
