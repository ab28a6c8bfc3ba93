"""Exact speed changes of the twenty-eighth session (issue 20): word lists scanned as one
prefix-factored trie must match where the plain alternation they replace matched, and the
line readers' two per-text answers share one memo entry."""

from __future__ import annotations

import random
import re
from typing import Any

from crosscheck.ingest import glued_rows, line_features, lines, longer_names, page_kinds, text_memo
from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.longer_names import _CODE, _END, _NUMBER
from crosscheck.ingest.text_parser import text_to_blocks


def _old_tail() -> re.Pattern[str]:
    """longer_names' tail as it was built before: one alternative per spelling, longest first."""
    doc = longer_names.toml_cache.loads(longer_names.DATA_FILE.read_text(encoding="utf-8"))
    lower = {str(w).lower() for w in doc.get("lower_ok", [])}
    spelled: list[str] = []
    for word in sorted({str(w).lower() for w in doc["model_words"]}, key=len, reverse=True):
        spelled += [re.escape(word.capitalize()), re.escape(word.upper())]
        if word in lower:
            spelled.append(re.escape(word))
    words = "|".join(spelled)
    return re.compile(
        rf"[ \u00a0](?:(?P<word>{words})|(?P<code>{_CODE})|(?P<number>{_NUMBER})){_END}"
    )


def _tail_texts(seed: int, count: int) -> list[str]:
    """Names followed by model words in every case, codes, numbers, units and glued tails."""
    rng = random.Random(seed)
    doc = longer_names.toml_cache.loads(longer_names.DATA_FILE.read_text(encoding="utf-8"))
    words = [str(w) for w in doc["model_words"]]
    pieces = ["Echo", "the", "X1", "S24+", "2024", "16", "6 inch", "%", "-", "'s", ".5", "GB"]
    texts: list[str] = []
    for _ in range(count):
        parts: list[str] = []
        for _ in range(rng.randint(1, 6)):
            word = rng.choice(words)
            word = rng.choice([word, word.upper(), word.capitalize(), word + "s", word[:-1]])
            parts.append(rng.choice([word, rng.choice(pieces), word + rng.choice(pieces)]))
        texts.append(rng.choice([" ", "\u00a0"]).join(parts))
    return texts


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [
        (m.start(), m.end(), m.lastgroup)
        for at in range(len(text))
        if (m := pattern.match(text, at)) is not None
    ]


def test_the_tail_trie_matches_as_the_alternation_did() -> None:
    old, new = _old_tail(), longer_names._vocabulary()[0]
    words = 0
    for text in _tail_texts(28, 3000):
        assert _matches(new, text) == _matches(old, text), text
        assert (new.search(text) is None) == (old.search(text) is None)
        words += any(kind == "word" for _, _, kind in _matches(old, text))
    assert words > 500  # the texts do hold model words after a space


def test_the_any_kind_trie_finds_kinds_where_the_alternation_did() -> None:
    aliases = sorted(
        {alias for domain in page_kinds._domains() for alias in domain.canonical},
        key=len,
        reverse=True,
    )
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in aliases)
    old = re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)
    new = page_kinds._any_kind()
    rng = random.Random(28)
    found = 0
    for _ in range(3000):
        alias = rng.choice(aliases)
        alias = rng.choice([alias, alias.upper(), alias.title(), alias.replace(" ", "\n ")])
        text = rng.choice(["", "x", "-", "the ", "Pro "]) + alias + rng.choice(["", "s", " 5", "-"])
        text += rng.choice(["", " " + rng.choice(aliases)[:-1]])
        assert [m.start() for m in new.finditer(text)] == [m.start() for m in old.finditer(text)]
        found += old.search(text) is not None
    assert found > 1000


def test_a_line_record_and_its_features_share_one_entry() -> None:
    text = "Widget A   120 ms   3.5 GB  # speed28 memo test"
    record = lines.line_record(text)
    features = line_features.line_features(text)
    kept = text_memo.entry(text)
    assert kept.record is record and kept.features is features
    assert lines.line_record(text) is record and line_features.line_features(text) is features


def test_a_long_text_is_read_again_not_kept() -> None:
    text = "x " * text_memo.MEMO_CHARS
    assert text_memo.entry(text) is not text_memo.entry(text)
    assert lines.line_record(text) == lines.line_record(text)


def test_the_pages_words_are_read_only_where_a_boards_rows_split(monkeypatch: Any) -> None:
    """glued_tables asks page_words only when a head's rows split into value cells: a head
    tried as a board whose rows do not split never reads them (before, every board try did);
    a glued board still does."""
    calls = {"board": 0, "words": 0}
    board_at, page_words = glued_rows.board_at, glued_rows.page_words

    def counted_board(*args: Any) -> Any:
        calls["board"] += 1
        return board_at(*args)

    def counted_words(texts: Any) -> dict[str, list[int]]:
        calls["words"] += 1
        return page_words(texts)

    monkeypatch.setattr(glued_rows, "board_at", counted_board)
    monkeypatch.setattr(glued_rows, "page_words", counted_words)
    tools = "Results by tool\nWidgetA took 12s on v2\nWidgetB took 15s on v3\n\nDone.\n"
    glued_rows.glued_tables(text_to_blocks(tools), finder_for_page())
    assert calls == {"board": 1, "words": 0}
    calls.update(board=0, words=0)
    board = (
        "Engines\n\nModelCleanHard\nFalcon tiny-v2Acme2.8%5.5%\nHeron 3 ProBright2.3%4.6%\n"
        "Osprey Wave-2Osprey2.1%4.2%\n\nAll rates are WER.\n"
    )
    glued_rows.glued_tables(text_to_blocks(board), finder_for_page())
    assert calls["words"] == 1
