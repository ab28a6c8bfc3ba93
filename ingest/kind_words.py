"""The kind of product a page speaks of, for a page that names no product, in any language.

Why: a page that names only a kind ("imprimantes laser", "aspiradoras sin cable",
"Luftentfeuchter", "電気ケトル") had every figure quarantined: the category rule
(ingest/page_subject.py) reads only two lower-case words in a row with a plural -s, so it
misses one-word kinds (German compounds, capitalised), a noun joined to its complement by a
connector ("pompe à chaleur"), and scripts written without spaces. Here a kind is a phrase the
page's title or a heading names and its body repeats: the word (or phrase) of the title that
the page writes most often, ranked by repetition. Closed word sets (connectors, plural
endings, stop-words) live in ingest/data/kind_words.toml.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from crosscheck.common import toml_cache

__all__ = ["KIND_WORDS_FILE", "page_kind"]

KIND_WORDS_FILE = Path(__file__).resolve().parent / "data" / "kind_words.toml"
_OPENING_AT_LEAST = 2  # ... a joined kind the title or the first lines name
_AT_LEAST = 3  # times the body writes a kind (any of its forms) besides its title
_HEAD_CHARS = 90  # a heading is a short line; the title is the first one
# a word of letters (hyphens and apostrophes inside: "Luft-Wasser-Wärmepumpe", "d'air")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|[-'’]")
# runs of a script written without spaces: katakana and kanji (with the long-vowel mark)
_CJK_RUN = re.compile(r"[\u30a0-\u30ff\u4e00-\u9fff\u3005ー]{2,}")
_KATAKANA = re.compile(r"[\u30a0-\u30ff]{2,}")
_MIN_WORD = 5  # a kind's noun: "Trockner", "imprimantes", "bomba" (not "de", "les", "Test")
_MIN_COMPOUND = 9  # a one-word kind without a second word: a compound ("Luftentfeuchter")


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    doc = toml_cache.loads(KIND_WORDS_FILE.read_text(encoding="utf-8"))
    return {k: frozenset(str(w).lower() for w in v) for k, v in doc.items() if isinstance(v, list)}


def page_kind(title: str, texts: list[str]) -> str | None:
    """The kind the title or a heading names and the page repeats most (as the page writes it
    most often), None when no phrase stands out (two as frequent) or none is repeated
    `_AT_LEAST` times."""
    heads = [t for t in [title, *texts[:3]] if t] + [t for t in texts if len(t) <= _HEAD_CHARS]
    body = "\n".join(texts)
    counts: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    opening = {p for head in heads[:4] for p in _candidates(head) if _joined(p)}
    seen: set[str] = set()  # one phrase in its forms: "aspiradora sin cable" = "Aspiradoras …"
    for phrase in dict.fromkeys(p for head in heads[:40] for p in _candidates(head)):
        key = _key(phrase)
        if key in seen or _rate(phrase):
            continue
        seen.add(key)
        forms = _forms(phrase, body)
        if phrase in opening and sum(forms.values()) >= _OPENING_AT_LEAST:
            pass  # "La bomba de calor, un sistema eficiente": the title's joined kind
        elif sum(forms.values()) < _AT_LEAST or not _countable(phrase, forms, body):
            continue
        counts[phrase] = sum(forms.values())
        written[phrase] = forms
    if not counts:
        return None
    top = counts.most_common(1)[0][1]
    best = [p for p, n in counts.items() if n == top]
    longest = max(best, key=len)
    if any(p.lower() not in longest.lower() for p in best):
        return None  # two kinds as frequent, neither part of the other: no single subject
    return written[longest].most_common(1)[0][0]


def _countable(phrase: str, forms: Counter[str], body: str) -> bool:
    """A kind of product is countable: the page writes the phrase in two forms (singular and
    plural) or with a plural ending; a single word is a compound noun the page capitalises
    inside its sentences and never in lower case (German: "die Luftentfeuchter"; an English
    "Toothbrush" of a title is "toothbrush" in its sentences)."""
    if _CJK_RUN.fullmatch(phrase):
        return True
    if " " not in phrase and "'" not in phrase and "’" not in phrase:
        inside = re.compile(r"[a-zäöüß,] " + re.escape(phrase[:-1]))
        lower = re.search(r"(?<![\w-])" + re.escape(phrase[:-1].lower()), body)
        return phrase[0].isupper() and len(inside.findall(body)) >= 2 and lower is None
    plural = tuple(_words()["plural_marks"])
    firsts = {f.lower().split(" ")[0] for f in forms}
    if not _joined(phrase):  # "imprimantes laser": a Romance noun in lower case, the plural
        plural_first = [f for f in forms if f.islower() and f.split(" ")[0].endswith(plural)]
        return bool(plural_first)  # on its first word ("memory cards" is English)
    return len({f.lower() for f in forms}) >= 2 or any(w.endswith(plural) for w in firsts)


def _rate(phrase: str) -> bool:
    """A joined phrase that ends in a unit or a period ("requests per second", "coût par page")
    is a rate the page measures, not a kind of product it speaks of."""
    words = phrase.lower().split()
    return len(words) >= 3 and words[-1] in _words()["rate_ends"]


def _joined(phrase: str) -> bool:
    """A noun joined to its complement by a connector ("pompe à chaleur", "purificateurs d'air")."""
    words = re.split(r"(?<=['’])|\s+", phrase.lower())
    return len(words) >= 3 or (len(words) == 2 and words[0].endswith(("'", "’")))


def _candidates(head: str) -> list[str]:
    """Kinds a heading may name: its CJK runs holding katakana, its long capitalised words (a
    compound alone), and a noun with its complement, joined or not by a connector."""
    found = [r for r in _CJK_RUN.findall(head) if _KATAKANA.search(r)]
    sets = _words()
    stop, joins = sets["stop_words"], sets["connectors"]
    words = _WORD.findall(head)
    for i, word in enumerate(words):
        low = word.lower()
        if len(word) < _MIN_WORD or low in stop or not _noun_like(word):
            continue
        if len(word) >= _MIN_COMPOUND and word[0].isupper():
            found.append(word)
        nxt = words[i + 1 : i + 4]
        pair = nxt and nxt[0].lower() not in stop | joins and len(nxt[0]) >= 3
        if pair and _noun_like(nxt[0]):  # "imprimantes laser", "Mechanical Switch"
            found.append(f"{word} {nxt[0]}")
        after = nxt[1] if len(nxt) >= 2 else ""  # "pompe à chaleur", "aspiradoras sin cable"
        if after and nxt[0].lower() in joins and after.lower() not in stop and len(after) >= 3:
            found.append(f"{word} {nxt[0]} {after}")
        if len(nxt) >= 2 and nxt[0] in "'’" and len(nxt[1]) >= 3:  # "purificateurs d'air"
            found.append(f"{word}{nxt[0]}{nxt[1]}")
    return found


def _noun_like(word: str) -> bool:
    """A word that may name a kind: lower case (a Romance noun) or one capital then lower case
    (a German noun); never a name in capitals ("SSD", "USB") nor a mixed one ("iPhone")."""
    rest = word[1:].replace("-", "").replace("'", "").replace("’", "")
    return rest.islower() or not rest


def _forms(phrase: str, body: str) -> Counter[str]:
    """The forms the body writes `phrase` in, counted: a plural or inflected ending on each
    word ("Wärmepumpe"/"Wärmepumpen", "imprimante laser"/"imprimantes laser"), any case."""
    if _CJK_RUN.fullmatch(phrase):
        return Counter({phrase: body.count(phrase)})
    endings = "|".join(sorted(_words()["plural_endings"], key=len, reverse=True))
    parts = []
    for word in re.split(r"(?<=['’])|\s+", phrase.lower()):
        stem = _stem(word, _words()["plural_endings"])
        parts.append(re.escape(stem) + f"(?:{endings})?" if len(stem) >= 4 else re.escape(word))
    joined = r"(?<![\w-])" + r"\s*".join(parts) + r"(?![\w])"
    return Counter(" ".join(m.split()) for m in re.findall(joined, body, re.IGNORECASE))


def _key(phrase: str) -> str:
    """One key for the forms of a phrase: each word in lower case without a plural ending."""
    ends = _words()["plural_endings"]
    return " ".join(_stem(w, ends) for w in re.split(r"(?<=['’])|\s+", phrase.lower()))


def _stem(word: str, endings: frozenset[str]) -> str:
    """`word` without one plural ending (the longest that leaves four letters)."""
    for end in sorted(endings, key=len, reverse=True):
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word
