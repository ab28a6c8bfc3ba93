"""`logic`: a score defined as a percentage times a factor ("(% * 1 000)") beside a stated
maximum of that score that the formula cannot give (100 % × 1 000 = 100 000, not 10 000).

Why: methodology pages define their scores in words and give the scale twice, as a formula and
as a maximum; when the two disagree by a factor, every score on the site is ambiguous. Read from
the evidence of the page's facts of one metric; words in checks/data/formula_words.toml.
"""

from __future__ import annotations

import functools
import re

import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import FindingKind, Scope, Severity

__all__ = ["find_formula_vs_maximum", "percent_factor", "stated_maximum"]

_N = r"(\d{1,3}(?:[\u00a0\u202f ,]\d{3})+|\d+(?:[.,]\d+)?)"
# "(% * 1 000)", "% × 100", "100 × %" (the factor that turns a percentage into the score)
# The % stands alone (a variable), never after a number ("5% * 2" is a figure times two).
_FORMULA = re.compile(
    rf"(?<![\d.,]\s)(?<![\d.,])%\s*[*×x·]\s*{_N}(?!\d)|(?<![\d.,]){_N}\s*[*×·]\s*%"
)
# What every match of _FORMULA holds: a cheap scan that rules out most sentences with a "%"
# (the lookbehinds make _FORMULA try every position of a long sentence).
_OPERATOR_BESIDE_PERCENT = re.compile(r"%\s*[*×x·]|[*×·]\s*%")
TOLERANCE = 0.01


def _number(text: str) -> float:
    return float(re.sub(r"[\s\u00a0\u202f,]", "", text))


@functools.cache
def _maximum() -> re.Pattern[str]:
    words = "|".join(f"(?:{w})" for w in read_words("formula_words.toml").get("maximum", []))
    # the maximum word, up to three short words ("score", "de", "of a"), then the number
    return re.compile(rf"(?:{words})(?:\s+[^\W\d]{{1,12}}){{0,3}}\s*[:=]?\s*{_N}", re.IGNORECASE)


def percent_factor(sentence: str) -> float | None:
    """The factor of a "percentage × factor" formula the sentence states, else None."""
    if _OPERATOR_BESIDE_PERCENT.search(sentence) is None:
        return None
    found = _FORMULA.search(sentence)
    if found is None:
        return None
    return _number(found.group(1) or found.group(2))


def stated_maximum(sentence: str) -> float | None:
    """The maximum the sentence states ("a maximum score of 10 000" → 10000), else None."""
    found = _maximum().search(sentence)
    return _number(found.group(1)) if found else None


def find_formula_vs_maximum(facts: pd.DataFrame) -> list[Finding]:
    """One finding per page and metric whose stated percentage formula cannot reach (or
    overshoots) the maximum the page states for the same metric."""
    if facts.empty or "evidence" not in facts.columns:
        return []
    # columns are read, the 30-column frame is copied only for the pages with a formula
    known = facts["evidence"].notna() & facts["metric"].notna()
    stating = known & facts["evidence"].str.contains("%", regex=False, na=False)
    # each distinct sentence read once (a table's sentence is the evidence of all its cells)
    stated = facts.loc[stating, ["source", "metric", "evidence"]]
    formulas_in = {text for text in stated["evidence"].unique() if percent_factor(text)}
    stated = stated[stated["evidence"].isin(formulas_in)]
    defined = set(zip(stated["source"], stated["metric"], strict=True))
    if not defined:
        return []
    keys = zip(facts["source"], facts["metric"], strict=True)
    rows = facts[known & pd.Series([key in defined for key in keys], index=facts.index)]
    findings: list[Finding] = []
    for (source, metric), group in rows.groupby(["source", "metric"], sort=True):
        formulas, maxima = [], []
        for evidence, claims in group.groupby("evidence", sort=True)["claim_id"]:
            factor, top = percent_factor(evidence), stated_maximum(evidence)
            if factor:
                formulas.append((factor, evidence, list(claims)))
            if top:
                maxima.append((top, evidence, list(claims)))
        for factor, formula_text, formula_claims in formulas:
            for top, max_text, max_claims in maxima:
                if formula_text == max_text or abs(100 * factor - top) <= TOLERANCE * top:
                    continue
                explanation = (
                    f"On {source} the {metric.replace('_', ' ')} is defined as a percentage × "
                    f"{factor:,.0f} ({formula_text!r}), which gives {100 * factor:,.0f} at 100 %, "
                    f"but the page states a maximum of {top:,.0f} ({max_text!r}): "
                    f"a factor of {top / 100:,.0f} would give it."
                )
                findings.append(
                    make_finding(
                        FindingKind.LOGIC,
                        Scope.SAME_PAGE,
                        Severity.MEDIUM,
                        str(group["entity"].iloc[0]),
                        str(metric),
                        None,
                        explanation,
                        [*formula_claims, *max_claims],
                        rule="formula_maximum",
                    )
                )
    return findings
