"""Ground truth of a synthetic corpus and the scoring of a run's findings against it.

``truth.json`` (written by bench.corpus) holds, per page path (relative to the corpus folder):

- ``mentions``: every figure the page states, ``[raw, entity, metric, where, clean]``; a clean
  figure agrees with the entity's hidden true value, so two clean figures never conflict;
- ``defects``: what was injected, ``{kind, subtype, entity, metric, raw_values, counter, where}``.
  ``raw_values`` must all be among the raw values of the claims a finding rests on (on that
  page); when ``counter`` is not empty, at least one of those must be too (the other side of a
  conflict). A ``cross_page`` defect is detected by a conflict finding resting on one of the
  page's wrong figures *and* a claim of another page;
- ``lookalikes``: consistent pairs that must not be flagged, ``{kind, cls, entity, metric,
  raw_values, where}`` (N vs N+, a point inside a range, a correct Diff cell, ...);
- ``copy_family``: pages that are one page copied across sites share it.

Scoring sorts every finding into exactly one bucket: **detected** (it matches a defect of its
kind), **derived** (it rests on a defect's figure but is of another kind, like the conflict a
copied column also causes), **look-alike flagged** (it rests on a look-alike pair, or on
figures that are all clean for its entity: a false positive), or **unexplained** (noise, e.g. a
figure attributed to the wrong entity). Precision per kind is detected / (detected +
look-alike flagged); the unexplained are reported beside it so noise stays visible.
The page truths and ``truth.json`` itself are bench.truth_model; this module scores.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.truth_model import LOOKALIKE_CLASSES as LOOKALIKE_CLASSES  # re-exported
from bench.truth_model import SCORED_KINDS, Defect, PageTruth, Truth
from bench.truth_model import TRUTH_FILE as TRUTH_FILE  # re-exported
from bench.truth_model import TRUTH_VERSION as TRUTH_VERSION  # re-exported
from bench.truth_model import LookAlike as LookAlike  # re-exported
from bench.truth_model import Mention as Mention  # re-exported

# --- matching raw values -------------------------------------------------------------------------
_SPACE = re.compile(r"\s+")
_CORE = re.compile(r"\d[\d,.]*(?:\s?-\s?~?\d[\d,.]*)?\+?")


def norm(raw: str) -> str:
    text = raw.replace("\u00a0", " ").replace("🏆", "").replace("π", "")
    return _SPACE.sub(" ", text).strip().casefold()


def _core(text: str) -> str:
    match = _CORE.search(text)
    return match.group() if match else ""


def same_figure(written: str, extracted: str) -> bool:
    """Whether a raw value as the generator wrote it is the one a claim carries."""
    a, b = norm(written), norm(extracted)
    if a == b:
        return True
    core = _core(a)
    return bool(core) and core == _core(b) and (a in b or b in a)


def _any(raws: Iterable[str], claims: list[str]) -> bool:
    return any(same_figure(r, c) for r in raws for c in claims)


def _all(raws: Iterable[str], claims: list[str]) -> bool:
    return all(any(same_figure(r, c) for c in claims) for r in raws)


# --- scoring -------------------------------------------------------------------------------------


@dataclass
class _Finding:
    finding_id: str
    kind: str
    scope: str
    entity: str | None
    explanation: str
    by_page: dict[str, list[str]]  # page path -> raw values of its claims there


def page_key_for(corpus_dir: Path | str) -> Callable[[str], str]:
    """Source (as the pipeline records it) → truth page key (path relative to the corpus)."""
    root = os.path.abspath(corpus_dir)

    def key(source: str) -> str:
        return os.path.relpath(os.path.abspath(source), root).replace(os.sep, "/")

    return key


def _entity_ok(defect_entity: str | None, finding_entity: str | None) -> bool:
    if not defect_entity or not finding_entity:
        return True
    # a finding about two statements names both sides: "A + B"
    names = {name.strip().casefold() for name in str(finding_entity).split(" + ")}
    return defect_entity.casefold() in names


# A false statement that carries its own figures ("..., so A is 6.8x faster than B") is caught
# by the seeds' ratio rule, a diff_mismatch: either kind detects it.
_ALSO_DETECTS = {"relation_mismatch": frozenset({"diff_mismatch"})}


def _detects(f: _Finding, page: PageTruth, d: Defect) -> bool:
    kind_ok = f.kind == d.kind or f.kind in _ALSO_DETECTS.get(d.kind, ())
    if not kind_ok or not _entity_ok(d.entity, f.entity):
        return False
    raws = f.by_page.get(page.path)
    if raws is None:
        return False
    if d.kind == "encoding":
        return True
    if d.subtype == "cross_page":
        cross = page.cross_page or {}
        wrong = page.wrong_figures(cross.get("entity", ""), cross.get("metric", ""))
        return len(f.by_page) >= 2 and _any(wrong, raws)
    if not _all(d.raw_values, raws):
        return False
    return not d.counter or _any(d.counter, raws)


def _signature(page: PageTruth, d: Defect) -> list[str]:
    if d.subtype == "cross_page":
        cross = page.cross_page or {}
        return page.wrong_figures(cross.get("entity", ""), cross.get("metric", ""))
    if d.kind == "diff_mismatch":
        return d.raw_values[:1]
    return list(d.raw_values)


def _clean_for(page: PageTruth, entity: str | None, raws: list[str]) -> bool:
    """Every raw is a clean figure the page wrote for `entity` (so all of them agree)."""
    if not entity:
        return False
    for raw in raws:
        if not any(
            m.clean and m.entity.casefold() == entity.casefold() and same_figure(m.raw, raw)
            for m in page.mentions
        ):
            return False
    return True


def score(
    truth: Truth,
    findings: Any,
    claims: Any,
    source_key: Callable[[str], str],
    reconciled: Any | None = None,
    examples: int = 12,
    copy_groups: Any | None = None,
) -> dict[str, Any]:
    """Precision/recall per kind, look-alikes flagged and unexplained findings, as a dict.

    `findings` and `claims` are the pipeline's frames (FINDING_COLUMNS, CLAIM_COLUMNS).
    """
    raw_of: dict[str, tuple[str, str]] = {}
    for cid, source, raw in zip(
        claims["claim_id"], claims["source"], claims["raw_value"], strict=True
    ):
        raw_of[cid] = (source_key(source), str(raw))
    parsed: list[_Finding] = []
    for row in findings.itertuples(index=False):
        by_page: dict[str, list[str]] = defaultdict(list)
        for cid in list(row.claim_ids):
            hit = raw_of.get(cid)
            if hit is not None:
                by_page[hit[0]].append(hit[1])
        entity = row.entity if isinstance(row.entity, str) else None
        parsed.append(
            _Finding(row.finding_id, row.kind, row.scope, entity, row.explanation, dict(by_page))
        )

    detected: set[tuple[str, int]] = set()
    buckets: dict[str, Counter[str]] = defaultdict(Counter)
    lookalike_classes: Counter[str] = Counter()
    unexplained: dict[str, list[dict[str, Any]]] = defaultdict(list)
    flagged_examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in parsed:
        pages = [truth.pages[p] for p in f.by_page if p in truth.pages]
        hits = [
            (page.path, i)
            for page in pages
            for i, d in enumerate(page.defects)
            if _detects(f, page, d)
        ]
        if hits:
            detected.update(hits)
            buckets[f.kind]["detected"] += 1
            continue
        if any(
            _any(_signature(page, d), f.by_page[page.path])
            and (f.kind == "encoding") == (d.kind == "encoding")
            for page in pages
            for d in page.defects
        ):
            buckets[f.kind]["derived"] += 1
            continue
        cls = _lookalike_class(f, pages)
        if cls is not None:
            buckets[f.kind]["lookalike_flagged"] += 1
            lookalike_classes[f"{f.kind}:{cls}"] += 1
            per_class = sum(1 for e in flagged_examples[f.kind] if e["class"] == cls)
            if per_class < examples:
                flagged_examples[f.kind].append(_example(f, cls))
            continue
        buckets[f.kind]["unexplained"] += 1
        if len(unexplained[f.kind]) < examples:
            unexplained[f.kind].append(_example(f, None))

    totals: Counter[str] = Counter()
    by_subtype: dict[str, Counter[str]] = defaultdict(Counter)
    missed: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for page in truth.pages.values():
        for i, d in enumerate(page.defects):
            totals[d.kind] += 1
            key = f"{d.kind}:{d.subtype}"
            by_subtype[key]["total"] += 1
            if (page.path, i) in detected:
                by_subtype[key]["detected"] += 1
            elif len(missed[key]) < examples:
                missed[key].append({"page": page.path, **vars(d), "cross_page": page.cross_page})
    kinds: dict[str, dict[str, Any]] = {}
    for kind in sorted(set(totals) | set(buckets) | set(SCORED_KINDS)):
        b = buckets.get(kind, Counter())
        found = sum(1 for page, i in detected if truth.pages[page].defects[i].kind == kind)
        tp, fp = b["detected"], b["lookalike_flagged"]
        kinds[kind] = {
            "defects": totals[kind],
            "detected_defects": found,
            "recall": round(found / totals[kind], 4) if totals[kind] else None,
            "findings": sum(b.values()),
            "findings_detecting": tp,
            "lookalike_flagged": fp,
            "derived": b["derived"],
            "unexplained": b["unexplained"],
            "precision": round(tp / (tp + fp), 4) if tp + fp else None,
            "strict_precision": round(tp / sum(b.values()), 4) if sum(b.values()) else None,
        }
    lookalikes_total = Counter(
        f"{la.kind}:{la.cls}" for page in truth.pages.values() for la in page.lookalikes
    )
    result: dict[str, Any] = {
        "kinds": kinds,
        "subtypes": {
            k: {**v, "recall": round(v["detected"] / v["total"], 4)}
            for k, v in sorted(by_subtype.items())
        },
        "lookalikes_planted": dict(sorted(lookalikes_total.items())),
        "lookalikes_flagged": sum(lookalike_classes.values()),
        "lookalikes_flagged_by_class": dict(sorted(lookalike_classes.items())),
        "unexplained": sum(b["unexplained"] for b in buckets.values()),
        "examples": {
            "missed": dict(missed),
            "lookalike_flagged": dict(flagged_examples),
            "unexplained": dict(unexplained),
        },
    }
    from bench.corpus_heldout import heldout_shares  # bench.corpus imports this module

    result["heldout"] = heldout_shares(truth)
    if reconciled is not None:
        result["reconcile"] = _copies_counted(truth, reconciled, source_key)
    if copy_groups is not None:
        result.setdefault("reconcile", {}).update(_copy_detection(truth, copy_groups, source_key))
    return result


# When a finding rests on several look-alike pairs, the most specific class names it.
_CLASS_ORDER = (
    "p99_above_average",
    "correct_diff",
    "shared_metric",
    "component_own_column",
    "cell_unit_over_header",
    "bare_under_thousands",
    "point_in_range",
    "nplus_vs_nplus",
    "n_vs_nplus",
)


def _lookalike_class(f: _Finding, pages: list[PageTruth]) -> str | None:
    found: list[str] = []
    for page in pages:
        raws = f.by_page[page.path]
        for la in page.lookalikes:
            if la.kind != f.kind and f.kind not in _ALSO_DETECTS.get(la.kind, ()):
                continue
            if la.kind == "encoding" or _all(la.raw_values, raws):
                found.append(la.cls)
    if found:
        rank = {c: i for i, c in enumerate(_CLASS_ORDER)}
        return min(found, key=lambda c: rank.get(c, len(rank)))
    if (
        f.kind == "conflict"
        and pages
        and all(_clean_for(page, f.entity, f.by_page[page.path]) for page in pages)
    ):
        return "agreeing_across_pages" if len(pages) > 1 else "agreeing_on_page"
    if (
        f.kind in ("logic", "misattribution", "unit_scale")
        and pages
        and all(_clean_for(page, f.entity, f.by_page[page.path]) for page in pages)
    ):
        return "clean_figures"
    return None


def _example(f: _Finding, cls: str | None) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "scope": f.scope,
        "entity": f.entity,
        "class": cls,
        "explanation": f.explanation[:400],
        "claims": {page: raws[:6] for page, raws in list(f.by_page.items())[:3]},
    }


def _copies_counted(
    truth: Truth, reconciled: Any, source_key: Callable[[str], str]
) -> dict[str, int]:
    """Reconciled rows whose sources include two copies of one page (counted as independent)."""
    family_of = {p: page.copy_family for p, page in truth.pages.items() if page.copy_family}
    rows = with_copies = double = 0
    for sources in reconciled["sources"]:
        keys = [source_key(s) for s in list(sources)]
        families = [family_of[k] for k in keys if k in family_of]
        if families:
            with_copies += 1
            if len(families) != len(set(families)):
                double += 1
        rows += 1
    return {
        "reconciled_rows": rows,
        "rows_with_copied_pages": with_copies,
        "rows_counting_a_copy_twice": double,
    }


def _copy_detection(truth: Truth, groups: Any, source_key: Callable[[str], str]) -> dict[str, int]:
    """Copies found by the reconcile stage's copy groups (source, group_id): pairs of a page
    and its copy in one group, and pages grouped with a page they were not copied from."""
    group_of = {source_key(s): g for s, g in zip(groups["source"], groups["group_id"], strict=True)}
    found = sum(1 for a, b in truth.copies if a in group_of and group_of.get(a) == group_of.get(b))
    members: dict[Any, set[str]] = defaultdict(set)
    for page, group in group_of.items():
        members[group].add(page)
    family = {p: (page.copy_family or p) for p, page in truth.pages.items()}
    wrong = sum(
        1 for pages in members.values() for p in pages if len({family.get(q, q) for q in pages}) > 1
    )
    return {
        "copy_pairs": len(truth.copies),
        "copy_pairs_grouped": found,
        "pages_grouped_wrongly": wrong,
    }
