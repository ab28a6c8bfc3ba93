"""Unknown names in a figure's slot (ingest/bound_names.py): a name written right before its
figure ("X (78 Euro)", "(X, 41,8 m)", "X at 7.2 GB", "- X: 94.2 %", a Latin name before a
CJK clause's figure) owns it when the page writes the name again or it has a model's shape,
even where the gazetteer knows another product of the page.

Pages are written for the test (invented names; figures reused from real pages, no
sentences)."""

from __future__ import annotations

from crosscheck.ingest.bound_names import bound_names
from crosscheck.ingest.entities import finder_for_page
from crosscheck.ingest.page_products import ordinary_word

from tests.ingest.parsing import parse_snapshot_text


def _owners(text: str) -> dict[str, str]:
    return {c["raw_value"]: c["entity_raw"] for c in parse_snapshot_text(text).claims}


def _names(text: str) -> list[str]:
    return bound_names(text.split("\n"), ordinary_word, finder_for_page())


# two mail services the gazetteer knows and one it does not (Quillbox), written twice
MAIL = """Free mail storage compared: Gmail vs Outlook.com

Gmail gives 15 GB for mail, drive and photos together.
Outlook.com gives 15 GB for the mailbox alone.
Quillbox still advertises its large quota on the sign-up page.
In May I had my Gmail at 14.1 GB and my Quillbox at 7.2 GB.
"""


def test_a_repeated_unknown_name_in_an_at_slot_owns_its_figure() -> None:
    assert "Quillbox" in _names(MAIL)
    owners = _owners(MAIL)
    assert owners["7.2 GB"] == "Quillbox"
    assert owners["14.1 GB"] == "Gmail"


# tyres in a German test: three brands the data does not know, each price in parentheses
TYRES = """Sommerreifen im Test

Getestet wurden Marbo, Velten und Korvan im Format 195/55 R 16.
Testsieger ist der Marbo (107 Euro), dahinter der Velten (111 Euro).
Nass: zwischen dem besten (Marbo, 34,6 Meter) und dem schwächsten (Korvan, 41,8 Meter).
"""


def test_names_in_and_before_parentheses() -> None:
    names = _names(TYRES)
    assert {"Marbo", "Velten", "Korvan"} <= set(names)


# a German noun before a parenthesised figure, written with an article elsewhere: no name
NOUN = """Spülmaschinen im Vergleich

Der Verbrauch liegt bei 11 Litern, und das ist nicht viel für eine Maschine mit dem Programm.
Bei einem Strompreis (30 Cent) wird das Spülen auch mit der neuen Maschine nicht billig.
Der Strompreis steigt, und der Strompreis bleibt für die meisten auch das wichtigste Argument.
"""


def test_a_common_noun_of_a_noun_capitalising_page_is_no_name() -> None:
    assert "Strompreis" not in _names(NOUN)


# a plain capitalised word written once in a slot is chance, not a product
ONCE = """Notes

We measured 40 MB at idle. Later (Tuesday, 12 runs) the figures held.
"""


def test_a_plain_word_written_once_is_no_name() -> None:
    assert not _names(ONCE)


# Latin names in Chinese prose: the name before the clause's figure owns it
CJK = """Lumen 与 Brisk 性能对比

Lumen 较低(43.42%),Brisk 较高(52.92%)。
Lumen 的内存占用为 120 MB,Brisk 为 160 MB。
"""


def test_a_latin_name_before_a_cjk_clause_figure() -> None:
    assert {"Lumen", "Brisk"} <= set(_names(CJK))
    owners = _owners(CJK)
    assert owners["43.42%"] == "Lumen"
    assert owners["52.92%"] == "Brisk"
