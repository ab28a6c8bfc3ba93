"""The metric vocabulary maps every seed label, keeps qualifiers apart and never guesses."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from crosscheck.normalize.errors import NormalizeError, VocabularyError
from crosscheck.normalize.vocabulary import (
    FUZZY_THRESHOLD,
    MetricMatch,
    Vocabulary,
    _find,
    default_vocabulary,
    hint_dimension,
    load_vocabulary,
)

from crosscheck.contracts import CANONICAL_UNITS, UNMAPPED_METRIC, ValueType
from tests.conftest import SEEDS_DIR

# Ingest's rule: a trailing parenthetical glued to the label (no space before it) is a unit hint.
_GLUED_HINT = re.compile(r"^(?P<label>.*\S)\((?P<hint>[^()]*)\)$")
_HEADER_CELLS = {"Metric", "Attribute", ""}
_RPS = re.compile(r"requests?\s*(?:per\s+second|/\s*sec)|throughput", re.IGNORECASE)

# Labels that appear only inside the flattened "Show N more attributes" rows of seed 002/000.
_COLLAPSED_ONLY = {
    "Built-in ORM Support": "orm",
    "Built-in Admin Dashboard": "admin_ui",
    "Async Request Support": "async_support",
    "Auto API Documentation": "api_docs",
    "Built-in Request Validation": "data_validation",  # qualifier "request"
    "Built-in ORM": "orm",
    "Automatic API Documentation": "api_docs",
    "Native Async Support": "async_support",
    "Auto-generated API Documentation": "api_docs",
}


def split_header(header: str) -> tuple[str, str | None]:
    match = _GLUED_HINT.match(header)
    return (match["label"], match["hint"]) if match else (header, None)


def seed_table_labels() -> set[str]:
    """First cells of every markdown table row on every seed page (headers excluded)."""
    labels: set[str] = set()
    for page in sorted(SEEDS_DIR.glob("*.txt")):
        for line in page.read_text(encoding="utf-8").splitlines():
            if not line.startswith("|") or line.startswith("|---"):
                continue
            first = line.strip().strip("|").split("|")[0].strip()
            if first not in _HEADER_CELLS and not first.startswith("Show "):
                labels.add(first)
    return labels


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary()


def test_packaged_vocabulary_is_versioned_and_consistent(vocab: Vocabulary) -> None:
    assert vocab.version == "2026.12.7"
    assert len(vocab.metrics) >= 30
    for metric in vocab.metrics.values():
        categorical = metric.value_type is ValueType.CATEGORICAL
        assert categorical == (metric.dimension == "category"), metric.id
        assert categorical or metric.dimension in CANONICAL_UNITS, metric.id
        assert metric.description and metric.label_patterns and metric.aliases, metric.id
        assert metric.tolerance >= 0
    assert vocab.metrics["throughput"].unit == "req/s"
    assert vocab.metrics["ecosystem_size"].entity_specific is False
    assert vocab.metrics["github_stars"].entity_specific is True


def test_every_seed_table_label_maps(seed_files: list[Path], vocab: Vocabulary) -> None:
    labels = seed_table_labels()
    assert len(labels) > 60, "the seed tables were not read"
    unmapped = []
    for header in sorted(labels):
        label, hint = split_header(header)
        match = vocab.match_label(label, hint)
        if not match.mapped or match.method != "pattern":
            unmapped.append((header, match))
    assert not unmapped


def test_collapsed_row_labels_map(seed_files: list[Path], vocab: Vocabulary) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in seed_files)
    for label, metric in _COLLAPSED_ONLY.items():
        assert label in text, f"{label!r} is not on a seed page"
        assert vocab.match_label(label).metric == metric, label


def test_every_requests_per_second_label_is_throughput(vocab: Vocabulary) -> None:
    rps = [h for h in seed_table_labels() if _RPS.search(split_header(h)[0])]
    assert len(rps) >= 8
    for header in rps:
        assert vocab.match_label(*split_header(header)).metric == "throughput", header


@pytest.mark.parametrize(
    ("header", "metric", "qualifier"),
    [
        ("Requests Per Second (Throughput)(req/sec)", "throughput", ""),
        ("Requests Per Second (Concurrent Load)(RPS)", "throughput", "concurrent load"),
        ("Requests Per Second (Benchmark)(req/s)", "throughput", ""),
        ("Throughput Benchmark (requests/sec)(req/s)", "throughput", ""),
        ("Framework Requests Per Second(req/s)", "throughput", ""),
        ("Latency (p99 response time)(ms)", "latency", "p99"),
        ("Average Latency (Hello World)(ms)", "latency", "average, hello world"),
        ("Request/Response Latency (simple GET)(ms)", "latency", "simple get"),
        ("Memory Usage (Idle)(MB)", "memory_usage", "idle"),
        ("Idle Memory Usage(MB)", "memory_usage", "idle"),
        ("Memory Usage (base)(MB)", "memory_usage", "base"),
        ("Memory Usage (Single Instance)(MB)", "memory_usage", "single instance"),
        ("Cold Start Time (Serverless)(ms)", "cold_start_time", "serverless"),
        ("Cold Start Latency(ms)", "cold_start_time", ""),
        ("Average Startup Time(milliseconds)", "startup_time", "average"),
        ("Core Library Size(kilobytes)", "package_size", "core, library"),
        ("Stack Overflow Questions (all-time)", "stackoverflow_questions", "all-time"),
        ("Weekly NPM Downloads(millions)", "weekly_downloads", "npm"),
        ("PyPI Weekly Downloads(downloads)", "weekly_downloads", "pypi"),
        ("Python/Go Package Ecosystem Size(packages)", "ecosystem_size", "python, go"),
        ("Available Extensions/Packages(count)", "extensions_count", ""),
        ("Related Packages (PyPI)(packages)", "extensions_count", "related"),
        ("Production Deployments (Est.)(years in market)", "age_years", "estimated"),
        (
            "Production Deployments(% of Python web frameworks)",
            "adoption_share",
            "production deployments",
        ),
        ("Time to 'Hello World'(minutes)", "time_to_build", "hello world"),
        ("Time to Build Basic CRUD App(minutes)", "time_to_build", "crud"),
        (
            "Concurrent Connection Limit (Practical)(connections)",
            "concurrent_connections",
            "practical",
        ),
        ("Built-in Dependency Injection(included)", "dependency_injection", ""),
    ],
)
def test_qualifiers_are_kept_apart(
    vocab: Vocabulary, header: str, metric: str, qualifier: str
) -> None:
    assert vocab.match_label(*split_header(header)) == MetricMatch(
        metric, qualifier, 100.0, "pattern"
    )


def test_dimension_decides_between_equally_good_patterns(vocab: Vocabulary) -> None:
    assert vocab.match_label("Production Deployments", None, "time").metric == "age_years"
    assert vocab.match_label("Production Deployments", None, "percent").metric == "adoption_share"
    # a Diff cell is a percent, but the header still says what the row measures
    diff = vocab.match_label("Production Deployments (Est.)", "years in market", "percent")
    assert diff.metric == "age_years"
    ambiguous = vocab.match_label("Production Deployments")
    assert (ambiguous.metric, ambiguous.method) == (UNMAPPED_METRIC, "unmapped")


def test_wrong_dimension_pattern_is_kept_for_the_unit_scale_check(vocab: Vocabulary) -> None:
    assert vocab.match_label("Memory Usage", "MB", "time").metric == "memory_usage"


def test_unrelated_label_is_unmapped(vocab: Vocabulary) -> None:
    match = vocab.match_label("Number of Coffee Machines", "count", "count")
    assert (match.metric, match.qualifier, match.method) == (UNMAPPED_METRIC, "", "unmapped")
    assert match.score < FUZZY_THRESHOLD
    assert not vocab.match_label("   ").mapped


def test_near_typo_is_matched_fuzzily(vocab: Vocabulary) -> None:
    match = vocab.match_label("Github Starz")
    assert (match.metric, match.method) == ("github_stars", "fuzzy")
    assert FUZZY_THRESHOLD <= match.score < 100
    assert vocab.match_label("Github Starz", None, "count").metric == "github_stars"


def test_fuzzy_match_needs_an_agreeing_dimension(vocab: Vocabulary) -> None:
    assert vocab.match_label("Github Starz", None, "time").metric == UNMAPPED_METRIC


def test_exact_alias_without_pattern(vocab: Vocabulary) -> None:
    assert vocab.match_label("Stargazers").metric == "github_stars"
    assert vocab.match_label("Number of Reviews").metric == "review_count"


@pytest.mark.parametrize(
    ("hint", "dimension"),
    [
        ("RPS", "rate"),
        ("req/sec", "rate"),
        ("requests/second", "rate"),
        ("MB", "bytes"),
        ("kilobytes", "bytes"),
        ("ms", "time"),
        ("years in market", "time"),
        ("weeks", "time"),
        ("% of Python web frameworks", "percent"),
        ("percent", "percent"),
        ("version", "version"),
        ("lines of code", "count"),
        ("jobs", "count"),
        ("thousands", None),
        ("included", None),
        (None, None),
    ],
)
def test_hint_dimension(hint: str | None, dimension: str | None) -> None:
    assert hint_dimension(hint) == dimension


@pytest.mark.parametrize(
    ("text", "dimension", "noun", "metric", "qualifier"),
    [
        (
            "Our async stack peaks near ~9,000 RPS when the pool is warm",
            "rate",
            None,
            "throughput",
            "",
        ),
        (
            "It served ~6,000 req/s under concurrent load in our test",
            "rate",
            None,
            "throughput",
            "concurrent load",
        ),
        ("The repo passed 68,000+ GitHub stars last spring", "count", None, "github_stars", ""),
        (
            "Readers asked 40,000+ tagged questions on stackoverflow about it",
            "count",
            "questions",
            "stackoverflow_questions",
            "",
        ),
        ("It has 15+ years of use in production behind it", "time", None, "age_years", ""),
        (
            "The project was first released in 2012 by a small team",
            "year",
            None,
            "release_year",
            "",
        ),
        ("A demo app fits in 12 lines of code", "count", "lines of code", "boilerplate_lines", ""),
        (
            "There are 300+ community extensions to pick from",
            "count",
            "extensions",
            "extensions_count",
            "community",
        ),
        (
            "Expect about 2 hours to first app for a newcomer",
            "time",
            None,
            "time_to_build",
            "first app",
        ),
        ("Roughly 3x higher throughput than its rival", "ratio", "x", "throughput", ""),
    ],
)
def test_context_matches(
    vocab: Vocabulary, text: str, dimension: str, noun: str | None, metric: str, qualifier: str
) -> None:
    match = vocab.match_context(text, dimension, noun)
    assert (match.metric, match.qualifier, match.method) == (metric, qualifier, "context")


@pytest.mark.parametrize(
    ("text", "dimension", "noun"),
    [
        ("The guide links 1,000+ tutorials and stackoverflow answers", "count", "tutorials"),
        ("Moderate, about 4-8 hours due to async concepts", "time", None),
        ("2 comparisons available", "count", "comparisons"),
        ("Async support arrived with version 2.0 (2021)", "year", None),
        ("There are 800+ integrations and a 400,000 package ecosystem size", "count", None),
    ],
)
def test_context_without_evidence_or_ambiguous_is_unmapped(
    vocab: Vocabulary, text: str, dimension: str, noun: str | None
) -> None:
    assert vocab.match_context(text, dimension, noun).metric == UNMAPPED_METRIC


def test_context_dimension_excludes_other_metrics(vocab: Vocabulary) -> None:
    text = "It earned 50,000+ GitHub stars with 10+ years of production use"
    assert vocab.match_context(text, "count", None).metric == "github_stars"
    assert vocab.match_context(text, "time", None).metric == "age_years"


@pytest.mark.parametrize(
    ("text", "dimension", "noun", "figure", "metric"),
    [
        (
            "Our stack gives 2-3x better throughput, and the rival has 12+ years of maturity",
            "ratio",
            None,
            "2-3x",
            "throughput",
        ),
        (
            "Our stack gives 2-3x better throughput, and the rival has 12+ years of maturity",
            "time",
            None,
            "12+ years",
            "age_years",
        ),
        ("Rated 4.2 (87 reviews)", "count", None, "4.2", UNMAPPED_METRIC),
        ("Rated 4.2 (87 reviews)", "count", "reviews", "87 reviews", "review_count"),
        (
            "It is ~4x quicker in requests per second, though harder to learn",
            "ratio",
            None,
            "~4x",
            "throughput",
        ),
    ],
)
def test_context_keywords_must_sit_near_the_figure(
    vocab: Vocabulary, text: str, dimension: str, noun: str | None, figure: str, metric: str
) -> None:
    assert vocab.match_context(text, dimension, noun, figure).metric == metric


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Needs the flask-socketio add-on", "websocket_support"),
        ("Interactive Swagger UI docs out of the box", "api_docs"),
        ("Async/await handlers from day one", "async_support"),
        ("Validation through Marshmallow schemas", "data_validation"),
        ("Native built-in support", UNMAPPED_METRIC),  # no subject: cannot tell the feature
    ],
)
def test_categorical_cards_map_by_keywords(vocab: Vocabulary, text: str, metric: str) -> None:
    assert vocab.match_context(text, "category", None, text).metric == metric


def test_results_are_cached_per_instance(vocab: Vocabulary) -> None:
    first = vocab.match_label("Requests Per Second (Concurrent Load)", "RPS", "rate")
    assert vocab.match_label("Requests Per Second (Concurrent Load)", "RPS", "rate") is first
    other = load_vocabulary()
    assert other.match_label("Requests Per Second (Concurrent Load)", "RPS", "rate") == first
    assert default_vocabulary() is default_vocabulary()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


_COFFEE = """
version = "site-1"
[[metric]]
id = "coffee_machines"
dimension = "count"
value_type = "numeric"
description = "Coffee machines in the office."
label_patterns = ['\\bcoffee\\s+machines\\b']
aliases = ["coffee machines"]
tolerance = 0.0
entity_specific = true
context_keywords = ["coffee machines"]
[metric.qualifiers]
"espresso" = '\\bespresso\\b'

[[metric]]
id = "github_stars"
dimension = "count"
value_type = "numeric"
description = "Stars, narrowed to a local spelling."
label_patterns = ['\\bstarz\\b']
aliases = ["starz"]
tolerance = 0.2
entity_specific = true
context_keywords = ["starz"]
"""


def test_overrides_add_and_replace_metrics(tmp_path: Path) -> None:
    vocab = load_vocabulary(overrides=_write(tmp_path, "local.toml", _COFFEE))
    assert vocab.version == "2026.12.7+site-1"
    match = vocab.match_label("Number of Espresso Coffee Machines")
    assert (match.metric, match.qualifier) == ("coffee_machines", "espresso")
    assert vocab.metrics["github_stars"].tolerance == 0.2
    assert vocab.match_label("GitHub Stars").metric == UNMAPPED_METRIC  # replaced, not merged
    assert list(vocab.metrics).index("github_stars") < list(vocab.metrics).index("coffee_machines")


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (
            lambda s: s.replace("label_patterns = ['\\bcoffee", "label_patterns = ['(coffee"),
            "metric[0] (coffee_machines).label_patterns[0]",
        ),
        (
            lambda s: s.replace(
                'dimension = "count"\nvalue_type', 'dimension = "cups"\nvalue_type', 1
            ),
            "metric[0] (coffee_machines).dimension",
        ),
        (
            lambda s: s.replace("tolerance = 0.0", "tolerance = 0.0\ncolour = 'red'", 1),
            "metric[0].colour",
        ),
        (
            lambda s: s.replace('description = "Coffee machines in the office."\n', "", 1),
            "metric[0].description",
        ),
        (lambda s: s.replace('id = "github_stars"', 'id = "coffee_machines"'), "metric[1].id"),
        (
            lambda s: s.replace('value_type = "numeric"', 'value_type = "categorical"', 1),
            "metric[0] (coffee_machines).value_type",
        ),
        (lambda s: s.replace('id = "coffee_machines"', 'id = "unmapped"'), "metric[0].id"),
        (lambda s: s + "\n[[metric]\n", "<file>"),
    ],
)
def test_bad_file_names_file_and_key(tmp_path: Path, edit: Callable[[str], str], key: str) -> None:
    path = _write(tmp_path, "bad.toml", edit(_COFFEE))
    with pytest.raises(VocabularyError) as info:
        load_vocabulary(path)
    assert str(path) in str(info.value) and key in str(info.value)
    assert info.value.key == key
    assert isinstance(info.value, NormalizeError)


def test_missing_version_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match="version"):
        load_vocabulary(_write(tmp_path, "v.toml", _COFFEE.replace('version = "site-1"', "")))
    with pytest.raises(VocabularyError, match="cannot read"):
        load_vocabulary(tmp_path / "absent.toml")


@pytest.mark.parametrize(
    ("body", "part", "span"),
    [
        ("Up to 3x faster than Flask", "3x", (6, 8)),
        ("FLASKY is not Flask", "flask", (14, 19)),
        ("Flasky only", "Flask", None),
        ("~7,500 RPS under load", "~7,500 RPS", (0, 10)),
        ("İstanbul meetup: 5 talks", "5 talks", (17, 24)),  # lowering would move offsets
        ("no figure", "", None),
    ],
)
def test_find_is_a_case_insensitive_whole_word_search(body, part, span) -> None:
    assert _find(body, part) == span


def test_relative_and_recall_columns_are_ratios(vocab: Vocabulary) -> None:
    # a leaderboard's 'Relative (latency)' column (1 for the baseline) and a vector search's
    # 'Recall@10' (0.261) are ratios, not counts; a bare 'Ratio' stays open (often a
    # compression ratio written as a percent)
    assert vocab.match_label("Relative (latency)").metric == "relative_to_baseline"
    assert vocab.match_label("Recall@10").metric == "recall"
    assert vocab.match_label("Ratio").metric != "relative_to_baseline"
