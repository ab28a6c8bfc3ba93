"""Findings on unseen pages, seventh pass: counts of different things under one count metric
(checks/counted_nouns.py), a comparison naming its metric by another of the vocabulary's words
(checks/statement_metrics.py).

Pages are written for the test (figures may echo real pages, sentences do not)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.counted_nouns import _apart, counted
from crosscheck.checks.statement_metrics import named_by_words

from crosscheck.pipeline import Analysis
from tests.analysis import analyze_pages


def _of(analysis: Analysis, kind: str) -> pd.DataFrame:
    findings = analysis.findings
    return findings[findings["kind"] == kind]


PLAN = "# GitHub Actions plans\n\nGitHub Actions free plans run up to {n} concurrent macOS jobs.\n"
LIMITS = "# GitHub Actions limits\n\nGitHub Actions allows 256 matrix jobs per workflow run.\n"


def test_counts_of_different_things_are_no_conflict(tmp_path: Path) -> None:
    # "jobs" maps both figures to one count metric; the words after each number say what
    # each counts (concurrent macOS jobs, matrix jobs per workflow run)
    analysis = analyze_pages(tmp_path, {"plan.md": PLAN.format(n=5), "limits.md": LIMITS})
    facts = analysis.facts
    jobs = facts[facts["entity"] == "GitHub Actions"]
    assert jobs["metric"].nunique() == 1 and len(jobs) == 2  # one metric, two figures
    assert _of(analysis, "conflict").empty


def test_counts_of_one_thing_still_conflict(tmp_path: Path) -> None:
    other = "# Runner notes\n\nGitHub Actions caps free plans at 50 concurrent macOS jobs.\n"
    analysis = analyze_pages(tmp_path, {"plan.md": PLAN.format(n=5), "notes.md": other})
    conflicts = _of(analysis, "conflict")
    assert list(conflicts["scope"]) == ["cross_source"], conflicts["explanation"].tolist()
    assert conflicts["metric"].iloc[0] == analysis.facts["metric"].iloc[0]  # no tag shown


def test_counts_of_different_things_on_one_page_are_no_conflict(tmp_path: Path) -> None:
    page = PLAN.format(n=5) + "\nGitHub Actions also allows 256 matrix jobs per workflow run.\n"
    assert _of(analyze_pages(tmp_path, {"page.md": page}), "conflict").empty


def test_what_a_count_counts() -> None:
    sentence = "GitHub Actions free plans run up to 5 concurrent macOS jobs per account."
    # the counted noun is the last word, singular
    assert counted("up to 5", sentence, "GitHub Actions") == (
        frozenset({"concurrent", "macos", "job"}),
        ("account",),
        "job",
    )
    # scale words belong to the figure; the entity's own words are no counted thing
    assert counted("2", "Node.js has 2 million npm packages.", "Node.js") == (
        frozenset({"npm", "package"}),
        (),
        "package",
    )
    # the words the value writes after its number count too; a broken charset's letter ends
    assert counted("10k+ GitHub stars", "Flask has 10k+ GitHub starsπ.", "Flask") == (
        frozenset({"github", "star"}),
        (),
        "star",
    )
    # a number written twice in its sentence, or followed by no word, says nothing
    assert counted("5", "5 of 5 jobs", "X") is None
    assert counted("5", "It ran 5.", "X") is None


def test_which_counts_are_apart() -> None:
    macos = counted("5", "It runs 5 concurrent macOS jobs per account.", "X")
    matrix = counted("256", "It allows 256 matrix jobs per workflow run.", "X")
    plain = counted("8", "It allows 8 jobs.", "X")
    linux = counted("20", "It runs 20 concurrent Linux jobs.", "X")
    assert macos and matrix and plain and linux
    assert _apart(macos, matrix) and _apart(macos, linux)
    assert not _apart(macos, plain)  # "jobs" alone lies within "concurrent macOS jobs"
    # two nouns the vocabulary gave one metric are its to tell apart, not this rule's
    ext = counted("950+", "It lists 950+ third-party extensions.", "X")
    integrations = counted("900", "It has 900 integrations.", "X")
    assert ext and integrations and not _apart(ext, integrations)


# --- a comparison naming its metric by one of the vocabulary's words ("less RAM") ----------

LESS_MEMORY = "# Fastify memory\n\nFastify uses 3x less memory than Express.\n"


def test_one_metric_named_by_another_word_is_compared(tmp_path: Path) -> None:
    other = "# Express memory\n\nExpress needs 50% less RAM than Fastify.\n"
    analysis = analyze_pages(tmp_path, {"a.md": LESS_MEMORY, "b.md": other})
    found = _of(analysis, "relation_mismatch")
    assert len(found) == 1, found["explanation"].tolist()
    assert found["scope"].iloc[0] == "cross_source"
    assert "'3x'" in found["explanation"].iloc[0] and "'50%'" in found["explanation"].iloc[0]


def test_another_quantity_is_not(tmp_path: Path) -> None:
    # the same direction of another quantity (disk) says nothing against less memory
    other = "# Express disk\n\nExpress needs 50% less disk space than Fastify.\n"
    analysis = analyze_pages(tmp_path, {"a.md": LESS_MEMORY, "b.md": other})
    assert _of(analysis, "relation_mismatch").empty


def test_statements_of_one_direction_stay_unflagged(tmp_path: Path) -> None:
    other = "# Express memory\n\nExpress needs 50% more RAM than Fastify.\n"
    analysis = analyze_pages(tmp_path, {"a.md": LESS_MEMORY, "b.md": other})
    assert _of(analysis, "relation_mismatch").empty


def test_a_phrase_takes_the_one_metric_whose_words_it_holds() -> None:
    relations = pd.DataFrame(
        {
            "metric": [None, None, None, "memory_usage"],
            "aspect": ["amount", "amount", "speed", "amount"],
            "phrase": ["ram", "ram and disk", "ram", "memory"],
        }
    )
    words = {"memory_usage": ("memory", "ram"), "disk_usage": ("disk", "disk space")}
    named = named_by_words(relations, CheckConfig(metric_words=words))
    # one metric's word: that metric; two metrics' words: none; a speed keeps its phrase
    assert named["metric"].tolist() == ["memory_usage", None, None, "memory_usage"]
    unchanged = named_by_words(relations, CheckConfig())["metric"]  # no words: as it was
    plain = [m if isinstance(m, str) else None for m in unchanged]
    assert plain == [None, None, None, "memory_usage"]
