"""The packaged TOML data files (vocabulary, entities, lexicon, units), parsed once per content.

Why: a small run parses ~130 KB of TOML (~0.05 CPU-s in tomllib, the entities file three
times); a pickle of the parsed document loads in a twentieth of that. The pickle is kept in
the user's cache folder under the sha256 of the text, so an edited file is parsed again, and
each caller gets its own copy (callers may change what they are given).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tomllib
from typing import Any

from crosscheck.common.user_cache import cache_folder, keep_newest

#: pickle.HIGHEST_PROTOCOL may differ between the Pythons sharing a cache folder
_PROTOCOL = 5
#: Texts shorter than this parse in well under a millisecond: not worth a file
MIN_CACHED_CHARS = 4096
#: Parsed files kept (each data file's recent versions, from every checkout on the machine)
KEEP_FILES = 64


def loads(text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`, from the cache when this text was parsed before (by this process
    or an earlier one); raises tomllib.TOMLDecodeError as tomllib does."""
    blob = _pickled(text)  # raises TOMLDecodeError for a text that is no TOML
    try:
        document = pickle.loads(blob)
    except Exception:  # a cache file that is not ours (or damaged): parse the text
        document = None
    return document if isinstance(document, dict) else tomllib.loads(text)


@functools.lru_cache(maxsize=32)
def _pickled(text: str) -> bytes:
    """The parsed document of `text`, pickled: read from the cache folder, or parsed and kept."""
    if len(text) < MIN_CACHED_CHARS:
        return pickle.dumps(tomllib.loads(text), protocol=_PROTOCOL)
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    path = cache_folder("toml") / f"{key}.pickle"
    try:
        return path.read_bytes()
    except OSError:  # not parsed yet (or unreadable): parse and keep it
        pass
    blob = pickle.dumps(tomllib.loads(text), protocol=_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_bytes(blob)
        os.replace(partial, path)  # a reader never sees half a file
        keep_newest(path.parent, "*.pickle", KEEP_FILES)
    except OSError:  # no writable cache folder: this process keeps its own copy
        pass
    return blob
