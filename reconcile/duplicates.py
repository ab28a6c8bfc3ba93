"""Copies by content: pages that repeat another page's wording, and the finding that says so.

Figure shingles (reconcile.copies) miss a copy that re-flattened a table or kept only part of
the page: 7 copied figures of 9 are a Jaccard of 0.78. The text says it plainly: a page whose
word 5-grams mostly occur on another page (containment of the smaller in the larger, from the
sketches of crosscheck.common.passages) repeats that page. Such a pair joins one copy group (one
voice in the consensus) and is reported as a `near_duplicate` finding that links the copy to
the page it repeats, quoting the longest statements they share.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from crosscheck.reconcile.lsh import candidate_pairs, sketch_band_keys, sketch_band_pairs

from crosscheck.common.passages import shared_shingles
from crosscheck.contracts import (
    FINDING_COLUMNS,
    UNMAPPED_METRIC,
    FindingKind,
    Scope,
    Severity,
    stable_id,
)


@dataclass(frozen=True)
class TextCopyConfig:
    """Thresholds of copy detection by content; documented in docs/reconcile.md."""

    # share of the smaller page's shingles found on the other page: a re-posted page keeps
    # 70 % or more, two pages of one template with their own figures share about half
    containment: float = 0.6
    min_shared: int = 40  # shingles in common (about two sentences) before a pair counts
    max_pages_per_shingle: int = 16  # a shingle on more pages is site furniture: no evidence
    candidate_hashes: int = 64  # the smallest sketch values that propose candidate pairs
    min_sketch_hits: int = 2  # of those in common before a pair is measured at all
    sketch_size: int = 256  # as crosscheck.common.passages.PassageConfig.sketch_size
    # statements naming a compared entity that both pages hold: a shared footer or
    # disclaimer is wording in common, not a copy of what the page says about the products
    min_shared_statements: int = 2
    quotes_shown: int = 3


@dataclass(frozen=True)
class TextCopy:
    """`copy` repeats `original`: containment of the copy's shingles in the original."""

    copy: str
    original: str
    containment: float
    shared: int
    copy_shingles: int


def _candidates(passages: pd.DataFrame, config: TextCopyConfig) -> np.ndarray:
    """Pairs (i < j) of passage rows that share `min_sketch_hits` band keys (the smallest
    `candidate_hashes` values of their sketches, each on at most `max_pages_per_shingle`
    pages; reconcile.lsh): a page and its copy share about that many times their Jaccard of
    them, and the join stays small at 10,000 pages. The Dask engine finds the same pairs per
    band-key partition."""
    pages = np.arange(len(passages), dtype=np.int64)
    keys = sketch_band_keys(pages, passages["sketch"].tolist(), config.candidate_hashes)
    found = sketch_band_pairs(keys, config.max_pages_per_shingle)
    hits = candidate_pairs([found], config.min_sketch_hits)
    return np.c_[hits["a"].to_numpy(), hits["b"].to_numpy()].astype(np.int64)


def text_copies(passages: pd.DataFrame, config: TextCopyConfig | None = None) -> list[TextCopy]:
    """Every pair of pages of which one repeats the other, the copy named first: the page more
    contained in the other (the shorter one on a tie, then by name)."""
    config = config or TextCopyConfig()
    if passages is None or len(passages) < 2:
        return []
    passages = passages.drop_duplicates("source").reset_index(drop=True)
    return verify_text_pairs(passages, _candidates(passages, config), config)


def verify_text_pairs(
    passages: pd.DataFrame, pairs: np.ndarray, config: TextCopyConfig
) -> list[TextCopy]:
    """The candidate `pairs` (rows of `passages`, one row per source) that pass the rule:
    enough shared 5-grams, a large enough share of the smaller page, shared statements."""
    sources = passages["source"].astype(str).to_numpy()
    sketches = passages["sketch"].to_numpy()
    counts = passages["shingles"].to_numpy(dtype=np.int64)
    statements = [{h for h, _ in q} for q in passages["quotes"]]
    found = []
    for i, j in np.asarray(pairs, dtype=np.int64).reshape(-1, 2).tolist():
        n_i, n_j = int(counts[i]), int(counts[j])
        if min(n_i, n_j) == 0:
            continue
        # the cheap test first: most candidates of one site's template share no statement
        if len(statements[i] & statements[j]) < config.min_shared_statements:
            continue
        shared = shared_shingles(sketches[i], n_i, sketches[j], n_j, config.sketch_size)
        containment = shared / min(n_i, n_j)
        if containment < config.containment or shared < config.min_shared:
            continue
        # the copy is the page more contained in the other; then the shorter; then by name
        mine_i, mine_j = (shared / n_i, -n_i, sources[j]), (shared / n_j, -n_j, sources[i])
        a, b = (i, j) if mine_i >= mine_j else (j, i)
        share = round(min(shared / counts[a], 1.0), 4)
        found.append(TextCopy(sources[a], sources[b], share, round(shared), int(counts[a])))
    return sorted(found, key=lambda c: (c.copy, c.original))


Quotes = dict[str, tuple[tuple[int, str], ...]]  # per source, its statements (hash, text)


def _quotes(passages: pd.DataFrame) -> Quotes:
    """Each page's statements, indexed once per run (built per pair, it was a scan of every
    page for each of thousands of pairs)."""
    return dict(zip(passages["source"].astype(str), passages["quotes"], strict=False))


def _shared_quotes(quotes: Quotes, pair: TextCopy, shown: int) -> list[str]:
    """The longest sentences naming an entity that both pages hold, in the copy's order."""
    theirs = {h for h, _ in quotes.get(pair.original, ())}
    mine = [(h, text) for h, text in quotes.get(pair.copy, ()) if h in theirs]
    longest = {h for h, _ in sorted(mine, key=lambda q: -len(q[1]))[:shown]}
    return [text for h, text in mine if h in longest]


# Per source, the claim ids of each figure key (entity, metric, qualifier, raw value): built once
# per run, so comparing a pair costs its two pages and not a scan of every fact (pairs can be many).
FigureKeys = dict[str, dict[str, list[str]]]


def figure_keys(facts: pd.DataFrame | None) -> FigureKeys:
    """Each source's figures keyed alike for copy comparison (mapped metrics only)."""
    cols = ["entity", "metric", "qualifier", "raw_value"]
    if facts is None or facts.empty or not set(cols) <= set(facts.columns):
        return {}
    usable = facts[facts["metric"].notna() & (facts["metric"] != UNMAPPED_METRIC)]
    if usable.empty:
        return {}
    text = usable[cols].astype(object).where(usable[cols].notna(), "").astype(str)
    keys = text[cols[0]]
    for col in cols[1:]:
        keys = keys + "\x1f" + text[col]
    keys = keys.str.strip().str.lower()
    index: FigureKeys = {}
    # plain lists: iterating the Series cell by cell was most of this function
    sources = usable["source"].astype(str).tolist()
    claims = usable["claim_id"].astype(str).tolist()
    for source, key, claim in zip(sources, keys.tolist(), claims, strict=True):
        index.setdefault(source, {}).setdefault(key, []).append(claim)
    return index


def _copied_claims(keys: FigureKeys, pair: TextCopy) -> tuple[list[str], int]:
    """Claim ids of the figures both pages give alike and how many distinct figures that is."""
    mine, theirs = keys.get(pair.copy, {}), keys.get(pair.original, {})
    common = mine.keys() & theirs.keys()
    return sorted(c for k in common for c in (*mine[k], *theirs[k])), len(common)


def shares_figures(keys: FigureKeys, pair: TextCopy) -> bool:
    """Whether the two pages give at least one figure alike (`keys` from figure_keys)."""
    return _copied_claims(keys, pair)[1] > 0


def copy_findings(
    passages: pd.DataFrame,
    facts: pd.DataFrame,
    config: TextCopyConfig | None = None,
    pairs: list[TextCopy] | None = None,
    keys: FigureKeys | None = None,
) -> pd.DataFrame:
    """One `near_duplicate` finding (FINDING_COLUMNS) per page that repeats another (`pairs`,
    by default every pair `text_copies` finds)."""
    config = config or TextCopyConfig()
    keys = figure_keys(facts) if keys is None else keys
    rows = []
    statements: Quotes | None = None
    for pair in text_copies(passages, config) if pairs is None else pairs:
        claims, copied = _copied_claims(keys, pair)
        if not claims:
            continue  # no figure in common: nothing the pair could confirm twice
        statements = _quotes(passages) if statements is None else statements
        quotes = _shared_quotes(statements, pair, config.quotes_shown)
        said = "; ".join(f"\u201c{q}\u201d" for q in quotes)
        explanation = (
            f"{pair.copy} repeats {pair.original}: about {pair.containment:.0%} of its wording "
            f"({pair.shared} of {pair.copy_shingles} five-word runs)"
            + (f" and {copied} of its figures" if copied else "")
            + "; the two count as one source in the consensus, not as a confirmation."
            + (f" Shared statements: {said}." if said else "")
        )
        finding_id = stable_id(FindingKind.NEAR_DUPLICATE.value, "text", pair.copy, pair.original)
        rows.append(
            {
                "finding_id": finding_id,
                "kind": FindingKind.NEAR_DUPLICATE.value,
                "scope": Scope.CROSS_SOURCE.value,
                "severity": Severity.LOW.value,
                "entity": None,
                "metric": None,
                "qualifier": None,
                "explanation": explanation,
                "claim_ids": claims,
                "root_cause": finding_id,
            }
        )
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def merge_text_copies(groups: pd.DataFrame, pairs: list[TextCopy]) -> pd.DataFrame:
    """Copy groups (COPY_GROUP_COLUMNS) joined with the text copy pairs: pages linked either
    way are one group; a page's similarity is its best figure Jaccard or text containment."""
    if not pairs:
        return groups
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    best: dict[str, float] = {}
    for _, members in groups.groupby("group_id", sort=False)["source"]:
        first = str(members.iloc[0])
        for source in members.astype(str):
            join(first, source)
    for source, similarity in zip(groups["source"], groups["jaccard_to_group"], strict=True):
        best[str(source)] = float(similarity)
    for pair in pairs:
        join(pair.copy, pair.original)
        for source in (pair.copy, pair.original):
            best[source] = max(best.get(source, 0.0), pair.containment)
    members_of: dict[str, list[str]] = {}
    for source in parent:
        members_of.setdefault(root(source), []).append(source)
    rows = []
    for members in members_of.values():
        members = sorted(members)
        group_id = "copy-" + stable_id(*members, length=12)
        rows += [(group_id, s, round(best.get(s, 0.0), 4), len(members)) for s in members]
    frame = pd.DataFrame(rows, columns=["group_id", "source", "jaccard_to_group", "size"])
    frame = frame.sort_values(["group_id", "source"]).reset_index(drop=True)
    return frame.astype(
        {"source": object, "group_id": object, "size": np.int64, "jaccard_to_group": float}
    )


_COPIES_NOTE = " Copies of one page count once here:"


def _sources_of(findings: pd.DataFrame, facts: pd.DataFrame) -> dict[str, str]:
    """Claim id → source of the claims cross-source findings cite (the last fact of an id
    wins): a dict of every fact was most of this pass (~0.06 s at 1,000 pages)."""
    cross = (findings["scope"] == Scope.CROSS_SOURCE.value).to_numpy(dtype=bool)
    cited = {
        c for ids in findings.loc[cross, "claim_ids"] if isinstance(ids, (list, tuple)) for c in ids
    }
    ids = facts["claim_id"].to_numpy(dtype=object)
    keep = np.fromiter((c in cited for c in ids), dtype=bool, count=len(ids))
    sources = facts["source"].to_numpy(dtype=object)[keep]
    return dict(zip(ids[keep].tolist(), sources.tolist(), strict=True))


def _copied_sources(
    findings: pd.DataFrame, rows: list[int], source_of: dict[str, str], group_of: dict[str, str]
) -> dict[int, list[list[str]]]:
    """Per finding row (of `rows`) whose claims lie on two or more pages of one copy group,
    those pages (sorted) of each such group, groups in the order their first claim comes:
    the claims are looked up in bulk, only the findings with a copy come back."""
    claim_ids = findings["claim_ids"].to_numpy(dtype=object)[rows]
    lists = [c if isinstance(c, (list, tuple)) else () for c in claim_ids]
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    source = pd.Series([c for cs in lists for c in cs], dtype=object).map(source_of)
    cited = pd.DataFrame(
        {"row": np.repeat(np.asarray(rows, dtype=np.int64), lengths), "source": source}
    )
    cited = cited.assign(group=cited["source"].map(group_of)).dropna(subset=["group"])
    cited = cited.assign(source=cited["source"].astype(str)).drop_duplicates()
    # one code per (finding, group) in order of first appearance (claim order)
    pair = pd.factorize(
        cited["row"].to_numpy() * (len(group_of) + 1)
        + pd.factorize(cited["group"].to_numpy(dtype=object))[0]
    )[0]
    size = np.bincount(pair)
    several = size[pair] > 1
    pair, row = pair[several], cited["row"].to_numpy()[several]
    order = np.argsort(pair, kind="stable")
    cuts = np.flatnonzero(np.diff(pair[order])) + 1
    sources = cited["source"].to_numpy(dtype=object)[several][order].tolist()
    found: dict[int, list[list[str]]] = {}
    for first, last in zip([0, *cuts.tolist()], [*cuts.tolist(), len(order)], strict=True):
        if last > first:
            found.setdefault(int(row[order[first]]), []).append(sorted(sources[first:last]))
    return found


def note_copies(
    findings: pd.DataFrame, facts: pd.DataFrame, copy_groups: pd.DataFrame
) -> pd.DataFrame:
    """Cross-source findings that rest on several pages of one copy group say so: a copy
    repeating a figure is not a second source for it. Idempotent: a finding carried from an
    earlier run already holds the note, which is rewritten, never doubled."""
    if findings.empty or copy_groups is None or copy_groups.empty or facts.empty:
        return findings
    group_of = dict(zip(copy_groups["source"], copy_groups["group_id"], strict=True))
    source_of = _sources_of(findings, facts)
    texts = findings["explanation"].tolist()
    kinds = findings["kind"].to_numpy(dtype=object)
    scopes = findings["scope"].to_numpy(dtype=object)
    rows = np.flatnonzero(
        (kinds != FindingKind.NEAR_DUPLICATE.value) & (scopes == Scope.CROSS_SOURCE.value)
    ).tolist()
    changed = False
    for i in rows:  # a note carried from an earlier run is rewritten, never doubled
        if _COPIES_NOTE in texts[i]:
            texts[i], changed = texts[i].split(_COPIES_NOTE, 1)[0], True
    for i, copies in _copied_sources(findings, rows, source_of, group_of).items():
        said = "; ".join(" and ".join(m) for m in copies)
        texts[i] = f"{texts[i]}{_COPIES_NOTE} {said}."
        changed = True
    return findings.assign(explanation=texts) if changed else findings
