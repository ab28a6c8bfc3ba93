"""Held-out labels, entity names and number formats for the synthetic corpus (issue 16).

The template pages draw every label from the vocabulary, so their score grades the vocabulary by
itself. These lists (bench/data/heldout.toml) are kept out of normalize/data on purpose
(tests/bench/test_heldout.py): a page built from them measures the open vocabulary.
"""

from __future__ import annotations

import math
import random
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from bench.corpus_numbers import Written, _sig, consistent, fig, num
from bench.corpus_settings import _LANGUAGES
from bench.corpus_text import _FEATURES

if TYPE_CHECKING:
    from bench.corpus import Generator
    from bench.truth import Truth

HELDOUT_TOML = Path(__file__).resolve().parent / "data" / "heldout.toml"
HELDOUT_MARK = " (held-out label)"  # ends a mention's `where` when its label is held out
TEMPLATE_ENTITY_SHARE = 0.25  # template pages with one held-out name among their two
Format = Literal["space_groups", "k_suffix", "million_word", "approx_sign"]
FORMATS: tuple[Format, ...] = ("space_groups", "k_suffix", "million_word", "approx_sign")


@dataclass(frozen=True)
class HeldOutLabel:
    """A metric label no vocabulary entry matches, and the unit its header carries."""

    metric: str
    text: str
    unit: str  # "" = a bare count

    @property
    def header(self) -> str:
        return f"{self.text} ({self.unit})" if self.unit else self.text


@dataclass(frozen=True)
class HeldOut:
    entities: tuple[str, ...]
    labels: dict[str, tuple[HeldOutLabel, ...]]
    formats: tuple[Format, ...]


@lru_cache(maxsize=2)
def load_heldout(path: Path = HELDOUT_TOML) -> HeldOut:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    labels = {
        metric: tuple(HeldOutLabel(metric, item["label"], item.get("unit", "")) for item in items)
        for metric, items in doc["labels"].items()
    }
    formats = tuple(f for f in doc["formats"] if f in FORMATS)
    unknown = set(doc["formats"]) - set(formats)
    if unknown:
        raise ValueError(f"{path}: unknown number format(s) {sorted(unknown)}; known: {FORMATS}")
    return HeldOut(tuple(doc["entities"]), labels, formats)


def _grouped(value: float) -> str:
    """12400 -> '12 400' (plain spaces between groups of three)."""
    return num(value).replace(",", " ")


def heldout_figure(fmt: Format, truth: float, tolerance: float) -> Written | None:
    """A bare figure in a held-out format whose reading holds `truth`, or None when the format
    does not suit the value (no "k" under a thousand) or would not hold it."""
    w: Written | None = None
    if fmt == "space_groups" and truth >= 1_000:
        text, v = fig(_sig(truth, 3))
        w = Written(_grouped(v), v, v, "exact")
    elif fmt == "k_suffix" and 1_000 <= truth < 1_000_000:
        text, k = fig(_sig(truth / 1000, 3))
        w = Written(f"{text}k", k * 1000, k * 1000, "exact")
    elif fmt == "million_word" and truth >= 1_000_000:
        text, m = fig(_sig(truth / 1e6, 2))
        w = Written(f"{text} million", m * 1e6, m * 1e6, "exact")
    elif fmt == "approx_sign" and truth >= 10:
        text, v = fig(_sig(truth, 2))
        w = Written(f"≈{text}", v, v, "approximate")
    if w is None or not math.isfinite(w.low) or not consistent(w, truth, tolerance):
        return None
    return w


def bare_figure(rng: random.Random, truth: float, tolerance: float, share: float) -> Written:
    """A bare figure (its header carries the unit) that holds `truth`: in a held-out format
    with probability `share` when one suits the value, else exact to three digits."""
    if rng.random() < share:
        fmt = pick_format(rng, load_heldout().formats, truth)
        w = heldout_figure(fmt, truth, tolerance) if fmt else None
        if w is not None:
            return w
    w = exact_figure(truth)
    return w if consistent(w, truth, tolerance) else Written(f"{truth:g}", truth, truth, "exact")


def exact_figure(truth: float, digits: int = 3) -> Written:
    """The truth to `digits` significant digits, as pages print it (whole under 100)."""
    if truth < 100 and truth == round(truth):
        return Written(str(int(truth)), truth, truth, "exact")
    text, v = fig(_sig(truth, digits))
    return Written(text, v, v, "exact")


def pick_format(rng: random.Random, formats: tuple[Format, ...], truth: float) -> Format | None:
    """A held-out format that suits the value, or None."""
    fitting = [f for f in formats if heldout_figure(f, truth, 1.0) is not None]
    return rng.choice(fitting) if fitting else None


def heldout_truths(gen: Generator) -> dict[str, dict[str, float]]:
    """Hidden true values of the held-out entities, drawn like the generator's own (an rng of
    their own, so the generator's other entities keep theirs)."""
    if getattr(gen, "_heldout_truth", None) is None:
        gen._heldout_truth = {
            name: gen._truths(name, random.Random(f"{gen.seed}:heldout:{name}"))
            for name in load_heldout().entities
        }
    return gen._heldout_truth


def enrol_heldout(gen: Generator) -> None:
    """Give the held-out names truths, a language and features, so any page can use them."""
    rng = random.Random(f"{gen.seed}:heldout-traits")
    for name, truths in heldout_truths(gen).items():
        gen.truth.setdefault(name, truths)
        gen.language.setdefault(name, rng.choice(_LANGUAGES))
        gen.features.setdefault(name, {f: rng.random() < 0.5 for f in _FEATURES})


def heldout_pair(seed: int, index: int, a: str, b: str) -> tuple[str, str]:
    """For a share of template pages, one of the two compared names from the held-out list."""
    rng = random.Random(f"{seed}:{index}:heldout-entity")
    if rng.random() >= TEMPLATE_ENTITY_SHARE:
        return a, b
    names = [n for n in load_heldout().entities if n not in (a, b)]
    name = rng.choice(names)
    return (name, b) if rng.random() < 0.5 else (a, name)


_FORMAT_SHAPES = (
    re.compile(r"^\d{1,3}(?: \d{3})+$"),  # space_groups
    re.compile(r"^\d+(?:\.\d+)?k$"),  # k_suffix
    re.compile(r"^\d+(?:\.\d+)? million$"),  # million_word
    re.compile(r"^≈\d"),  # approx_sign
)


def heldout_shares(truth: Truth) -> dict[str, float]:
    """Share of the corpus's figures (mentions) under a held-out label, of a held-out entity,
    and written in a held-out format; and of the pages naming a held-out entity."""
    names = set(load_heldout().entities)
    mentions = [m for page in truth.pages.values() for m in page.mentions]
    pages = [p for p in truth.pages.values() if names & set(p.entities)]
    n = len(mentions) or 1
    return {
        "figures": len(mentions),
        "label": round(sum(m.where.endswith(HELDOUT_MARK) for m in mentions) / n, 4),
        "entity": round(sum(m.entity in names for m in mentions) / n, 4),
        "format": round(sum(any(s.match(m.raw) for s in _FORMAT_SHAPES) for m in mentions) / n, 4),
        "pages_with_entity": round(len(pages) / (len(truth.pages) or 1), 4),
    }
