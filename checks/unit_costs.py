"""A cost a page works out from a unit price and a volume and states at the wrong scale:
"$0.20 per million requests adds $400" for 2 million invocations ($0.40), "300 GB-seconds at
$0.00001667 per GB-second costs about $5" ($0.005).

Why: pricing pages multiply in prose; a total off by a factor of 1,000 (thousands read as
millions, a volume in the wrong unit) misleads every reader who budgets with it, and the page's
own figures show it. Only a total off by a power of 1,000 is flagged: a rough or rounded sum,
a free tier the page forgot or a total of other things is never that far off by that factor.
Read from the sentences of the page's facts (paragraph by paragraph); a finding rests on the
facts of the sentences it read. Nouns that count one thing: checks/data/unit_costs.toml.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.common.numbers import NUMBER, number_value, scale_value
from crosscheck.contracts import FindingKind, Scope, Severity

_N = f"({NUMBER})"
_SCALE_WORD = r"(million|billion|thousand|mn|bn|[mk])\b"  # any case: "1M calls", "100 k"
_NOUN = r"([a-z][a-z-]*(?:\s+call)?)"
# "$0.20 per million requests", "$0.00001667 per GB-second", "$0.50 per 1M calls"
_PRICE = re.compile(
    rf"[$€£]\s?{_N}\s+(?:per|for\s+every|/)\s+(?:(?:1\s?|one\s+)?{_SCALE_WORD}\s*|(\d[\d,]*)\s+)?"
    rf"(?!(?:month|year|day|week|hour|mo|yr)s?\b){_NOUN}",  # "$5 per month" is a total
    re.IGNORECASE,
)
# "adds $400", "costs about $5", "cost $950 total", "comes to $12k"
_TOTAL = re.compile(
    r"\b(?:adds?|costs?|comes?\s+to|totals?|totall?ing|amounts?\s+to|runs?\s+to)\s+"
    rf"(?:about\s+|roughly\s+|around\s+|only\s+|just\s+|~\s?)?[$€£]\s?{_N}(?:\s?{_SCALE_WORD})?"
    # "costs $0.30 per million" is a price; "costs $5 per month" a total over a period
    r"(?!\s*(?:per|/|for\s+every|a|an|each)\s+(?!month|year|day|week|hour|mo\b|yr\b))",
    re.IGNORECASE,
)
# "2 million invocations", "300 GB-seconds", "100 k free requests"
_VOLUME = re.compile(
    rf"(?<![\w$€£.,]){_N}(?:\s?{_SCALE_WORD})?\s+((?:free\s+)?){_NOUN}", re.IGNORECASE
)
_FREE_BEFORE = re.compile(r"\bfirst\s+$", re.IGNORECASE)
_LEAD = re.compile(r"^paragraph (\d+) sentence at (\d+)\b")
SLIP = 0.03  # a total within 3 % of 1,000x (or 1/1,000x) the product is a scale slip
SCALE_SLIPS = (1e3, 1e6, 1e9)


def _scale(word: str | None) -> float:
    """What a scale word of a price or volume multiplies by; a letter in either case."""
    if not word:
        return 1.0
    return scale_value(word.lower()) or scale_value(word.upper()) or 1.0


def _number(text: str, scale: str | None = None) -> float:
    return number_value(text) * _scale(scale)


@functools.cache
def _families() -> dict[str, str]:
    """Each counted noun (singular) and its family."""
    doc = read_words("unit_costs.toml")
    return {
        str(noun): str(family)
        for family, nouns in doc.get("families", {}).items()
        for noun in nouns
    }


def _counted(noun: str) -> str:
    """What a noun counts: its family, else the noun itself without a plural ending."""
    word = " ".join(noun.lower().split())
    singular = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    families = _families()
    return families.get(word) or families.get(singular) or singular


@dataclass(frozen=True)
class _Volume:
    amount: float
    counted: str
    free: bool  # "the first 100 k free requests": an allowance, not the volume
    text: str


def _volumes(sentence: str) -> list[_Volume]:
    """The counted volumes of a sentence, outside its prices ("per 1M calls" is no volume)."""
    priced = [m.span() for m in _PRICE.finditer(sentence)]
    found = []
    for match in _VOLUME.finditer(sentence):
        if any(start <= match.start() < end for start, end in priced):
            continue
        number, scale, free, noun = match.groups()
        allowance = bool(free) or bool(_FREE_BEFORE.search(sentence[: match.start()]))
        found.append(_Volume(_number(number, scale), _counted(noun), allowance, match.group(0)))
    return found


@dataclass(frozen=True)
class _Slip:
    sentences: tuple[str, ...]
    explanation: str


def _slips(paragraph: list[str], source: str) -> list[_Slip]:
    """The priced totals of one paragraph (its sentences in page order) off by a power of
    1,000 from the price times the volume the paragraph gives."""
    found = []
    for at, sentence in enumerate(paragraph):
        prices = list(_PRICE.finditer(sentence))
        for k, price in enumerate(prices):
            stop = prices[k + 1].start() if k + 1 < len(prices) else len(sentence)
            unit_price = _number(price.group(1))
            per = _scale(price.group(2))
            if price.group(3):
                per = _number(price.group(3))
            counted = _counted(price.group(4))
            # the total: after the price in its own sentence, else in a later sentence of
            # the paragraph (with the volume it is for)
            total, total_at = None, at
            hit = _TOTAL.search(sentence, price.end(), stop)
            if hit is None:
                for later in range(at + 1, len(paragraph)):
                    hit = _TOTAL.search(paragraph[later])
                    if hit is not None:
                        total_at = later
                        break
            if hit is None or unit_price <= 0 or per <= 0:
                continue
            total = _number(hit.group(1), hit.group(2))
            # the volume: in the total's sentence, the price's, then the paragraph before
            volume, volume_at = None, at
            for place in dict.fromkeys([total_at, at, *range(at - 1, -1, -1)]):
                counts = [v for v in _volumes(paragraph[place]) if v.counted == counted]
                volume = next((v for v in counts if not v.free), None)
                if volume is not None:
                    volume_at = place
                    break
            if volume is None or total <= 0:
                continue
            # a free allowance the price's or the total's sentence names ("after the first
            # 100 k free requests")
            free = [
                v.amount
                for place in dict.fromkeys([at, total_at])
                for v in _volumes(paragraph[place])
                if v.free and v.counted == counted
            ]
            allowance = free[0] if free else 0.0
            products = [unit_price * volume.amount / per]
            if 0 < allowance < volume.amount:
                products.append(unit_price * (volume.amount - allowance) / per)
            slip = _scale_slip(total, products)
            if slip is None:
                continue
            product, factor = slip
            used = tuple(paragraph[i] for i in sorted({at, total_at, volume_at}))
            less = f" less {allowance:,.0f} free" if product != products[0] else ""
            explanation = (
                f"On {source}: {price.group(0)!r} for {volume.text!r}{less} comes to "
                f"{_money(product)}, but the page states {hit.group(0)!r} ({_money(total)}), "
                f"{factor:,.0f} times {'more' if total > product else 'less'}: a slip of scale "
                "in the total or in the volume (the unit price, a published rate, is the "
                "likeliest right)."
            )
            found.append(_Slip(used, explanation))
    return found


def _scale_slip(total: float, products: list[float]) -> tuple[float, float] | None:
    """(the product, the factor) when the total is a power of 1,000 away from a product and
    no product gives it."""
    if any(p > 0 and abs(total - p) <= 0.1 * p for p in products):
        return None
    for product in products:
        if product <= 0:
            continue
        ratio = total / product
        for factor in SCALE_SLIPS:
            for side in (factor, 1 / factor):
                if abs(math.log(ratio / side)) <= math.log1p(SLIP):
                    return product, factor
    return None


def _money(x: float) -> str:
    return f"${x:,.2f}" if x >= 0.01 else f"${x:.4g}"


def find_unit_cost_slips(facts: pd.DataFrame) -> list[Finding]:
    """Totals a page works out from its own unit price and volume at the wrong scale
    (medium): one finding per total, resting on the facts of the sentences it read."""
    if facts.empty or not {"evidence", "locator", "source"} <= set(facts.columns):
        return []
    evidence = facts["evidence"]
    priced = {
        t
        for t in evidence.dropna().unique()
        if ("$" in t or "€" in t or "£" in t) and _PRICE.search(t)
    }
    if not priced:
        return []
    pages = set(facts.loc[evidence.isin(priced).to_numpy(dtype=bool), "source"].dropna())
    rows = facts[facts["source"].isin(pages).to_numpy(dtype=bool) & evidence.notna().to_numpy()]
    findings: list[Finding] = []
    for source, page in rows.groupby("source", sort=False):
        paragraphs: dict[int, dict[int, str]] = {}
        for locator, text in zip(page["locator"].astype(str), page["evidence"], strict=True):
            lead = _LEAD.match(locator)
            if lead:
                paragraphs.setdefault(int(lead.group(1)), {})[int(lead.group(2))] = str(text)
        for number in sorted(paragraphs):
            sentences = [paragraphs[number][at] for at in sorted(paragraphs[number])]
            if not any(s in priced for s in sentences):
                continue
            for slip in _slips(sentences, str(source)):
                claims = page.loc[page["evidence"].isin(slip.sentences), "claim_id"]
                entity = page.loc[page["evidence"].isin(slip.sentences), "entity"].dropna()
                findings.append(
                    make_finding(
                        FindingKind.DIFF_MISMATCH,
                        Scope.SAME_PAGE,
                        Severity.MEDIUM,
                        entity.mode().iloc[0] if len(entity) else None,
                        None,
                        None,
                        slip.explanation,
                        claims,
                        rule="unit cost",
                    )
                )
    return findings
