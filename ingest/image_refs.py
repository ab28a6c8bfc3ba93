"""Container image references a page writes ("ubuntu:24.04", "node:20-alpine",
"gcr.io/distroless/static"), and repository slugs heading a stats line ("moby/moby — 71,521
stars"): each names its image or repository, the page's own name for its figures.

Why: size tables, Dockerfile snippets, image-size lists and repository-stats widgets on any
site name their subjects so; no gazetteer lists every image, tag and repository. Tag words and
registries are data."""

from __future__ import annotations

import re
from functools import lru_cache

from crosscheck.ingest.lexicon import trie_pattern, word_list

_NOT_IMAGES = frozenset({"localhost", "http", "https", "ftp", "file"})
_PORT = re.compile(r"\d{4,5}")  # "localhost:3000", "redis:6379": a host's port, no tag


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """name:tag (the tag a version or a tag word), or a known registry's path without a tag."""
    words = trie_pattern(sorted(word_list("image_tag_words")))
    registries = trie_pattern(sorted(word_list("image_registries")))
    segment = r"[a-z0-9][a-z0-9._-]*"
    tag = rf"(?:\d[\w.-]*|(?:{words})(?:-[a-z0-9.]+)*)"
    # the name starts with a letter: "11:00", "16:10" are times and ratios
    tagged = rf"[a-z][a-z0-9._-]*(?:/{segment})*:{tag}"
    registry_path = rf"(?:{registries})(?:/{segment})+(?::{tag})?"
    return re.compile(rf"(?<![\w/.:@-])(?:{registry_path}|{tagged})(?![\w/:])")


# "moby/moby — 71,521 stars": a repository slug heading a line, a dash, then its figures
_REPO_LEAD = re.compile(
    r"^[^\w]{0,4}(?P<slug>[A-Za-z0-9][\w.-]{0,38}/[A-Za-z0-9][\w.-]{0,99})\s+[—–-]\s+[~≈]?\d"
)


def repo_slugs(texts: list[str]) -> list[str]:
    """Repository slugs heading a line of figures, in page order, each once."""
    found = [m.group("slug") for t in texts if "/" in t[:50] for m in [_REPO_LEAD.match(t)] if m]
    return list(dict.fromkeys(found))


_COLON = re.compile(r"[a-z0-9]:[a-z0-9]")  # where a "name:tag" may be


@lru_cache(maxsize=1)
def _registries() -> tuple[str, ...]:
    return tuple(word_list("image_registries"))


def image_refs(texts: list[str]) -> list[str]:
    """The image references of the page's texts, in page order, each once."""
    found: list[str] = []
    pattern = _pattern()
    registries = _registries()
    for text in texts:
        tagged = ":" in text and _COLON.search(text) is not None
        if not tagged and not ("/" in text and any(r in text for r in registries)):
            continue  # most lines: no "name:tag" colon, no registry path (a plain find each)
        for match in pattern.finditer(text):
            ref = match.group(0).rstrip(".-")
            name, _, tag = ref.partition(":")
            if name in _NOT_IMAGES or _PORT.fullmatch(tag):
                continue
            found.append(ref)
    return list(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _code_lead() -> re.Pattern[str]:
    leads = "|".join(re.escape(w) for w in word_list("image_code_leads"))
    return re.compile(rf"^(?:{leads})\s+(?:--\S+\s+)*(?P<ref>\S+)(?:\s+AS\s+\S+)?$")


def without_code_lead(name: str) -> str:
    """ "FROM ubuntu:22.04" -> "ubuntu:22.04": a Dockerfile or command word before an image
    reference is code, not the image's name; any other name is returned as is."""
    match = _code_lead().match(name)
    if match is None or not _pattern().fullmatch(match.group("ref")):
        return name
    return match.group("ref")
