"""The held-out lists of the synthetic corpus stay out of the vocabulary and the gazetteer
(issue 16): a page built from them measures the open vocabulary, so nobody may "fix" the
benchmark by adding them to normalize/data. Their number formats hold the truth they stand for."""

from __future__ import annotations

import random
import re
import tomllib

import pytest
from crosscheck.normalize.vocabulary import load_vocabulary

from bench.corpus import Generator
from bench.corpus_heldout import FORMATS, heldout_figure, load_heldout
from bench.corpus_metrics import ENTITIES_TOML, METRICS_TOML
from bench.corpus_numbers import consistent
from crosscheck.common.gazetteer import load_gazetteer

HELDOUT = load_heldout()


def _aliases() -> set[str]:
    doc = tomllib.loads(METRICS_TOML.read_text(encoding="utf-8"))
    return {a.casefold() for m in doc["metric"] for a in [m["id"], *m.get("aliases", [])]}


def test_the_lists_are_not_empty() -> None:
    assert len(HELDOUT.entities) >= 20
    assert sum(len(v) for v in HELDOUT.labels.values()) >= 15
    assert set(HELDOUT.formats) == set(FORMATS)


@pytest.mark.parametrize("entity", HELDOUT.entities)
def test_no_heldout_entity_is_a_gazetteer_name_or_alias(entity: str) -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.canonical(entity) is None
    assert entity.casefold() not in gazetteer.by_alias
    assert not any(entity.casefold() in alias.split() for alias in gazetteer.by_alias)
    text = ENTITIES_TOML.read_text(encoding="utf-8")
    assert not re.search(rf"(?<![\w.]){re.escape(entity)}(?![\w])", text, re.IGNORECASE)


@pytest.mark.parametrize(
    "label", [lab for labels in HELDOUT.labels.values() for lab in labels], ids=str
)
def test_no_heldout_label_is_an_alias_or_matches_a_metric(label) -> None:  # type: ignore[no-untyped-def]
    vocabulary = load_vocabulary()
    assert label.text.casefold() not in _aliases()
    metrics_text = METRICS_TOML.read_text(encoding="utf-8").casefold()
    assert f'"{label.text.casefold()}"' not in metrics_text
    for hint in (label.unit or None, None):
        match = vocabulary.match_label(label.text, hint, None)
        assert match.metric == "unmapped", (label, match)
        assert match.metric not in vocabulary


_SHAPES = {
    "space_groups": re.compile(r"^\d{1,3}(?: \d{3})+$"),
    "k_suffix": re.compile(r"^\d+(?:\.\d+)?k$"),
    "million_word": re.compile(r"^\d+(?:\.\d+)? million$"),
    "approx_sign": re.compile(r"^≈\d"),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_heldout_formats_are_written_as_named_and_hold_the_truth(fmt: str) -> None:
    rng = random.Random(3)
    written = 0
    for _ in range(300):
        truth = 10 ** rng.uniform(1.2, 7.5)
        w = heldout_figure(fmt, truth, 0.1)  # type: ignore[arg-type]
        if w is None:
            continue
        written += 1
        assert _SHAPES[fmt].match(w.raw), w.raw
        assert consistent(w, truth, 0.1)
    assert written >= 30


def test_the_template_writer_never_prints_a_heldout_format() -> None:
    gen = Generator(7, 50)
    rng = random.Random(5)
    for metric in gen.specs:
        for _ in range(40):
            truth = gen.truth[rng.choice(gen.entities)].get(metric)
            if truth is None:
                continue
            for w in (
                gen.writer.clean(rng, metric, truth, None),
                gen.writer.wrong(rng, metric, truth, None),
            ):
                number = w.raw.split(" req")[0].split(" ms")[0]
                for fmt, shape in _SHAPES.items():
                    assert not shape.match(number), (fmt, w.raw)
