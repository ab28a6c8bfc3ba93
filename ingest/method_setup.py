"""Numbers that set up a test or name a thing, read from the words around them: the field a
test spread over ("across 12 smart speakers"), its period ("over 8 months" in a test
sentence), a CJK load ("50 个并行客户端", "15k 文件"), a scenario's opening clause ("For 10 TB
of data:"), how the input was made ("Encoded at 128 kbps"), a radio band ("the 6 GHz band"), a
generation ("Gen 3") and a year however written ("2024年末", "around 2023").

Why: held-out pages kept reading these as product figures (a count of what was tested becomes a
product's count; a band's 6 GHz becomes a standard's clock). The shapes were counted over the
keyed sets first (most show on three sites or more); the words are data
(ingest/data/nonfigures.toml, the notfig28 blocks). Asked by ingest.nonfigure_shapes once no
other rule found a reason, so it only ever takes a figure away.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from crosscheck.ingest.name_numbers import word_data

__all__ = ["Reason", "method_reason"]

# the values of ingest.nonfigure_shapes.NotFigure this module gives (it imports this module)
Reason = Literal["version", "identifier", "condition", "date"]


@dataclass(frozen=True)
class _Words:
    spread_before: re.Pattern[str]  # "across ", "among "
    field_before: re.Pattern[str]  # "from ", "bei ": a test's field only in a test sentence
    period_before: re.Pattern[str]  # "over ", "after ", "for "
    test_word: re.Pattern[str]  # "benchmark", "tested", "geprüft", "测试"
    cjk_load_after: re.Pattern[str]  # "个线程", "次请求", "文件"
    band_after: re.Pattern[str]  # "band", "bands", "frequency band", "spectrum"
    band_ghz: frozenset[float]  # the radio bands named by their frequency
    scenario_opener: re.Pattern[str]  # "For ", "Pour ": a sentence opening on its scenario
    process_before: re.Pattern[str]  # "Encoded at ", "fully charged to ": how the input was made
    person: re.Pattern[str]  # "you", "we": a clause with a subject states a figure
    about_year: re.Pattern[str]  # "around 2023", "circa 2019": a year however vague
    # a period of weeks or more; hours and minutes stay a product's times ("lasts over 10 hours")
    period: re.Pattern[str]  # the raw "8 months", "6 Wochen"
    period_after: re.Pattern[str]  # " months" after a bare "8"


@functools.cache
def _words() -> _Words:
    data = word_data()
    alt, rx = data.alt, data.rx
    return _Words(
        spread_before=rx(rf"(?:^|[\s(])(?:{alt('spread_prepositions')})\s+$"),
        field_before=rx(rf"(?:^|[\s(])(?:{alt('test_field_prepositions')})\s+$"),
        period_before=rx(rf"(?:^|[\s(])(?:{alt('test_period_prepositions')})\s+$"),
        test_word=rx(rf"(?<![\w-])(?:{alt('test_words')})"),
        cjk_load_after=re.compile(
            rf"^\s?(?:{alt('cjk_counters')})?\s?(?:{alt('cjk_condition_nouns')})"
        ),
        band_after=rx(rf"^\s*(?:{alt('band_nouns_after')})\b"),
        band_ghz=frozenset(float(v) for v in data.doc["radio_band_ghz"]),
        scenario_opener=re.compile(rf"\W{{0,3}}(?:{alt('scenario_openers')})\s"),
        process_before=rx(
            rf"(?<![\w-])(?:{alt('process_participles')})(?:\s+it)?"
            r"(?:\s+(?:to|into|in|as|en)\s+[A-Z][\w.-]*)?"
            rf"\s+(?:{alt('process_prepositions')})\s+(?:a\s+|an\s+)?[~≈]?$"
        ),
        about_year=rx(rf"^(?:{alt('approximate_year_words')})\s(?:19|20)\d\d$"),
        person=rx(rf"(?<![\w-])(?:{alt('clause_subjects')})(?![\w-])"),
        period=rx(rf"^\d+\+?\s?(?:{alt('test_period_units')})$"),
        period_after=rx(rf"^\s(?:{alt('test_period_units')})"),
    )


# a count with no unit: "12", "25+", "3,200+", "1k" (the raw of a span)
_COUNT = re.compile(r"^\d{1,3}(?:[,.\u00a0]\d{3})*\+?$|^\d+(?:\.\d+)?[kK]\+?$")
# a lower-case word (or a German capitalised noun) after the count: what was counted
_NOUN_AFTER = re.compile(r"^\s(?:[a-zäöüéèà][\w-]*|[A-ZÄÖÜ][a-zäöüß]{3,}(?:n|en|ern|e|s)\b)")
_NOT_NOUN = re.compile(r"^\s(?:to|and|or|of|bis|und|à|a|y|et|times|x)\b", re.IGNORECASE)
_CJK_COUNT = re.compile(r"^\d[\d,.]*\s?[kK万]?\s?(?:个|個|次|条|條)?$")
_GHZ = re.compile(r"^(\d+(?:\.\d+)?)\s?GHz$")
# frequencies joined into a list: ", ", " and ", " or ", "+", "/" (the band list of a standard)
_BAND_JOIN = re.compile(r"\s*(?:,\s*(?:and|or|und|et|y)?|\+|/|\s(?:and|or|und|et|y|ou|o))\s*$")
_BAND_JOIN_AFTER = re.compile(
    r"^\s*(?:,\s*(?:and|or|und|et|y)?|\+|/|\s(?:and|or|und|et|y|ou|o))\s*"
)
_GHZ_BEFORE = re.compile(r"(\d+(?:\.\d+)?)\s?GHz$")
_GHZ_AFTER = re.compile(r"(\d+(?:\.\d+)?)\s?GHz")
_GEN_BEFORE = re.compile(r"(?<![\w-])(?:Gen|GEN|gen|Generation|generation)\.?\s?$")
_SMALL = re.compile(r"^\d{1,2}$")
_SENTENCE_START = re.compile(r"(?:[.!?。！？]\s|\n)")
_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)|\n")
_TEST_BEFORE = 48  # "Performance benchmarks from 20", "After 8 months testing"
_TEST_AFTER = 32  # "bei 16 Geschirrspülern geprüft"
# a count the span scanner kept with its noun ("200 commits"): after "across", still a field
_COUNTED = re.compile(r"^\d[\d,.]*\+?\s[a-z]{3,}$")
_YEAR_END = re.compile(r"^\s*(?:$|[,.;:)!?]|\s(?:and|or|when|the|to|in|with|as|until|und|et)\b)")
_CJK_YEAR = re.compile(r"^(?:19|20)\d\d\s?年$")
_MONEY = re.compile(r"[$€£¥]")
# the end of a scenario's clause: a comma or a colon before a space or the text's end (no
# thousands comma), or a line break
_CLAUSE_END = re.compile(r"[,:;](?=\s|$)|\n")
_LIST_CLOSE = re.compile(r"\s*(?:$|[)|\n.;,])")
_MAX_SCENARIO = 90  # "For a workload with 100GB monthly writes and 400GB monthly reads,"


def method_reason(text: str, start: int, raw: str, before: str, after: str) -> Reason | None:
    """Why `raw` (at `start` of `text`, between `before` and `after`) sets up a test or names a
    band or a generation, or None."""
    if _CJK_YEAR.match(raw):
        return "date"  # "2024年末", "2025年初頭": a calendar year, no duration of 2024 years
    if _words().about_year.match(raw) and _YEAR_END.match(after):
        return "date"  # "stopped being true around 2023, and": a year, however vague
    if _SMALL.match(raw) and _GEN_BEFORE.search(before[-12:]):
        return "version"  # "Snapdragon 7 Gen 3", "USB 3.2 Gen 2": which generation
    ghz = _GHZ.match(raw)
    if ghz is not None and _band(float(ghz.group(1)), before, after):
        return "identifier"  # "the 6 GHz band", "2.4 GHz, 5 GHz and 6 GHz"
    words = _words()
    if _CJK_COUNT.match(raw) and words.cjk_load_after.match(after):
        return "condition"  # "50 个并行客户端", "100,000 次请求", "15k 文件"
    if _COUNTED.match(raw) and words.spread_before.search(before[-10:]):
        return "condition"  # "multiply it across 200 commits a day"
    if _COUNT.match(raw) and _NOUN_AFTER.match(after) and not _NOT_NOUN.match(after):
        if words.spread_before.search(before[-10:]):
            return "condition"  # "across 12 smart speakers": the field of a test
        if words.field_before.search(before[-8:]) and _test_sentence(text, start, start + len(raw)):
            return "condition"  # "benchmarks from 20 locations", "bei 16 Geräten geprüft"
    periodic = words.period.match(raw) or (raw.isdigit() and words.period_after.match(after))
    if (
        periodic
        and words.period_before.search(before[-10:])
        and _test_sentence(text, start, start + len(raw))
    ):
        return "condition"  # "After 8 months testing", "requests over 30 days"
    if raw[:1].isdigit() and words.process_before.search(before[-40:]):
        return "condition"  # "Encoded at 128 kbps", "fully charged to 4.2V": the input's making
    if _MONEY.search(raw) is None and _in_scenario(text, start + len(raw)):
        return "condition"  # "For 10 TB of data:", "For a team burning 100,000 minutes,"
    return None


def _in_scenario(text: str, end: int) -> bool:
    """Whether the figure ending at `end` sits in the opening clause of a sentence that sets
    up a scenario ("For 10 TB of data:", "Pour une pièce de 120 ft²,"): the clause, up to its
    comma or colon, names no subject ("For the 1TB model you get 600 TBW" states a figure)."""
    lo = max(0, end - _MAX_SCENARIO - 5)
    near = text[lo:end]
    if "For" not in near and "Für" not in near and "Pour" not in near:
        return False  # a cheap gate: no opener near it
    starts = [m.end() for m in _SENTENCE_START.finditer(text, lo, end)]
    if starts:
        lo = starts[-1]
    elif lo > 0:
        return False  # no sentence start near it: not in an opening clause
    words = _words()
    opener = words.scenario_opener.match(text, lo)
    if opener is None:
        return False
    clause_end = _CLAUSE_END.search(text, opener.end())
    if clause_end is None or clause_end.start() < end or clause_end.group() == "\n":
        return False
    clause = text[opener.end() : clause_end.start()]
    return len(clause) <= _MAX_SCENARIO and words.person.search(clause) is None


def _test_sentence(text: str, start: int, end: int) -> bool:
    """Whether a test word stands near the figure in its sentence: a few words before it
    ("benchmarks from 20 locations") or right after it ("bei 16 Geräten geprüft"); a test
    word further on is another clause's ("operates from 330+ cities ... in benchmarks")."""
    lo = max(0, start - _TEST_BEFORE)
    for found in _SENTENCE_START.finditer(text, lo, start):
        lo = found.end()
    stop = _SENTENCE_END.search(text, end)
    hi = min(stop.start() if stop else len(text), end + _TEST_AFTER)
    return _words().test_word.search(text, lo, hi) is not None


def _band(value: float, before: str, after: str) -> bool:
    """A frequency naming a radio band: a noun says so ("6 GHz band", "5 GHz frequencies"), or
    it stands in a list of band frequencies: three or more ("2.4 GHz, 5 GHz, and 60 GHz and
    offers"), or two that close on a band noun, a parenthesis, a cell or the line's end (not
    "3GHz / 2.2GHz base clocks": 3 GHz names no band)."""
    words = _words()
    if value not in words.band_ghz:
        return False
    if words.band_after.match(after):
        return True
    listed = 1
    rest = before
    while (joined := _BAND_JOIN.search(rest)) is not None:
        prior = _GHZ_BEFORE.search(rest, 0, joined.start())
        if prior is None or float(prior.group(1)) not in words.band_ghz:
            break
        listed += 1
        rest = rest[: prior.start()]
    rest = after
    while (join := _BAND_JOIN_AFTER.match(rest)) is not None:
        nxt = _GHZ_AFTER.match(rest, join.end())
        if nxt is None or float(nxt.group(1)) not in words.band_ghz:
            break
        listed += 1
        rest = rest[nxt.end() :]
    if listed >= 3:
        return True
    closes = words.band_after.match(rest) or _LIST_CLOSE.match(rest)
    return listed == 2 and closes is not None
