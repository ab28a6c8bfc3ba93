"""A real-shaped corpus: the shared real pages' layouts with their entities renamed and their
figures varied, so the benchmark also times the shapes real sites use.

Why: the synthetic corpus is one site's template; the real pages are leaderboards of twenty
entities, READMEs of tool output, stat cards and prose in several languages, which cost the
parser differently. Pages are generated at bench time from ``../shared/real-pages`` (no
third-party text is committed) into ``bench/out/`` (git-ignored). There is no ground truth:
the corpus measures speed and memory, the synthetic one correctness.

    python -m bench.realshaped --pages 1000 --out bench/out/realshaped-1000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpus_dir import clear_corpus
from crosscheck.common.gazetteer import load_gazetteer

REPO = Path(__file__).resolve().parents[1]
REAL_PAGES = Path(os.environ.get("CROSSCHECK_SHARED", REPO.parent / "shared")) / "real-pages"
GENERATOR_VERSION = 2
MANIFEST = "realshaped.json"
PAGE_SUFFIXES = (".md", ".txt", ".html", ".htm")

# A figure as pages print it: 12,345 / 17.87 / 250 (not the 86 of x86, not 24.18.0, not H100).
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w.,]?\d)")
_SYLLABLES = (
    "ka", "lo", "rin", "dex", "va", "mor", "zu", "tel", "pri", "quo", "sen", "bra", "no", "vik",
    "sha", "tor", "mi", "gal", "ur", "fen", "jo", "pax", "lum", "dra", "ce", "ost", "wy", "ber",
)  # fmt: skip
_SUFFIXES = ("", "", "", "DB", "JS", ".io", " Cloud", "X")


@dataclass(frozen=True)
class Template:
    """One real page: its text and the entity names its answer key lists."""

    name: str
    suffix: str
    text: str
    entities: tuple[str, ...]


def load_templates(real_dir: Path = REAL_PAGES) -> list[Template]:
    """Every page of the answer key that is on disk, with its entities (longest first)."""
    key_file = real_dir / "key.json"
    if not key_file.is_file():
        raise SystemExit(
            f"no real pages at {real_dir} (key.json missing): pass --real-pages or set up "
            "../shared/real-pages"
        )
    key = json.loads(key_file.read_text(encoding="utf-8"))["pages"]
    templates = []
    for name in sorted(key):
        path = real_dir / name
        if path.suffix not in PAGE_SUFFIXES or not path.is_file():
            continue
        names = {e.strip() for e in key[name].get("entities", []) if len(e.strip()) >= 3}
        entities = tuple(sorted(names, key=lambda e: (-len(e), e)))
        text = path.read_text(encoding="utf-8", errors="replace")
        templates.append(Template(name, path.suffix, text, entities))
    if not templates:
        raise SystemExit(f"no page files listed in {key_file}")
    return templates


def invented_names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct product-like names no vocabulary knows ("Vikmor", "TelpriDB")."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
        name = word.capitalize() + rng.choice(_SUFFIXES)
        if name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


class Renamer:
    """Draws new names for a page's entities: half known products (so pages share entities
    across sources, as real sites do) and half invented ones, with a popular head."""

    def __init__(self, n_pages: int, rng: random.Random) -> None:
        known = sorted({kn for kn in load_gazetteer().by_alias.values()})
        self.rng = rng
        rng.shuffle(known)
        pool = max(60, min(600, n_pages // 12))
        self.pool = known[: pool // 2] + invented_names(pool - pool // 2, rng)
        rng.shuffle(self.pool)
        # Zipf-like weights: a few names on many pages
        self.weights = [1.0 / (i + 1) for i in range(len(self.pool))]

    def mapping(self, entities: tuple[str, ...]) -> dict[str, str]:
        chosen: dict[str, str] = {}
        used: set[str] = set()
        for entity in entities:
            for _ in range(20):
                name = self.rng.choices(self.pool, self.weights)[0]
                if name not in used:
                    break
            else:
                name = f"{entity} {len(used)}"  # the pool is exhausted for this page
            used.add(name)
            chosen[entity.lower()] = name
        return chosen


def _cased(written: str, name: str) -> str:
    if written.islower():
        return name.lower()
    if written.isupper() and len(written) > 1:
        return name.upper()
    return name


def rename(text: str, mapping: dict[str, str]) -> str:
    """Every whole-word mention of an entity (any case) replaced in one pass, longest first."""
    if not mapping:
        return text
    alternation = "|".join(re.escape(e) for e in sorted(mapping, key=lambda e: (-len(e), e)))
    pattern = re.compile(rf"(?<![\w/.-])(?:{alternation})(?![\w/-])", re.IGNORECASE)
    return pattern.sub(lambda m: _cased(m.group(), mapping[m.group().lower()]), text)


def _varied(match: re.Match[str], rng: random.Random) -> str:
    whole, fraction = match.group(1), match.group(2) or ""
    digits = whole.replace(",", "")
    value = float(digits + fraction)
    year_like = not fraction and "," not in whole and len(digits) == 4 and 1900 <= value <= 2099
    if year_like or (not fraction and value < 32):  # years, ranks, cores, list numbers
        return match.group()
    new = value * rng.uniform(0.75, 1.33)
    places = len(fraction) - 1 if fraction else 0
    if places:
        return f"{new:,.{places}f}" if "," in whole else f"{new:.{places}f}"
    new = max(32, round(new))
    return f"{new:,}" if "," in whole else str(new)


def vary_figures(text: str, rng: random.Random) -> str:
    """Every figure scaled by a factor in [0.75, 1.33], printed in its own format (commas,
    decimals); years and small integers (ranks, core counts) are left as written."""
    lines = text.split("\n")
    # the first line names where the page was saved from: kept as written
    return "\n".join(lines[:1] + [_NUMBER.sub(lambda m: _varied(m, rng), ln) for ln in lines[1:]])


def generate(out_dir: Path, n_pages: int, seed: int = 7, real_dir: Path = REAL_PAGES) -> dict:
    """Write `n_pages` pages under `out_dir` (reused when the seed, size, version and source
    pages match) and return the manifest."""
    out_dir = Path(out_dir)
    templates = load_templates(real_dir)
    fingerprint = sorted((t.name, len(t.text)) for t in templates)
    manifest_file = out_dir / MANIFEST
    wanted = {"seed": seed, "pages": n_pages, "version": GENERATOR_VERSION}
    if manifest_file.is_file():
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        same = all(manifest.get(k) == v for k, v in wanted.items())
        if same and manifest.get("templates") == [list(f) for f in fingerprint]:
            return manifest
    clear_corpus(out_dir, MANIFEST, "real-shaped corpus")
    rng = random.Random(seed)
    renamer = Renamer(n_pages, rng)
    counts: dict[str, int] = {}
    for i in range(n_pages):
        template = templates[i % len(templates)]
        copy = i // len(templates)
        site = out_dir / f"site-{copy % 25:02d}"  # copies of one page spread over sites
        site.mkdir(parents=True, exist_ok=True)
        text = vary_figures(rename(template.text, renamer.mapping(template.entities)), rng)
        stem = Path(template.name).stem
        (site / f"{stem}-{copy:04d}{template.suffix}").write_text(text, encoding="utf-8")
        counts[template.name] = counts.get(template.name, 0) + 1
    manifest = {**wanted, "templates": [list(f) for f in fingerprint], "per_template": counts}
    manifest_file.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--real-pages", type=Path, default=REAL_PAGES)
    args = parser.parse_args(argv)
    out = args.out or REPO / "bench" / "out" / f"realshaped-{args.pages}"
    started = time.perf_counter()
    manifest = generate(out, args.pages, args.seed, args.real_pages)
    print(
        f"{manifest['pages']} real-shaped pages from {len(manifest['templates'])} real pages "
        f"in {out} ({time.perf_counter() - started:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
