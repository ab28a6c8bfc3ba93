"""The prose reader's word lists (ingest/data/prose.toml) compiled once into regexes.

Why: which words mark a comparison, a condition or a metric is language data that grows with
every new site; keeping it in TOML lets it grow without touching the matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from crosscheck.ingest.number_words import quantity_pattern

from crosscheck.common import toml_cache

DATA_FILE = Path(__file__).resolve().parent / "data" / "prose.toml"


def _is_cjk(word: str) -> bool:
    return any(
        "\u3000" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uac00" <= ch <= "\ud7af"
        for ch in word
    )


def trie_pattern(words: list[str]) -> str:
    """One regex matching any of `words` (literal, lower case), factored by common prefixes so
    the scan stays near-linear with hundreds of words; longer words are tried first."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie) or r"(?!x)x"


def alternation(words: list[str]) -> str:
    """A regex alternation of `words` (used case-insensitively): latin words on word
    boundaries as one prefix-factored trie, CJK words and words ending in a sign as they are."""
    plain = sorted({w for w in words if w and (_is_cjk(w) or not w[-1].isalnum())}, key=len)
    latin = [w.lower() for w in words if w and w not in plain]
    parts = []
    if latin:
        trie = trie_pattern(sorted(set(latin))).replace(r"\ ", r"\s+")
        parts.append(rf"(?<![\w])(?:{trie})(?![\w])")
    for word in reversed(plain):
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        parts.append(escaped if _is_cjk(word) or not word[0].isalnum() else rf"(?<![\w]){escaped}")
    return "|".join(parts) or r"(?!x)x"


@dataclass(frozen=True)
class Lexicon:
    """Compiled word lists; see prose.toml for what each means."""

    comparison_marker: re.Pattern[str]  # ends right before a counterpart
    counterpart_after_ratio: re.Pattern[str]
    baseline_after_ratio: re.Pattern[str]  # '~0.3x raw': a ratio to no product
    owner_after: re.Pattern[str]
    clause_break: re.Pattern[str]
    comparative_after: re.Pattern[str]
    comparative_before: re.Pattern[str]
    condition: re.Pattern[str]  # "<number> <condition noun>" spans
    setting_before: re.Pattern[str]
    duration_before: re.Pattern[str]
    release_verb: re.Pattern[str]
    setup_heading: re.Pattern[str]
    cross_reference: re.Pattern[str]
    metric: re.Pattern[str]
    common_word_names: frozenset[str]
    word_multiplier: re.Pattern[str]  # multipliers as words: "twice as", "fivefold"
    fold_multiplier: re.Pattern[str]  # "fivefold": a ratio alone, in a text holding "fold"
    spelled_figure: re.Pattern[str]  # "two to three hours more": asked past spelled_stems
    spelled_stems: tuple[str, ...]  # "hour", "minute": a text without any has no spelled figure
    spelled_quantity: re.Pattern[str]  # a worded span ending in a unit or counting parts: no ratio
    difference_after: re.Pattern[str]  # "30 minutes more ...": a difference, not a value
    correction_real_after: re.Pattern[str]  # the value after it is the page's, before retracted
    correction_retracted_after: re.Pattern[str]  # the value after it is the retracted one
    # the text between two figures set against each other ("126 to Apple's 142", "528 per
    # GPU (versus 432"): the first figure is not the second one's entity's
    contrast_gap: re.Pattern[str]
    score_before: re.Pattern[str]  # "a score of 2003": a year-shaped number that is a figure
    spread_after: re.Pattern[str]  # "within 2 ms of each other": how far apart, no one's figure
    ordinal_before: re.Pattern[str]  # "Test 1", "Step 2": which one, not a figure
    form_after: re.Pattern[str]  # "~400 kB gzipped": the form the figure was measured in
    score_after: re.Pattern[str]  # "2059 Punkte", "2131점": the same, the word after
    date_after: re.Pattern[str]  # "18일", "18日": a day of the month
    day_month_after: re.Pattern[str]  # "2. Februar 2022", "10 déc, 2020": a day of the month
    part_before: re.Pattern[str]  # "A based on the B chip": B is a part of A
    part_word: re.Pattern[str]  # any word of part_before: a text without one names no part
    part_not_after: re.Pattern[str]  # "compared with B": no part
    part_reference: re.Pattern[str]  # "the chip", "dem kommenden Chip": the part named last
    part_reference_not_after: re.Pattern[str]  # "with the processor": the subject's part
    magnification_after: re.Pattern[str]  # "5x optical zoom": a figure, no comparison
    price_share_after: re.Pattern[str]  # "62% of the hourly cost": a ratio of two prices
    price_share_before: re.Pattern[str]  # "at" before it: a share after "for" stays a value
    link_width_before: re.Pattern[str]  # "PCI-E 4.0 4x": a lane count, no ratio
    setting_lead: re.Pattern[str]  # "For AWS Lambda, ...": the name in it sets the scene
    recommend_if: re.Pattern[str]  # "Use A if you need ...": what A is chosen beyond
    unnamed_counterpart: re.Pattern[str]  # ", compared to 16GB": the other product's figures
    unnamed_counterpart_not: re.Pattern[str]  # "... on the previous generation": its own past
    beyond_before: re.Pattern[str]  # "more than 128 MB": a need past the other's limit
    source_credit: re.Pattern[str]  # "Data pulled live from GitHub and npm.": no subject
    measure_unit_after: re.Pattern[str]  # " CPU s", " elapsed s": which time, then its unit
    parts_after: re.Pattern[str]  # " CUDA cores", " OLED display": an acronym, then its part
    threshold_after: re.Pattern[str]  # "the 60 FPS mark": a threshold, no figure
    bit_width_before: re.Pattern[str]  # "a bus width of 384 bits": a width, a figure
    weight_word: re.Pattern[str]  # "heavier (213g)": a glued "g" is a gram


@lru_cache(maxsize=4)
def word_list(key: str) -> list[str]:
    """One word list of the packaged prose.toml, as written (for patterns built at import)."""
    doc = toml_cache.loads(DATA_FILE.read_text(encoding="utf-8"))
    return [str(w) for w in doc.get(key, [])]


@lru_cache(maxsize=2)
def load_lexicon(path: Path | None = None) -> Lexicon:
    """The packaged word lists (or those of `path`), compiled case-insensitively."""
    doc = toml_cache.loads((path or DATA_FILE).read_text(encoding="utf-8"))

    def words(key: str) -> list[str]:
        return [str(w) for w in doc.get(key, [])]

    def rx(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    number = r"\d[\d,. \u00a0\u202f]*\d|\d"
    return Lexicon(
        comparison_marker=rx(rf"(?:{alternation(words('comparison_markers'))})\s*(?:the\s+)?$"),
        counterpart_after_ratio=rx(
            rf"^[^.;()]{{0,30}}?(?:{alternation(words('counterpart_after_ratio'))})\s+(?:the\s+)?"
        ),
        baseline_after_ratio=rx(rf"^\s*(?:{alternation(words('baseline_after_ratio'))})\b"),
        owner_after=rx(rf"^\s*(?:{alternation(words('owner_after'))})\s+(?:the\s+)?$"),
        clause_break=re.compile("|".join(re.escape(b) for b in words("clause_breaks"))),
        comparative_after=rx(rf"^[^\d.;,]{{0,40}}?(?:{alternation(words('comparative_after'))})"),
        comparative_before=rx(rf"(?:{alternation(words('comparative_before'))})\s*$"),
        condition=rx(
            rf"(?:between\s+)?(?:{number})(?:\s*(?:and|to|-|–)\s*(?:{number}))?\+?"
            rf"(?:\s*(?:[KMGT]?B/s|[KMGT]i?B|[A-Za-z]{{1,4}}(?=\s+load)))?"
            r"(?:\s+(?:thousand|million|billion)|(?<=\d)[KMB])?\s+"  # "10 million rows", "5M rows"
            rf"(?:{alternation(words('condition_nouns'))})"
            r"(?!\s*(?:per|/|a|an|each|every)\s*(?:s\b|sec|second|minute|min\b|hour))"
        ),
        setting_before=rx(rf"(?:{alternation(words('setting_words'))})\s*[:=(]?\s*$"),
        # "for 30 seconds" sets a test's length; "to last about 3 seconds" is a figure
        duration_before=rx(rf"(?<!\bto\s)(?:{alternation(words('duration_context'))})\s+$"),
        release_verb=rx(alternation(words("release_verbs"))),
        setup_heading=rx(rf"^(?:the\s+|our\s+)?(?:{alternation(words('setup_headings'))})\b"),
        cross_reference=rx(alternation(words("cross_reference"))),
        metric=rx(alternation(words("metric_phrases"))),
        common_word_names=frozenset(words("common_word_names")),
        word_multiplier=rx(
            rf"(?:{alternation(words('word_multipliers'))})(?=\s+(?:the|as|that|de|du|des|plus|"
            r"faster|slower|more|less|higher|lower|better|worse|bigger|smaller|quicker"
            rf"|{alternation(words('multiplier_followers'))})\b)"
        ),
        fold_multiplier=rx(alternation(words("fold_multipliers"))),  # asked past "fold"
        # "around two to three hours more": a spelled number, its unit, a comparative
        spelled_figure=rx(
            r"(?:(?:about|around|roughly|nearly|almost|over|some)\s+)?"
            rf"(?:{alternation(words('spelled_numbers'))})"
            rf"(?:\s+(?:to|or)\s+(?:{alternation(words('spelled_numbers'))}))?\s+"
            rf"(?:{alternation(words('spelled_units'))})"
            rf"(?=\s+(?:of\s+)?(?:{alternation(words('difference_words'))}))"
        ),
        spelled_stems=tuple(sorted({w.lower().rstrip("s") for w in words("spelled_units")})),
        # "zwei Kerne", "quad-core" (ingest/number_words.py) count parts too: values
        spelled_quantity=rx(rf"(?:{alternation(words('spelled_units'))})$|{quantity_pattern()}"),
        difference_after=rx(rf"\s+(?:of\s+)?(?:{alternation(words('difference_words'))})"),
        correction_real_after=rx(alternation(words("correction_real_after"))),
        correction_retracted_after=rx(alternation(words("correction_retracted_after"))),
        score_before=rx(rf"(?:{alternation(words('score_words'))})\s*(?:of\s+)?[:=]?\s*$"),
        spread_after=rx(rf"^\s*(?:{alternation(words('spread_after'))})\b"),
        ordinal_before=re.compile(
            rf"(?<![\w.-])(?:{'|'.join(re.escape(w) for w in words('ordinal_names'))})\s$"
        ),
        form_after=rx(rf"\s*(?:{alternation(words('form_after'))})"),
        # "2059 Punkte", and "2067 e 6520 punti": a second figure may come between
        date_after=re.compile(rf"^(?:{'|'.join(map(re.escape, words('date_after')))})(?![간間])"),
        day_month_after=rx(rf"^\.?\s(?:de\s)?(?:{alternation(words('date_months'))})\.?(?![\w-])"),
        score_after=rx(
            r"^(?:\s[^\W\d_]{1,3}\s+\d[\d.,\u00a0\u202f ]*)?\s?"
            rf"(?:{alternation(words('score_after'))})"
        ),
        part_before=rx(rf"(?:{alternation(words('part_before'))})\s+(?:[^\s\d.,;:()]+\s+){{0,2}}$"),
        part_word=rx(alternation(sorted({w.split()[0] for w in words("part_before")}))),
        part_reference=rx(
            rf"(?:{alternation(words('part_reference_articles'))})\s+(?:[^\W\d]+\s+){{0,2}}?"
            rf"(?:{alternation(words('part_nouns'))})"
        ),
        part_reference_not_after=rx(rf"(?:{alternation(words('part_reference_not_after'))})\s+$"),
        part_not_after=rx(rf"(?:{alternation(words('part_not_after'))})\s+$"),
        magnification_after=rx(rf"^\s*(?:{alternation(words('magnification_after'))})\b"),
        price_share_before=rx(rf"(?<![\w])(?:{alternation(words('price_share_before'))})\s+$"),
        price_share_after=rx(
            rf"^\s*of\s+(?:the|its|their)\s+(?:[a-z-]+\s+)?(?:{alternation(words('price_share_nouns'))})\b"
        ),
        link_width_before=rx(  # no word boundary: a copy glues cells ("interfacePCI-E 4.0 4x")
            rf"(?:{'|'.join(map(re.escape, words('link_width_before')))})\s*(?:\d(?:\.\d)?\s*)?$"
        ),
        # "For AWS Lambda, ...", "For building this large C++ program, ...": a fronted phrase
        setting_lead=rx(
            rf"^\s*(?:{alternation(words('setting_leads'))})\s+(?:[^\W\d]+\s+){{0,6}}$"
        ),
        recommend_if=rx(
            rf"^\s*(?:{alternation(words('recommend_leads'))})\s+\S[^,;:.]{{0,40}}?\s+if\s+"
            rf"(?:{alternation(words('recommend_needs'))})\b"
        ),
        source_credit=rx(rf"^\W{{0,4}}(?:{alternation(words('source_credit_leads'))})\b"),
        unnamed_counterpart=rx(rf"(?:{alternation(words('unnamed_counterpart_markers'))})\s"),
        unnamed_counterpart_not=rx(rf"(?:{alternation(words('unnamed_counterpart_not'))})\b"),
        measure_unit_after=re.compile(
            rf"^\s+(?:{alternation(words('measure_words'))})\s+"
            r"(?P<unit>s|ms|µs|us|ns|secs?|seconds?|minutes?|mins?|hours?|h)(?![\w/])",
            re.IGNORECASE,
        ),
        parts_after=re.compile(
            rf"^\s+[A-Z]{{2,}}\s+(?:{alternation(words('parts_after_acronym'))})\b"
        ),
        threshold_after=rx(
            rf"^(?:\s+[^\s\d]{{1,8}})?\s+(?:{alternation(words('threshold_after'))})\b"
        ),
        weight_word=rx(alternation(words("weight_words"))),
        bit_width_before=rx(rf"(?:{alternation(words('bit_width_before'))})\s+(?:of\s+)?$"),
        beyond_before=rx(rf"(?:^|\s)(?:{alternation(words('beyond_words'))})\s+[~≈$]?$"),
        contrast_gap=rx(
            r"^\s+(?:[A-Za-z/-]+\s+){0,3}?\(?\s*(?:"
            rf"(?:{alternation(words('contrast_pair_markers'))})\s+(?:the\s+)?"
            r"(?:[\w.+-]+(?:'s|’s)\s+)?|to\s+(?:the\s+)?[\w.+-]+(?:'s|’s)\s+)[~≈]?$"
        ),
    )
