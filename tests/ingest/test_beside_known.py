"""The page's own model names beside names the gazetteer knows (ingest/beside_known.py): a
model's name with its number, written as a subject, owns its clauses' figures; a game's, a
benchmark's or an OS's name with a number never does.

Pages are written for the test (invented phone names beside listed ones; figures reused from
real pages, no sentences)."""

from __future__ import annotations

import pytest
from crosscheck.ingest import beside_known as bk
from crosscheck.ingest import parse

from tests.ingest.parsing import parse_snapshot_text

# two listed phones (Galaxy S23, Pixel 8) and two the gazetteer lacks (Zarvo 11, Torvik 9 Pro)
PHONES = """Four phones for the holidays

We picked the Galaxy S23, the Pixel 8, the Zarvo 11 and the Torvik 9 Pro.
The Galaxy S23 weighs 168 grams and the Pixel 8 weighs 187 grams.
The Zarvo 11 lasted 9 hours and 58 minutes in our battery run.
The Torvik 9 Pro reached a peak of 41.2 degrees.
Zarvo 11 owners get a 5,000 mAh battery.
"""


def _owners(text: str) -> dict[str, str]:
    return {c["raw_value"]: c["entity_raw"] for c in parse_snapshot_text(text).claims}


def test_unknown_models_beside_known_ones_own_their_figures() -> None:
    owners = _owners(PHONES)
    assert owners["9 hours and 58 minutes"] == "Zarvo 11"
    assert owners["41.2"] == "Torvik 9 Pro"
    assert owners["5,000 mAh"] == "Zarvo 11"
    assert owners["187 grams"] == "Pixel 8"  # the known names keep theirs


def test_a_model_number_is_no_figure_once_its_name_is_found() -> None:
    raws = [c["raw_value"] for c in parse_snapshot_text(PHONES).claims]
    assert "11" not in raws and "9" not in raws  # "Zarvo 11", "Torvik 9 Pro": names


# a title naming two listed phones narrows the owners; the page's own models join them
TITLED = """Which lasts? Galaxy S23 Ultra against iPhone 15 Pro Max in a battery run

The Galaxy S23 Ultra lasted 10 hours and 5 minutes.
Then the Vardo 13 Ultra shut down after 9 hours and 58 minutes.
The Vardo 13 Ultra has a 5,000 mAh battery.
"""


def test_a_titles_known_names_leave_the_pages_models_their_figures() -> None:
    owners = _owners(TITLED)
    assert owners["9 hours and 58 minutes"] == "Vardo 13 Ultra"
    assert owners["10 hours and 5 minutes"] == "Galaxy S23 Ultra"


# known cards measured in games: the games' names with numbers are conditions, never owners
GAMES = """Card scaling over an external link

RT benchmarks: Dying Light 2, Forza Horizon 5, Control.
Dying Light 2
In Dying Light 2 the RTX 3090 averaged 52 FPS and the RTX 3080 averaged 48 FPS.
Dying Light 2 at 1440p is harder: the RTX 3090 averaged 33 FPS.
The RTX 3080 averaged 61 FPS in Forza Horizon 5.
"""


def test_game_titles_with_numbers_own_no_figure() -> None:
    claims = parse_snapshot_text(GAMES).claims
    owners = {c["entity_raw"] for c in claims}
    assert not owners & {"Dying Light 2", "Forza Horizon 5"}
    by_raw = {c["raw_value"]: c["entity_raw"] for c in claims}
    assert by_raw["52"] == "RTX 3090" and by_raw["61"] == "RTX 3080"
    assert "2" not in by_raw and "5" not in by_raw  # the games' numbers are no figures


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("In Dying Light 2 the card averaged 52 FPS.", "Dying Light 2"),
        ("Dying Light 2 at 1440p is harder.", "Dying Light 2"),
        ("The Fire Strike 2 test gave 12765.", "Fire Strike 2"),
        ("RT benchmarks: Dying Light 2, Forza Horizon 5.", "Forza Horizon 5"),
        ("A phone running Android 13 ships now.", "Android 13"),
    ],
)
def test_a_condition_use_refuses_the_name(line: str, name: str) -> None:
    assert bk.beside_known([name], [line, f"The {name} is fine."]) == []


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["Zarvo 11", "Display: 6.7 in"], "Zarvo 11"),  # a heading
        (["4. Zarvo 11"], "Zarvo 11"),  # a numbered heading
        (["We tried the Zarvo 11 first."], "Zarvo 11"),
        (["It beat the X. Zarvo 11 came second."], "Zarvo 11"),
        (["The Pixel 8 is lighter than Zarvo 11 models."], "Zarvo 11"),
    ],
)
def test_a_subject_use_keeps_the_name(lines: list[str], name: str) -> None:
    assert bk.beside_known([name], lines) == [name]


def test_a_value_after_a_label_is_no_subject() -> None:
    lines = ["OS: Android 13", "OxygenOS based on Android 13"]
    assert bk.beside_known(["Android 13"], lines) == []


@pytest.mark.parametrize(
    ("name", "shaped"),
    [("OnePlus 11", True), ("LG G4", True), ("Galaxy Z Fold 6", True), ("Nexus 5X", True),
     ("Redmi Note 12 Pro", True), ("Cyberpunk", False), ("Moto X Play", False),
     ("Cyberpunk 2077", False), ("GDDR6", False)],
)  # fmt: skip
def test_only_a_model_with_its_number_is_shaped(name: str, shaped: bool) -> None:
    assert bk.model_shaped(name) is shaped


def test_candidates_come_only_from_texts_writing_an_unknown_model_number() -> None:
    def ordinary(word: str) -> bool:
        return word in ("Node", "Table", "The", "A")

    def none(_: str) -> list[tuple[int, int]]:
        return []

    texts = ["The Zarvo 11 has", "A Zarvo 11 case", "Node 20 and Table 2", "Node 20 again, Table 2"]
    assert bk.model_runs(texts, none, ordinary) == ["Zarvo 11"]  # twice; "The" dropped
    assert bk.model_runs(texts[:1], none, ordinary) == []  # once: no candidate
    assert bk.model_runs(texts[2:], none, ordinary) == []  # a version and a caption


def test_a_listed_names_words_are_no_candidate() -> None:
    def known(text: str) -> list[tuple[int, int]]:
        at = text.find("Galaxy S23 Ultra")
        return [] if at < 0 else [(at, at + 16)]

    texts = ["The Galaxy S23 Ultra wins.", "A Galaxy S23 Ultra case."]
    assert bk.model_runs(texts, known, lambda w: w == "The") == []


def test_without_the_rule_the_known_names_took_the_figures() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parse, "beside_known", lambda names, texts: [])
        owners = _owners(PHONES)
    assert owners["9 hours and 58 minutes"] != "Zarvo 11"  # what the rule changes


# a known one-word name ("Play", Play Framework) ending a longer name the page repeats
MOTO = """Two mid-range phones

The Moto X Play goes up against the Nexus 5X.
The Moto X Play offers 403 pixels per inch and the Nexus 5X offers 424 PPI.
"""


def test_a_known_word_inside_a_longer_name_names_the_longer_one() -> None:
    claims = parse_snapshot_text(MOTO).claims
    owners = {c["raw_value"]: c["entity_raw"] for c in claims}
    assert owners["403"] == "Moto X Play"
    assert "Play" not in {c["entity_raw"] for c in claims}


def test_longer_names_need_a_code_letter_and_two_uses() -> None:
    def play(text: str) -> list[tuple[int, int]]:
        at = text.find("Play")
        return [] if at < 0 else [(at, at + 4)]

    twice = ["The Moto X Play is here.", "A Moto X Play costs less."]
    assert bk.longer_names(twice, play) == ["Moto X Play"]
    assert bk.longer_names(twice[:1], play) == []  # once: no name of the page's
    assert bk.longer_names(["We use Play daily.", "Apps on Google Play."] * 2, play) == []


# each product's section repeats the same spec labels over different figures
SECTIONS = """Four phones compared

1. Zarvo 11

Zarvo 11 pairs speed with a fair price.

  • Display: 6.7 in
  • Camera: 50MP Triple
  • Battery: 5,000mAh

2. Pixel 8

Pixel 8 keeps a clean look.

  • Display: 6.2 in
  • Camera: 50MP Dual
  • Battery: 4,575mAh

3. Galaxy S23

Galaxy S23 fits one hand.

  • Display: 6.1 in
  • Camera: 12MP Dual
  • Battery: 3,900mAh
"""


def test_a_label_repeated_under_each_product_names_no_product() -> None:
    claims = parse_snapshot_text(SECTIONS).claims
    owners = {c["raw_value"]: c["entity_raw"] for c in claims}
    assert not {"Display", "Camera", "Battery"} & {c["entity_raw"] for c in claims}
    assert owners["5,000mAh"] == "Zarvo 11"
    assert owners["4,575mAh"].endswith("Pixel 8")


def test_repeated_labels_need_three_figures_and_no_listed_name() -> None:
    from crosscheck.ingest.entity_leads import repeated_labels

    texts = ["Battery: 5,000mAh", "Battery: 4,575mAh", "Battery: 3,900mAh", "Nginx: 60.4k rps"]
    assert repeated_labels(texts, lambda _: None) == {"Battery"}
    assert repeated_labels(texts[:2], lambda _: None) == set()  # two: may be two runs of one
    assert repeated_labels(texts, lambda w: "Battery") == set()  # a listed name stays one


# a page naming no listed product: a lead repeated under each test's heading may be a product
TESTS = """Three load tests

Plain text
Zorblat: 45,000 req/s

JSON
Zorblat: 38,000 req/s

Database
Zorblat: 9,500 req/s
"""


def test_labels_are_looked_for_only_where_named_products_are_compared() -> None:
    asked: list[int] = []

    def spy(texts: list[str], known: object) -> set[str]:
        asked.append(len(texts))
        return set()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parse, "repeated_labels", spy)
        parse_snapshot_text(TESTS)
        assert asked == []  # nothing compared: "Zorblat" is never taken for a label
        parse_snapshot_text(SECTIONS)
        assert asked  # two listed phones named twice: asked
