"""Product names a page shows by its own structure and wording, for pages no gazetteer covers.

Why: on an unseen site the products are in no list and often in no "X vs Y" title; without a
name the page gave no claim at all. A column table's header over figures, the words beside
"vs"/"than"/"compared to", "A costs $N", a title's "A, B and C compared" list and capitalised
product-shaped tokens the page repeats in mid-sentence name them; stop lists (data) keep
section words, people, months, units and metric words out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.common_nouns import NounLanguage, common_noun, page_language
from crosscheck.ingest.generic_nouns import is_generic_noun
from crosscheck.ingest.page_product_words import (
    _HAS_DIGIT,
    _model_code,
    _refused,
    _shaped,
    _stops,
    _tier,
)
from crosscheck.ingest.page_product_words import DATA_FILE as DATA_FILE
from crosscheck.ingest.page_product_words import ordinary_word as ordinary_word
from crosscheck.ingest.page_product_words import without_bylines as without_bylines
from crosscheck.ingest.table_headers import is_label_header, is_metric_like

_NAME_TOKEN = r"(?:[A-Z][A-Za-z0-9]*|[a-z]+[A-Z][A-Za-z0-9]*)(?:[.+-][A-Za-z0-9]+)*\+?(?![\w@])"
# capitalised words and the model numbers between them, one space apart: "Galaxy S24 Ultra"
# ... and "265" of "Forerunner 265", "5861" of "W 5861" (a 3-4 digit number: no year, and only
# where the page writes the family with such numbers twice, see _Tally.names)
_MODEL_NUMBER = r"(?:\d{1,2}|(?!(?:19|20)\d\d(?!\d))\d{3,4})[A-Za-z]{0,2}(?![\w@]|[.,:/-]\w)"
_RUN = re.compile(rf"(?<![\w.+#/@'’,-]){_NAME_TOKEN}(?: (?:{_NAME_TOKEN}|{_MODEL_NUMBER}))*")
_HAS_NUMBER = re.compile(r"\d")
# "13.5 kWh", "10,000 RPM", "5700 mAh": a word right after a quantity is its unit; "2015 Voltaro"
# is a year
_NUMBER_BEFORE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:[.,]\d+)*|(?!(?:19|20)\d\d\b)\d{4,}) ?$")
_SENTENCE_END = frozenset('.!?:;"“”(•*#>|-–—\n')
# "vs", "than", "compared to": the capitalised word on either side is a compared product
_MARKER_AFTER = re.compile(
    r"^\s*(?:vs\.?|versus|compared\s+(?:to|with)|against|than)\s+(?:the\s+)?$", re.IGNORECASE
)
_MARKER_BEFORE = re.compile(r"^\s+(?:vs\.?|versus|compared\s+(?:to|with)|against)\s", re.IGNORECASE)
_THAN_BEFORE = re.compile(r"^\s+(?:is|was|runs|ran|proved|came in|are|were)\b", re.IGNORECASE)
# "A costs $300/mo", "A starts at $13/month": the word before a price verb and a currency figure
_PRICED = re.compile(
    r"^\s+(?:costs?|charges?|starts?\s+at|is\s+priced\s+at|runs\s+you)\s+(?:about\s+|only\s+)?[$€£]\d",
    re.IGNORECASE,
)
# "2.0% WER on LibriSpeech": a name right after a figure's "on" is the data set it was measured on
_ON_FIGURE = re.compile(
    r"(?:\d\s?%|\bpoints?|\bscored?\s+[\d.,]+)(?:\s+[A-Za-z]+){0,2}\s+on\s+(?:the\s+)?$"
)
_TITLE_LIST = re.compile(
    r"\b(?:compared|comparison|comparing|face[- ]off|head[- ]to[- ]head)\b", re.I
)
_TITLE_SPLIT = re.compile(r"\s*,\s*|\s+and\s+|\s+&\s+|\s+or\s+", re.IGNORECASE)
_TITLE_TAIL = re.compile(r"[:|–—(].*$|\s+(?:compared|comparison|comparing)\b.*$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_QUANTITY_AFTER = re.compile(r"^(?:[.,:/]\d|\s*[%$€£x×]|\s+[a-z]+s\b|-[a-z])")
_MAX_NAMES = 8  # a page compares a few products; more candidates are chatter


def _is_name(text: str) -> bool:
    """A table cell that may name a product: short, capitalised or shaped, not a metric."""
    clean = " ".join(text.replace("*", "").split())
    words = clean.split(" ")
    if not clean or len(words) > 3 or len(clean) > 30 or _DIGIT.match(clean):
        return False
    if not (clean[0].isupper() or _shaped(words[0])):
        return False
    if is_metric_like(clean) or is_label_header(clean):
        return False
    return not all(_refused(w.strip("()")) for w in words)


def _column_names(block: Block) -> list[str]:
    """A column table's entity header: the header cells after the first, when the first column
    holds metric or feature labels and the other cells hold figures."""
    header = block.header or []
    if len(header) < 3:
        return []
    # the header's few cells first: most tables' headers name metrics, and then no row is read
    names = [" ".join(h.replace("*", "").split()) for h in header[1:]]
    if not all(_is_name(n) for n in names):
        return []
    rows = [r for r in block.rows if len(r) == len(header)]
    if len(rows) < 2:
        return []
    figures = sum(1 for r in rows for c in r[1:] if _DIGIT.search(c))
    if 2 * figures < len(rows) * (len(header) - 1):
        return []
    if sum(1 for r in rows if _is_name(r[0])) * 2 > len(rows):
        return []  # the rows are the products (a leaderboard): its header names metrics
    return names


def _title_names(title: str) -> list[str]:
    """'Mailchimp, ConvertKit and Beehiiv compared': the parts of a title's list."""
    if not _TITLE_LIST.search(title) or ("," not in title and " and " not in title):
        return []
    head = _TITLE_TAIL.sub("", title).strip()
    parts = [p.strip(" \"'*") for p in _TITLE_SPLIT.split(head) if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > 3 for p in parts):
        return []
    return parts if all(_is_name(p) for p in parts) else []


def _refused_after(text: str, end: int) -> bool:
    """A unit or metric word after a number ("8 GB", "4 cores"): the number is a figure."""
    after = text[end : end + 16].split()
    return bool(after) and after[0].strip(",.;:)").lower() in _stops()[0]


def _verb_after(text: str, end: int) -> bool:
    """'Powerwall 2 has', 'Powerwall 2 in 2016': a verb or a linking word right after the
    number makes it the model's generation, part of the name, not a count ('Kit 20 times')."""
    after = text[end : end + 16].split()
    return bool(after) and after[0].lower() in _stops()[4]


def model_word_after(text: str, end: int) -> bool:
    """Whether a verb or linking word ('has', 'and', 'is') or a stop follows a number: a
    model's number ('the 965 has'), not a count of what follows ('the 500 requests')."""
    rest = text[end : end + 16]
    return not rest.strip() or rest.lstrip()[:1] in ".,;:)!?" or _verb_after(text, end)


def _written_lower(word: str, text: str) -> bool:
    """Whether the page writes the word in lower case too ("Pricing" and "pricing")."""
    low = word.lower()
    if low == word:
        return False
    return re.search(rf"(?<![\w.+#/@'’,-]){re.escape(low)}(?![\w@])", text) is not None


def _bench_after(text: str, end: int) -> bool:
    after = text[end : end + 16].split()
    return bool(after) and after[0].strip(",.;:)").lower() in _stops()[3]


def _person(text: str, start: int, end: int) -> bool:
    """'Grové noted', 'Dr Smith': a person, not a product."""
    _, verbs, titles, _, _ = _stops()
    after = text[end : end + 20].split()
    if after and after[0].strip(",.").lower() in verbs:
        return True
    before = text[max(0, start - 6) : start].split()
    return bool(before) and before[-1].strip(".").lower() in titles


class _Tally:
    """Counts of each capitalised word and each run of them ("Galaxy S24 Ultra"): where it
    stands and what stands beside it."""

    def __init__(self) -> None:
        # each word's uses: (text, start, end, in mid-sentence); what stands beside a use is
        # read only for the few words used often enough to count (`names`)
        self.uses: dict[str, list[tuple[str, int, int, bool]]] = {}
        self.texts: list[str] = []  # a word written in lower case in one is a common word
        self.in_runs: Counter[str] = Counter()  # a word's uses inside a longer name
        self.in_models: set[str] = set()  # the words of runs counted as models' names
        self.after_known: set[str] = set()  # words written right after a listed name
        self.plain_runs: Counter[str] = Counter()  # digitless runs ("Yahoo Mail"), counted

    def read(self, text: str) -> None:
        """Count the capitalised words of one text and their runs."""
        pos = 0
        while (match := _RUN.search(text, pos)) is not None:
            run: list[tuple[str, int, int]] = []
            at = match.start()
            pos = match.end()
            for token in match.group().split(" "):
                start, end = at, at + len(token)
                at = end + 1
                if (
                    token[0].isdigit()
                    and (_QUANTITY_AFTER.match(text, end) or _refused_after(text, end))
                    and not _verb_after(text, end)
                ):
                    pos = end  # "Mailchimp 20 times", "Kit 2,500": a figure, not a model
                    break
                run.append((token, start, end))
                if not token[0].isdigit():
                    self._count(text, token, start, end)
            if len(run) > 1 or (run and "\x00" in text[max(0, run[0][1] - 2) : run[0][1]]):
                self._run(text, run)
        self.texts.append(text)

    def _count(self, text: str, word: str, start: int, end: int) -> None:
        at = start - 1
        while at >= 0 and text[at] in " \t":
            at -= 1
        mid = at >= 0 and text[at] not in _SENTENCE_END
        self.uses.setdefault(word, []).append((text, start, end, mid))

    def _run(self, text: str, run: list[tuple[str, int, int]]) -> None:
        """Count a run of two words or more that looks like a model's name: a word with a
        digit or a model tier in it ("Galaxy S24 Ultra", "Pixel 8 Pro", "Godot 4")."""
        never = _stops()[0]
        words = [w for w, _, _ in run]
        while words and words[0].lower() in never:
            words = words[1:]
        glued = run and (text[max(0, run[0][1] - 2) : run[0][1]].strip(" ") == "\x00")
        if glued:
            self.after_known.update(w for w, _, _ in run)
        if len(words) >= 2 or (glued and words):
            for word in words:  # "GT Line", "Mailchimp Standard": a word of a longer name
                self.in_runs[word] += 1
        while run and _refused(run[0][0]):
            run = run[1:]
        while run and _refused(run[-1][0]) and not (_tier(run[-1][0]) or _model_code(run[-1][0])):
            run = run[:-1]
        if len(run) < 2 or len(run) > 4 or not run[0][0][:1].isalpha():
            return
        if not any(_model_part(w) for w, _, _ in run[1:]):
            if len(run) <= 3:  # "Yahoo Mail": what a word written alone too is short for
                self.plain_runs[" ".join(w for w, _, _ in run)] += 1
            return
        name = " ".join(w for w, _, _ in run)
        self.in_models.update(w for w, _, _ in run)
        self._count(text, name, run[0][1], run[-1][2])

    def _spelled_longer(self, word: str) -> list[str]:
        """'Yahoo Mail' twice or more beside 'Yahoo' alone: the page's full name for it (the
        word alone then stands for that name, see ingest.page_names.maker_subjects)."""
        runs = [(n, r) for r, n in self.plain_runs.items() if r.split(" ")[0] == word]
        return [max(runs)[1]] if runs and max(runs)[0] >= 2 else []

    def names(self) -> list[str]:
        out: list[str] = []
        long_uses = _long_number_uses(self.uses)
        joined = "\n".join(self.texts)
        lang: list[NounLanguage | None] = []  # the page's language, read when first asked
        for word, uses in self.uses.items():
            total = len(uses)
            if total < 2 and not (" " in word and long_uses.get(_family(word), 0) >= 2):
                continue  # a model with a long number counts once where its family recurs
            if _refused(word) or is_generic_noun(word):
                continue  # a category or property noun ("Drucker", "CoreXY") names none
            if " " in word and _LONG_NUMBER.search(word) and long_uses.get(_family(word), 0) < 2:
                continue  # "Node 1000 req/s" once: a figure after a word, not a model
            if " " not in word and self.in_runs[word] * 2 >= total and not _alone(self, word):
                continue  # "Galaxy" of "Galaxy S24 Ultra": the run is the name
            # what makes a candidate first (most words a page repeats only ever start its
            # sentences), then what refuses one: the same names, the refusals asked less
            mid = sum(1 for use in uses if use[3])
            shaped = _shaped(word) or " " in word
            if not (
                (shaped and mid >= 1)
                or (" " in word and _HAS_NUMBER.search(word) is not None)
                or (mid >= 3 and mid * 2 >= total)
                or (mid >= 1 and total >= 3)
                or any(_compared(t, s, e) for t, s, e, _ in uses)
            ):
                continue
            if any(_person(t, s, e) for t, s, e, _ in uses):
                continue  # "Grové noted": a person
            if " " not in word and any(_benchmark(t, s, e) for t, s, e, _ in uses):
                continue  # "ClickBench results", "2.0% WER on LibriSpeech": what was measured
            if " " not in word and _mostly_after_numbers(uses):
                continue  # "13.5 kWh ... 7 kWh": a unit the lists lack, not a product
            if " " not in word and not _shaped(word):
                lang = lang or [page_language(self.texts)]
                if common_noun(word, uses, joined, lang[0]):
                    continue  # "im ersten Jahr", "SATA-Festplatten": a common noun
            out.append(word)
            if " " not in word and self.in_runs[word] * 2 >= total:  # written alone too
                out += self._spelled_longer(word)
        if not out and not any("\x00" in t for t in self.texts):
            # a page naming nothing (no listed name either): a model's name used once
            out = [w for w, uses in self.uses.items() if _single_model(w, uses)]
        if not out:
            return out
        out += _siblings(out, self.uses)
        models = {w for w in out if " " in w and _LONG_NUMBER.search(w)}
        if len(models) >= 2:  # "Forerunner 265", "Forerunner 965": the page's products; a
            out = [w for w in out if " " in w]  # word alone is a brand or a part ("AMOLED")
        return [w for w in out if " " in w or not _written_lower(w, joined)]


_CAPITAL_END = re.compile(r"[A-Z][\w.+-]*$")


def _alone(tally: _Tally, word: str) -> bool:
    """'Yahoo' of 'Yahoo Mail' written alone three times too, in no model's name: the word
    alone is the page's name for it ('Auto Bild', never alone, stays a longer name)."""
    if word in tally.in_models or word in tally.after_known:  # "Torkarin Cloud": a listed
        return False  # name's tail is no name of its own
    alone = 0
    for text, start, end, _ in tally.uses[word]:
        before = text[max(0, start - 30) : start].rstrip()
        after = text[end : end + 30].lstrip()
        # "比 Cebra Cloud": a capitalised word right before or after is a longer name's word
        alone += not (_CAPITAL_END.search(before) or after[:1].isupper() or "\x00" in before)
    return alone >= 3


def _model_part(word: str) -> bool:
    """A later word of a run that makes it a model's name: a digit in it, a number, a tier."""
    return bool(
        _HAS_DIGIT.search(word) or word.isdigit() or _tier(word) or _HYPHEN_CODE.match(word)
    )


def _family(word: str) -> str:
    return " ".join(w for w in word.split(" ") if not _HAS_NUMBER.search(w))


_LONG_NUMBER = re.compile(r"(?<= )\d{3,4}[A-Za-z]{0,2}(?= |$)")
# "Nova-3", "Llama-3", "PDR-G221": a word and its generation or code joined by a hyphen, the
# way many model names are written (a word alone, "Top-10", still needs the run's first word)
_HYPHEN_CODE = re.compile(r"^[A-Za-z]{2,}-[A-Za-z]?\d{1,4}[A-Za-z]{0,2}$")


def _long_number_uses(uses: dict[str, list[tuple[str, int, int, bool]]]) -> Counter[str]:
    """How often each family ("Forerunner") is written with a 3-4 digit model number: twice or
    more ("Forerunner 265" ... "Forerunner 965") makes those numbers models, not figures."""
    counts: Counter[str] = Counter()
    for word, found in uses.items():
        if " " in word and _LONG_NUMBER.search(word):
            counts[_family(word)] += len(found)
    return counts


def _siblings(names: list[str], uses: dict[str, list[tuple[str, int, int, bool]]]) -> list[str]:
    """'Powerwall 3' once beside the name 'Powerwall 2': another generation of a family the page
    names, a name however often it is written (its number is no figure)."""
    families = {_family(n) for n in names if " " in n and _HAS_NUMBER.search(n)}
    if not families:
        return []
    return [
        w
        for w in uses
        if w not in names and " " in w and _HAS_NUMBER.search(w) and _family(w) in families
    ]


def _single_model(word: str, uses: list[tuple[str, int, int, bool]]) -> bool:
    """'the Tesla Powerwall 2 has': a brand, a family word and a generation, written once in
    mid-sentence on a page that names nothing else (a run of three words or more with a
    number in it; 'Class 3' or 'Windows 11' alone are too short to tell)."""
    return (
        len(uses) == 1
        and uses[0][3]
        and len(word.split(" ")) >= 3
        and _HAS_NUMBER.search(word) is not None
        and not _refused(word.split(" ")[0])
    )


def _mostly_after_numbers(uses: list[tuple[str, int, int, bool]]) -> bool:
    """Whether at least half of a word's uses stand right after a number: a unit or a count
    noun written with a capital ("kWh", "MWh", "TB"), whatever the unit lists know."""
    after = sum(1 for t, s, _, _ in uses if _NUMBER_BEFORE.search(t, max(0, s - 16), s))
    return after * 2 >= len(uses)


def _compared(text: str, start: int, end: int) -> bool:
    """Beside "vs", "than", "compared to" or a price verb: a compared product's use."""
    rest = text[end : end + 60]
    return bool(
        _MARKER_AFTER.search(text[max(0, start - 20) : start])
        or _MARKER_BEFORE.match(rest)
        or _PRICED.match(rest)
        or (_THAN_BEFORE.match(rest) and " than " in text[end : end + 80])
    )


def _benchmark(text: str, start: int, end: int) -> bool:
    return _bench_after(text, end) or _ON_FIGURE.search(text, max(0, start - 40), start) is not None


def page_products(
    title: str, blocks: list[Block], known: Callable[[str], list[tuple[int, int]]]
) -> list[str]:
    """Names the page's own structure and wording give its products, in page order (see the
    module's docstring); empty when nothing is product-shaped enough. `known`: where a text
    names a listed product (those words are no candidates: "Gen" of "Snapdragon 8 Gen 3")."""
    found = _title_names(title)
    tally = _Tally()
    for block in blocks:
        if block.kind is BlockKind.TABLE:
            found += _column_names(block)
        elif block.text:
            text = block.text
            for start, end in known(text):
                text = text[:start] + "\x00" * (end - start) + text[end:]
            tally.read(text)
    found += tally.names()
    seen: dict[str, str] = {}
    for name in found:
        seen.setdefault(name.lower(), name)
    out = list(seen.values())
    return out if len(out) <= _MAX_NAMES else []
