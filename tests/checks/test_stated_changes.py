"""checks.stated_changes: a change a page states for a condition ("TLS adds N % overhead")
against the page's own pair of figures with and without it. Figures are made up in the shape
of real benchmark READMEs; a statement that some pair gives, one about another quantity, or one
without a pair never fires."""

from __future__ import annotations

import pandas as pd
from crosscheck.checks.stated_changes import find_stated_changes

from crosscheck.contracts import FindingKind

# entity, metric, qualifier, raw value, low, high, unit, evidence
Row = tuple[str, str, str, str, float, float, str, str]


def _facts(rows: list[Row], source: str = "a.md") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(len(rows))],
            "source": [source] * len(rows),
            "entity": [r[0] for r in rows],
            "metric": [r[1] for r in rows],
            "qualifier": [r[2] for r in rows],
            "raw_value": [r[3] for r in rows],
            "low": [r[4] for r in rows],
            "high": [r[5] for r in rows],
            "unit": [r[6] for r in rows],
            "value_type": ["number"] * len(rows),
            "evidence": [r[7] for r in rows],
        }
    )


def _pair(plain: float, tls: float, unit: str = "req/s") -> list[Row]:
    return [
        ("ProxyA", "rate", "scenario: http", f"{plain:g}", plain, plain, unit, "HTTP | ProxyA"),
        ("ProxyA", "rate", "scenario: https", f"{tls:g}", tls, tls, unit, "HTTPS | ProxyA"),
    ]


def _stated(raw: str, low: float, high: float, sentence: str, unit: str = "percent") -> Row:
    return ("Docker", "overhead", "", raw, low, high, unit, sentence)


def test_a_stated_overhead_the_pair_does_not_give_is_flagged() -> None:
    # 72K -> 61K is a 15 % drop (18 % the other way): not 35-45 %
    rows = [*_pair(72000, 61000), _stated("35-45%", 35, 45, "TLS adds 35-45% overhead.")]
    findings = find_stated_changes(_facts(rows))
    assert [(f.kind, f.claim_ids) for f in findings] == [
        (FindingKind.RELATION_MISMATCH, ("c0", "c1", "c2"))
    ]
    assert "ProxyA" in findings[0].explanation


def test_a_stated_overhead_either_reading_gives_is_not_flagged() -> None:
    # 80K -> 64K: a 20 % drop, or 25 % more per request: both readings meet "20-25 %"
    rows = [*_pair(80000, 64000), _stated("20-25%", 20, 25, "TLS adds 20-25% overhead.")]
    assert find_stated_changes(_facts(rows)) == []


def test_rounding_of_the_stated_percent_is_allowed() -> None:
    # 4410 -> 4180 is a 5.22 % drop, stated as 5.3 %
    rows = [*_pair(4410, 4180), _stated("5.3%", 5.3, 5.3, "HTTPS is 5.3% slower.")]
    assert find_stated_changes(_facts(rows)) == []


def test_a_statement_about_another_quantity_is_never_compared() -> None:
    # CPU load is not the request rate the pair measures
    rows = [*_pair(72000, 61000), _stated("2-4%", 2, 4, "TLS adds 2-4% CPU load.")]
    assert find_stated_changes(_facts(rows)) == []


def test_a_statement_without_a_pair_of_its_conditions_is_not_compared() -> None:
    rows = [
        ("ProxyA", "rate", "scenario: http", "72000", 72000, 72000, "req/s", "HTTP | ProxyA"),
        ("ProxyB", "rate", "scenario: https", "61000", 61000, 61000, "req/s", "HTTPS | ProxyB"),
        _stated("35-45%", 35, 45, "TLS adds 35-45% overhead."),
    ]
    assert find_stated_changes(_facts(rows)) == []


def test_any_pair_that_gives_the_statement_keeps_it() -> None:
    # ProxyA's pair drops 15 %, ProxyB's 40 %: the general statement holds for one of them
    rows = [
        *_pair(72000, 61000),
        ("ProxyB", "rate", "scenario: http", "50000", 50000, 50000, "req/s", "HTTP | ProxyB"),
        ("ProxyB", "rate", "scenario: https", "30000", 30000, 30000, "req/s", "HTTPS | ProxyB"),
        _stated("35-45%", 35, 45, "TLS adds 35-45% overhead."),
    ]
    assert find_stated_changes(_facts(rows)) == []


def test_pairs_differing_in_another_condition_are_not_pairs() -> None:
    rows = [
        ("ProxyA", "rate", "http; 2 cpu", "72000", 72000, 72000, "req/s", "HTTP | ProxyA"),
        ("ProxyA", "rate", "https; 8 cpu", "61000", 61000, 61000, "req/s", "HTTPS | ProxyA"),
        _stated("35-45%", 35, 45, "TLS adds 35-45% overhead."),
    ]
    assert find_stated_changes(_facts(rows)) == []


def test_a_stated_ratio_is_read_as_the_pair_ratio() -> None:
    # "3x slower with TLS" over 90K and 60K (1.5x) is flagged; 2x over 90K and 45K is not
    stated = _stated("3x", 3, 3, "Turning on TLS makes it 3x slower.", unit="x")
    assert len(find_stated_changes(_facts([*_pair(90000, 60000), stated]))) == 1
    stated = _stated("2x", 2, 2, "Turning on TLS makes it 2x slower.", unit="x")
    assert find_stated_changes(_facts([*_pair(90000, 45000), stated])) == []


def test_a_level_without_a_change_word_is_not_a_statement() -> None:
    rows = [*_pair(72000, 61000), _stated("35%", 35, 35, "TLS handles 35% of the traffic.")]
    assert find_stated_changes(_facts(rows)) == []


def test_conditions_come_from_the_data_file() -> None:
    # HTTP/2 against HTTP/1.1: 30K -> 33K is 10 %, not the stated 40 %
    rows: list[Row] = [
        ("ProxyA", "rate", "protocol: http/1.1", "30000", 30000, 30000, "req/s", "HTTP/1.1"),
        ("ProxyA", "rate", "protocol: http/2", "33000", 33000, 33000, "req/s", "HTTP/2"),
        _stated("40%", 40, 40, "HTTP/2 is 40% faster for small files."),
    ]
    assert len(find_stated_changes(_facts(rows))) == 1
