"""Read and validate the vocabulary TOML into Metrics, with precise errors for each bad key.

Kept apart from matching (:mod:`normalize.vocabulary`) so the file format can be read alone.
"""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from crosscheck.normalize.errors import VocabularyError
from crosscheck.normalize.vocabulary_types import CATEGORY_DIMENSION, UNIT_KINDS, Metric

from crosscheck.common import toml_cache
from crosscheck.contracts import CANONICAL_UNITS, UNMAPPED_METRIC, ValueType

_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "dimension": str,
    "value_type": str,
    "label_patterns": list,
    "aliases": list,
    "tolerance": (int, float),
    "entity_specific": bool,
    "context_keywords": list,
    "description": str,
    "qualifiers": dict,
    "bare_unit": str,
    "written_in": str,
}
_OPTIONAL = {"qualifiers", "bare_unit", "written_in"}
_ID = re.compile(r"[a-z][a-z0-9_]*")


def packaged_data(filename: str) -> Traversable:
    """A data file shipped in normalize/data, via importlib.resources where it works.

    `normalize` is a namespace package; under an editable install its path holds a finder
    hook that importlib.resources rejects (NotADirectoryError), so fall back to this file's dir.
    """
    try:
        return files("crosscheck.normalize").joinpath("data", filename)
    except (NotADirectoryError, TypeError, ModuleNotFoundError):
        return Path(__file__).resolve().parent / "data" / filename


def _read(path: Path | str | None) -> tuple[str, dict[str, Any]]:
    source = Path(path) if path is not None else packaged_data("metrics.toml")
    name = str(source)
    try:
        return name, toml_cache.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabularyError(name, "<file>", f"cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError(name, "<file>", f"not valid TOML: {exc}") from exc


def _regex(name: str, key: str, pattern: object) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise VocabularyError(name, key, "expected a non-empty regex string")
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise VocabularyError(name, key, f"bad regex {pattern!r}: {exc}") from exc


def _strings(name: str, key: str, value: list[Any]) -> tuple[str, ...]:
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise VocabularyError(name, f"{key}[{i}]", "expected a non-empty string")
    return tuple(value)


def _metric(name: str, key: str, raw: Any) -> Metric:
    if not isinstance(raw, dict):
        raise VocabularyError(name, key, "expected a table")
    for field_name in sorted(raw.keys() - _FIELDS.keys()):
        raise VocabularyError(name, f"{key}.{field_name}", "unknown key")
    for field_name, kind in _FIELDS.items():
        if field_name not in raw and field_name not in _OPTIONAL:
            raise VocabularyError(name, f"{key}.{field_name}", "missing")
        if field_name in raw and not isinstance(raw[field_name], kind):
            raise VocabularyError(name, f"{key}.{field_name}", f"expected {kind}")
    mid, dim = raw["id"], raw["dimension"]
    if not _ID.fullmatch(mid) or mid == UNMAPPED_METRIC:
        raise VocabularyError(name, f"{key}.id", f"{mid!r} is not a valid metric id")
    key = f"{key} ({mid})"
    if dim != CATEGORY_DIMENSION and dim not in CANONICAL_UNITS:
        raise VocabularyError(name, f"{key}.dimension", f"unknown dimension {dim!r}")
    try:
        value_type = ValueType(raw["value_type"])
    except ValueError:
        raise VocabularyError(name, f"{key}.value_type", "not numeric/categorical") from None
    if (value_type is ValueType.CATEGORICAL) != (dim == CATEGORY_DIMENSION):
        raise VocabularyError(name, f"{key}.value_type", "categorical iff dimension=category")
    if raw["tolerance"] < 0 or isinstance(raw["tolerance"], bool):
        raise VocabularyError(name, f"{key}.tolerance", "expected a number >= 0")
    if not raw["label_patterns"]:
        raise VocabularyError(name, f"{key}.label_patterns", "at least one pattern needed")
    keywords = _strings(name, f"{key}.context_keywords", raw["context_keywords"])
    ordered = sorted({k.lower() for k in keywords}, key=len, reverse=True)
    patterns = tuple(
        _regex(name, f"{key}.label_patterns[{i}]", p) for i, p in enumerate(raw["label_patterns"])
    )
    bare_unit, bare_factor = _bare_unit(name, key, raw.get("bare_unit"), dim)
    written_in = raw.get("written_in")
    if written_in is not None and written_in not in UNIT_KINDS:
        raise VocabularyError(name, f"{key}.written_in", f"expected one of {UNIT_KINDS}")
    return Metric(
        id=mid,
        dimension=dim,
        value_type=value_type,
        label_patterns=patterns,
        aliases=_strings(name, f"{key}.aliases", raw["aliases"]),
        qualifiers=tuple(
            (q, _regex(name, f"{key}.qualifiers.{q}", p))
            for q, p in raw.get("qualifiers", {}).items()
        ),
        tolerance=float(raw["tolerance"]),
        entity_specific=raw["entity_specific"],
        context_keywords=keywords,
        description=raw["description"],
        keyword_pattern=re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(k) for k in ordered) + r")(?!\w)", re.IGNORECASE
        )
        if ordered
        else None,
        any_pattern=re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE),
        bare_unit=bare_unit,
        bare_factor=bare_factor,
        written_in=written_in,
    )


def _bare_unit(name: str, key: str, unit: str | None, dim: str) -> tuple[str | None, float]:
    """The unit a figure of this metric is in when written without one, and its factor."""
    if unit is None:
        return None, 1.0
    from crosscheck.normalize.units import (
        resolve_unit,  # units reads its data files through this module
    )

    info = resolve_unit(unit)
    if info is None or info.dimension != dim:
        raise VocabularyError(name, f"{key}.bare_unit", f"{unit!r} is no unit of {dim}")
    return unit, info.factor


def _metrics(name: str, doc: dict[str, Any]) -> dict[str, Metric]:
    entries = doc.get("metric", [])
    if not isinstance(entries, list):
        raise VocabularyError(name, "metric", "expected an array of [[metric]] tables")
    out: dict[str, Metric] = {}
    for i, raw in enumerate(entries):
        metric = _metric(name, f"metric[{i}]", raw)
        if metric.id in out:
            raise VocabularyError(name, f"metric[{i}].id", f"duplicate id {metric.id!r}")
        out[metric.id] = metric
    return out


def read_vocabulary(
    path: Path | str | None = None, overrides: Path | str | None = None
) -> tuple[str, dict[str, Metric]]:
    """The version and metrics of the packaged (or given) file, `overrides` applied by id.

    The version of an overridden vocabulary is "<base>+<override version or 'local'>" so that
    facts record that a local mapping was in force.
    """
    name, doc = _read(path)
    version = doc.get("version")
    if not isinstance(version, str) or not version.strip():
        raise VocabularyError(name, "version", "missing or not a string")
    metrics = _metrics(name, doc)
    if not metrics:
        raise VocabularyError(name, "metric", "no [[metric]] entries")
    if overrides is not None:
        o_name, o_doc = _read(overrides)
        o_version = o_doc.get("version", "local")
        if not isinstance(o_version, str) or not o_version.strip():
            raise VocabularyError(o_name, "version", "not a non-empty string")
        metrics.update(_metrics(o_name, o_doc))
        version = f"{version}+{o_version}"
    return version, metrics
