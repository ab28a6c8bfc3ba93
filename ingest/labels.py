"""The metric label and the role of a figure read from free text.

Why: a sentence holds several metrics ("31,508 stars, 1,240 watchers and 7,902 forks"); each
figure's label is the metric phrase of its own clause, and a multiplier or a compared
percentage makes the figure a relation (ratio / diff) rather than a value.
"""

from __future__ import annotations

import re

from crosscheck.ingest.lexicon import Lexicon
from crosscheck.ingest.size_spans import is_size
from crosscheck.ingest.spans import FigureSpan

from crosscheck.contracts import ClaimRole

_RATIO_MARK = re.compile(r"\d\s?(?:x|X|×)(?![A-Za-z])|倍|\btimes\b|\bfold\b")
_LEAD_LABEL = re.compile(r"\s*(?P<label>[A-Za-z][\w .%/+-]{1,30}?)\s*:\s*[~≈]?\s*$")
_STOP_WORD = re.compile(
    r"^(?:than|compared|vs\.?|versus|of|over|for|on|in|at|with|to|and|or|the|a|an|when|while|"
    r"whereas|but|that|which|as|by|from|on)$",
    re.IGNORECASE,
)
_VERB_BY = re.compile(r"\b([a-z]{3,}(?:s|ed))\b[^.;,]{0,40}?\bby\s*$")
_CJK = re.compile(r"[\u3000-\u9fff]")
# Between a metric phrase and the figure it introduces: short words ("of", "di", "på") or ":"
_CONNECTOR = re.compile(r"[\s:]*(?:[^\W\d_]{1,3}[\s:]+){0,2}")


def metric_label(
    text: str,
    span: FigureSpan,
    clause: tuple[int, int],
    lex: Lexicon,
    others: list[FigureSpan],
) -> str | None:
    """The metric phrase a figure's clause names, nearest first (after the figure preferred);
    a phrase that belongs to another figure (inside it, or beyond it) is not this one's."""
    seg_start = max(text.rfind(c, 0, span.start) for c in "|(;,") + 1
    lead = _LEAD_LABEL.match(text, seg_start, span.start)
    lead_label = None
    if lead and not re.search(r"\s\d", lead.group("label")):
        lead_label = lead.group("label").strip()
        if lex.metric.search(lead_label):
            return lead_label  # 'Stars: 54.2k', 'Startup time: 20 ms'
    start, end = clause
    found = [(m.start(), m.end()) for m in lex.metric.finditer(text, start, end)]
    if lead_label is not None:
        # 'Small footprint: 43 MB of memory per worker': a lead that names no metric yields
        # to a metric phrase right after the figure; otherwise it is the label
        after = [(a, b) for a, b in found if span.end <= a <= span.end + 25]
        return text[after[0][0] : after[0][1]] if after else lead_label
    if not found:
        return None
    runs: list[tuple[int, int]] = []
    for a, b in found:  # adjacent phrases form one label: "FP32 CUDA cores"
        if runs and re.match(r"^[\s-]*$", text[runs[-1][1] : a]):
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))

    def owned_by_other(run: tuple[int, int]) -> bool:
        a, b = run
        for o in others:
            if o.start == span.start:
                continue
            if o.start <= a and b <= o.end + 1:
                return True
            if (b <= o.start and o.end <= span.start) or (span.end <= o.start and o.end <= a):
                return True
        return False

    def in_aside(run: tuple[int, int]) -> bool:
        """'91% (cores 2 and 3 idle)': a phrase in a parenthesis opened after the figure
        is an aside about the set-up, not the figure's metric."""
        between = text[span.end : run[0]]
        return run[0] >= span.end and between.rfind("(") > between.rfind(")")

    def leads_into(end: int, figure_start: int) -> bool:
        return bool(_CONNECTOR.fullmatch(text, end, figure_start))

    def heads_next(run: tuple[int, int]) -> bool:
        """'single-core di 2.234 e un punteggio multi-core di 6.807': a phrase after the
        figure that leads straight into the next figure ('di', 'of', ':') is that figure's."""
        a, b = run
        return a >= span.end and any(o.start >= b and leads_into(b, o.start) for o in others)

    runs = [r for r in runs if not in_aside(r)]
    if any(b <= span.start and leads_into(b, span.start) for _, b in runs):
        runs = [r for r in runs if not heads_next(r)]  # this figure's phrase leads into it
    runs = [r for r in runs if not owned_by_other(r)] or [
        r for r in runs if r[0] <= span.end and r[1] >= span.start
    ]
    if not runs:
        return None

    def distance(run: tuple[int, int]) -> tuple[int, int]:
        a, b = run
        if a <= span.end and b >= span.start:
            return (0, 0)
        if a >= span.end:
            return (0 if a - span.end <= 25 else 1, a - span.end)
        return (1, span.start - b)

    a, b = min(runs, key=distance)
    return text[a:b]


def relation_label(text: str, span: FigureSpan, clause_end: int, lex: Lexicon) -> str:
    """The comparative phrase after a ratio or difference ("faster", "more throughput"), else
    the comparative word before it ("dropped 7%", "少 30%")."""
    tail = text[span.end : clause_end]
    if span.text.startswith("within"):
        return "within"
    window = text[max(0, span.start - 60) : span.start]
    before = lex.comparative_before.search(window)
    if before:
        word = before.group().strip()
        verb = _VERB_BY.search(window) if word.lower() == "by" else None
        return f"{verb.group(1)} by" if verb else word  # "outperforms Redis by 30%"
    if _CJK.search(tail[:3]):
        return tail.strip()[:8] or "ratio"
    words: list[str] = []
    for word in re.findall(r"[\w'’-]+", tail):
        if _STOP_WORD.match(word) and words:
            break
        if not _STOP_WORD.match(word):
            words.append(word)
        if len(words) == 3:
            break
    return " ".join(words)


_PERCENT = re.compile(r"%|\bper\s?cent\b", re.IGNORECASE)  # "12%", "12 percent"


def role_of(text: str, span: FigureSpan, lex: Lexicon) -> ClaimRole:
    """RATIO for a multiplier, DIFF for a compared percentage ("12% higher", "within 5%")."""
    if span.text.startswith("within") and "%" in span.text:
        return ClaimRole.DIFF
    if _RATIO_MARK.search(span.text):
        if is_size(span.text):
            return ClaimRole.VALUE  # "134.1 × 100.5 × 67.5 mm": a side of a size
        if lex.magnification_after.match(text[span.end : span.end + 30]):
            return ClaimRole.VALUE  # "a 5x optical zoom": the camera's own figure
        return ClaimRole.RATIO
    if (
        _PERCENT.search(span.text)
        and lex.price_share_after.match(text[span.end : span.end + 40])
        and lex.price_share_before.search(text[max(0, span.start - 12) : span.start])
    ):
        return ClaimRole.RATIO  # "at 62% of the hourly cost": the price's ratio to the other's
    if _PERCENT.search(span.text) and (
        lex.comparative_after.match(text[span.end :])
        or lex.comparative_before.search(text[max(0, span.start - 40) : span.start])
    ):
        return ClaimRole.DIFF
    return ClaimRole.VALUE


def unit_of(raw: str) -> str:
    """The words of a figure after its number ("ms", "req/s", "" for a bare number)."""
    return re.sub(r"^[^A-Za-z%×\u3000-\u9fff]*", "", raw.split(" ", 1)[-1] if " " in raw else raw)


def clause_text(text: str, clause: tuple[int, int]) -> str:
    return text[clause[0] : clause[1]].strip(" ,;:—–")[:120]
