"""The stage contracts' rules as plain data, read from the pandera models once per content.

Why: importing pandera (with pydantic and typeguard) and building the models' schemas cost a
small run ~0.25 CPU-s, only to read rules its frames all pass. The rules of each model (the
columns' dtype, nullable, unique, built-in and own checks, and which dtypes pandera's coercion
keeps) are read from the schema and pickled in the user's cache folder, keyed by the sources
that define them and the versions of pandera, pandas, numpy and Python; an edited model or
another pandera is read again. Nothing here restates a rule: it is pandera's schema, kept.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from crosscheck.common import frame_checks
from crosscheck.common.user_cache import cache_folder, keep_newest

if TYPE_CHECKING:
    import pandera.pandas as pa

#: The stage contracts (the models of crosscheck.common.schemas), by name.
ModelName = Literal["ClaimModel", "FactModel", "FindingModel"]
MODEL_NAMES: tuple[ModelName, ...] = ("ClaimModel", "FactModel", "FindingModel")

#: The built-in checks the fast pass understands (pandera's names); any other check that is
#: not a model's own (a function of common.frame_checks) sends the frame to pandera.
KNOWN_CHECKS = frozenset({"str_length", "isin", "greater_than_or_equal_to"})

#: What decides the rules: these modules' sources (the models, the closed sets and units they
#: list, the own checks, this description's shape) and the libraries' versions.
_SOURCES = (
    "crosscheck.common.schemas",
    "crosscheck.common.contracts",
    "crosscheck.common.units",
    "crosscheck.common.frame_checks",
    "crosscheck.common.contract_rules",
)
_PROTOCOL = 5
#: Rule files kept (one per version of the sources, from every checkout on the machine)
KEEP_FILES = 16


@dataclass(frozen=True)
class CheckRule:
    """One column check: a built-in (its pandera name and statistics) or a model's own check
    (`own`: the function of that name in common.frame_checks)."""

    name: str
    statistics: dict[str, Any]
    ignore_na: bool
    own: bool


@dataclass(frozen=True)
class ColumnRules:
    """One column's rules. `target` is the dtype pandera's coercion casts to with a plain
    `astype` (None: pandera's own coercion, asked live); `keeps` says, for the dtypes asked
    when the rules were read, whether that coercion leaves a column of the dtype as it is."""

    name: str
    required: bool
    nullable: bool
    unique: bool
    checks: tuple[CheckRule, ...]
    target: Any
    keeps: tuple[tuple[Any, bool], ...]

    def kept(self, dtype: Any) -> bool | None:
        """Whether coercion keeps a column of `dtype`; None when it was not asked."""
        for known, keeps in self.keeps:
            if type(known) is type(dtype) and known == dtype and repr(known) == repr(dtype):
                return keeps
        return None


@dataclass(frozen=True)
class ModelRules:
    """A model's rules, as its schema holds them; `frame_checks` names its frame-wide own
    checks (functions of common.frame_checks)."""

    name: str
    columns: tuple[ColumnRules, ...]
    frame_checks: tuple[str, ...]


def _simple_schema(schema: Any) -> bool:
    """A coercing schema with no option the fast pass does not implement."""
    return bool(schema.coerce) and not (
        schema.strict
        or schema.ordered
        or schema.unique
        or schema.add_missing_columns
        or schema.drop_invalid_rows
        or getattr(schema, "parsers", None)
        or getattr(schema, "index", None) is not None
    )


def _own(check: Any) -> bool:
    """A model's own check the fast pass can call: a plain function of the same name."""
    return (
        getattr(check, "_check_fn", None) is not None
        and not check.statistics
        and not check.element_wise
        and callable(getattr(frame_checks, check.name, None))
    )


def _check_rule(check: Any) -> CheckRule | None:
    if check.groupby is not None:
        return None
    if check.name in KNOWN_CHECKS:
        return CheckRule(check.name, dict(check.statistics), bool(check.ignore_na), own=False)
    if _own(check):
        return CheckRule(check.name, {}, bool(check.ignore_na), own=True)
    return None


def _plain_target(dtype: Any) -> Any:
    """The dtype pandera's coercion to `dtype` casts to with a plain `astype`, else None."""
    from pandera.engines import pandas_engine

    kind = type(dtype)
    plain = kind.coerce is pandas_engine.DataType.coerce
    plain = plain and kind.try_coerce is pandas_engine.DataType.try_coerce
    return dtype.type if plain else None


def _keeps(column: Any, dtype: Any) -> bool:
    """Whether pandera's coercion leaves an empty column of `dtype` as it is."""
    try:
        coerced = column.dtype.coerce(pd.Series([], dtype=dtype))
    except Exception:  # pandera cannot coerce it: let pandera say so
        return False
    return bool(coerced.dtype == dtype) and repr(coerced.dtype) == repr(dtype)


def describe(model: type[pa.DataFrameModel]) -> ModelRules | None:
    """`model`'s rules read from its schema; None when the schema or a column has anything
    the fast pass does not implement (pandera then judges every frame)."""
    schema = model.to_schema()
    if not _simple_schema(schema):
        return None
    columns = []
    for name, column in schema.columns.items():
        if column.regex or getattr(column, "parsers", None):
            return None
        checks = tuple(_check_rule(c) for c in column.checks)
        if any(c is None for c in checks):
            return None
        target = _plain_target(column.dtype)
        asked = [np.dtype(object), np.dtype("int64"), np.dtype("float64"), np.dtype(bool)]
        asked = [column.dtype.type, *(d for d in asked if d != column.dtype.type)]
        keeps = tuple((d, _keeps(column, d)) for d in asked)
        columns.append(
            ColumnRules(
                name,
                bool(column.required),
                bool(column.nullable),
                bool(column.unique),
                tuple(c for c in checks if c is not None),
                target,
                keeps,
            )
        )
    frame_wide = []
    for check in schema.checks:
        if check.groupby is not None or not _own(check):
            return None
        frame_wide.append(check.name)
    return ModelRules(model.__name__, tuple(columns), tuple(frame_wide))


def _describe_all() -> dict[str, ModelRules | None]:
    from crosscheck.common import schemas
    from crosscheck.common.optional_imports import without

    with without():  # pandera's dask typing and hypothesis strategies: not for pandas
        return {name: describe(getattr(schemas, name)) for name in MODEL_NAMES}


def _source(module: str) -> bytes:
    """The text of `module`'s source file (found without importing it)."""
    loaded = sys.modules.get(module)
    origin = getattr(loaded, "__file__", None)
    if origin is None:
        spec = importlib.util.find_spec(module)
        origin = spec.origin if spec is not None else None
    if origin is None:
        raise OSError(f"no source for {module}")
    return Path(origin).read_bytes()


def _pandera_version() -> bytes:
    """pandera's version file (or its package's path and stat), without importing pandera."""
    spec = importlib.util.find_spec("pandera")
    if spec is None or spec.origin is None:
        raise OSError("pandera is not installed")
    init = Path(spec.origin)
    version = init.with_name("_version.py")
    if version.exists():
        return str(init).encode() + version.read_bytes()
    stat = init.stat()
    return f"{init}:{stat.st_size}:{stat.st_mtime_ns}".encode()


def rules_key() -> str:
    """The key of the rules: the sources that define them and the libraries that read them."""
    digest = hashlib.sha256()
    versions = (sys.version, pd.__version__, np.__version__, str(_PROTOCOL))
    digest.update("\x1f".join(versions).encode())
    digest.update(_pandera_version())
    for module in _SOURCES:
        digest.update(b"\x1e" + module.encode() + b"\x1f" + _source(module))
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _all_rules() -> dict[str, ModelRules | None]:
    """Every model's rules: from the cache folder, or read from pandera and kept there."""
    try:
        path: Path | None = cache_folder("contracts") / f"{rules_key()}.pickle"
    except OSError:  # a source not found as a file: read the models every time
        path = None
    if path is not None:
        try:
            kept = pickle.loads(path.read_bytes())
        except Exception:  # not made yet, unreadable or not ours: read the models
            kept = None
        if isinstance(kept, dict) and set(kept) == set(MODEL_NAMES):
            return kept
    rules = _describe_all()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{os.getpid()}")
            partial.write_bytes(pickle.dumps(rules, protocol=_PROTOCOL))
            os.replace(partial, path)  # a reader never sees half a file
            keep_newest(path.parent, "*.pickle", KEEP_FILES)
        except OSError:  # no writable cache folder: this process keeps its own copy
            pass
    return rules


def rules_of(model: ModelName | type[pa.DataFrameModel]) -> ModelRules | None:
    """The rules of a stage contract (by name: pandera only the first time per content) or
    of any pandera model given as a class."""
    if isinstance(model, str):
        return _all_rules()[model]
    return _described(model)


@functools.lru_cache(maxsize=16)
def _described(model: type[pa.DataFrameModel]) -> ModelRules | None:
    from crosscheck.common.optional_imports import without

    with without():
        return describe(model)
