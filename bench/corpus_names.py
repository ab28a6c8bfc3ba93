"""Entity names of the synthetic corpus: the vocabulary's frameworks and invented names that
resolve to themselves (moved out of bench/corpus.py, which is not to grow)."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

ENTITIES_TOML = Path(__file__).resolve().parents[1] / "normalize" / "data" / "entities.toml"

_SYLLABLES_A = [
    "zal",
    "vor",
    "quen",
    "brook",
    "lum",
    "tre",
    "vex",
    "kor",
    "nim",
    "dra",
    "sol",
    "pyx",
    "hal",
    "ost",
    "ber",
    "cai",
    "dun",
    "fen",
    "gar",
    "jor",
    "kel",
    "mar",
    "nov",
    "orv",
    "pel",
    "rix",
    "sar",
    "tav",
    "ulm",
    "wen",
    "yar",
    "zen",
    "bex",
    "cor",
    "dax",
    "eld",
    "fyr",
    "gul",
    "hex",
    "isk",
]
_SYLLABLES_B = [
    "ix",
    "ora",
    "ent",
    "ium",
    "ark",
    "ello",
    "is",
    "an",
    "et",
    "ova",
    "ex",
    "ion",
    "us",
    "yx",
    "al",
    "or",
    "ite",
    "ume",
]
_SUFFIXES = ("", "", "", "", "JS", ".js", "Kit", "API", "Web", "Stack")


def generate_entity_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Invented framework names that resolve to themselves (no known alias is a prefix)."""
    from crosscheck.normalize.entities import resolve_entity

    names: list[str] = []
    while len(names) < count:
        first = rng.choice(_SYLLABLES_A).capitalize()
        name = first + rng.choice(_SYLLABLES_A) + rng.choice(_SYLLABLES_B)
        name += rng.choice(_SUFFIXES)
        key = name.lower()
        if key in taken or len(name) > 16:
            continue
        match = resolve_entity(name)
        if match.known or match.entity != name or match.qualifier:
            continue
        taken.add(key)
        names.append(name)
    return names


def real_framework_names() -> dict[str, str]:
    """The vocabulary's frameworks and their languages (the component servers left out)."""
    doc = tomllib.loads(ENTITIES_TOML.read_text(encoding="utf-8"))
    skip = {"Uvicorn"}
    return {
        e["name"]: e.get("language", "python")
        for e in doc.get("entity", [])
        if e["kind"] == "framework" and e["name"] not in skip
    }
