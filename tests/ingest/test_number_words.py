"""Figures written with words: counts of listed parts and ratios led by their metric word
(ingest/number_words.py, through ingest.spans.find_prose_figures)."""

from __future__ import annotations

import pytest
from crosscheck.ingest.labels import role_of
from crosscheck.ingest.lexicon import load_lexicon
from crosscheck.ingest.spans import find_prose_figures

from crosscheck.contracts import ClaimRole
from tests.ingest.parsing import text_claims


def _texts(text: str) -> list[str]:
    return [span.text for span in find_prose_figures(text)]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Il modello offre due porte USB 3.0 e 1 slot.", "due porte USB 3.0"),
        ("Sul retro ci sono due USB 3.0, una eSATA e 2 GByte di RAM.", "due USB 3.0"),
        ("Sul retro ci sono due USB 3.0, una eSATA e 2 GByte di RAM.", "una eSATA"),
        ("Der Prozessor hat vier Kerne und 2 GB RAM.", "vier Kerne"),
        ("Hinten gibt es zwei Mal HDMI 2.1 und 1 LAN-Port.", "zwei Mal HDMI 2.1"),
        ("Vorne sitzt einen USB-3.2-Anschluss mit 10 Gbit/s.", "einen USB-3.2-Anschluss"),
        ("Die beiden 120-mm-Lüfter drehen mit 900 U/min.", "beiden 120-mm-Lüfter"),
        ("Le boîtier a quatre baies et 8 Go de mémoire.", "quatre baies"),
        ("El equipo trae dos puertos Ethernet y 4 GB de RAM.", "dos puertos Ethernet"),
        ("The octa-core chip runs at 2.8 GHz.", "octa-core"),
    ],
)
def test_counts_in_words_are_figures(text: str, figure: str) -> None:
    assert figure in _texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Uno dei modelli più venduti costa 300 euro.",  # an idiom: no part after "uno"
        "Einer der Testsieger kostet 300 Euro.",
        "One of the 3 drives failed.",
        "Il NAS ha due occhi e costa 300 euro.",  # no listed part ("due anni": a duration)
    ],
)
def test_no_count_without_a_listed_part(text: str) -> None:
    assert not [
        t for t in _texts(text) if t.split()[0].lower() in {"uno", "einer", "one", "un", "due"}
    ]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Laut Hersteller erreicht sie eine JAZ von 4 im Neubau.", "eine JAZ von 4"),
        ("Die Förderung verlangt JAZ ≥ 3,5 bei Erdwärme.", "JAZ ≥ 3,5"),
        ("On conseille un COP minimum de 4 en neuf.", "un COP minimum de 4"),
        (
            "Les modèles récents ont un COP compris entre 3,5 et 5 en mi-saison.",
            "un COP compris entre 3,5 et 5",
        ),
        (
            "Bei Neubauten liegt der COP üblicherweise zwischen 3 und 5 bei 7 °C.",
            "der COP üblicherweise zwischen 3 und 5",
        ),
        ("A unit with a COP of 4.5 at 7 °C uses 1 kW.", "a COP of 4.5"),
    ],
)
def test_ratios_led_by_their_metric_word(text: str, figure: str) -> None:
    assert figure in _texts(text)


def test_an_article_before_a_ratio_is_no_count() -> None:
    assert _texts("Con un COP di 4 la pompa rende bene.") == ["un COP di 4"]


def test_worded_spans_replace_the_bare_digit() -> None:
    texts = _texts("Ein Gerät mit einer JAZ von 4 spart Strom.")
    assert texts == ["einer JAZ von 4"]


def test_counts_are_values_and_multipliers_stay_ratios() -> None:
    lex = load_lexicon()
    assert lex.spelled_quantity.search("zwei Kerne")
    assert lex.spelled_quantity.search("quad-core")
    assert not lex.spelled_quantity.search("twice as")
    text = "Il NAS ha due porte LAN da 2.5 Gbit/s."
    (span,) = [s for s in find_prose_figures(text) if s.text.startswith("due")]
    assert role_of(text, span, lex) is ClaimRole.VALUE


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Die beiden 120-mm-Lüfter sind leise.", "120-mm"),
        ("Die Drohne bleibt unter der 500g-Grenze.", "500g"),
        ("Sie liegt knapp unter der 500-Gramm-Grenze.", "500-Gramm"),
        ("Die Norm sieht eine 5%-Toleranz vor.", "5%"),
        ("Ein großer 2-Zoll-Sensor sitzt vorne.", "2-Zoll"),
    ],
)
def test_a_figure_glued_to_a_german_compound_is_read(text: str, figure: str) -> None:
    assert figure in _texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Der Wert liegt unter dem der 8-TByte-Version.",  # a variant's name
        "We keep 30-second windows.",  # an English modifier
        "The 4K-Monitor costs 300 euro.",  # a scale letter is no compound unit
    ],
)
def test_no_compound_figure_for_names_and_modifiers(text: str) -> None:
    assert [t for t in _texts(text) if not t.startswith("300")] == []


def test_participles_state_a_ratio_alone() -> None:
    text = "Les débits sont doublés par rapport à l’USB 3.2 Gen 1 en lecture."
    assert "doublés" in _texts(text)


def test_thousands_joined_by_a_word_are_one_figure() -> None:
    assert "4 mil 350" in _texts("Cuesta 229 dólares (4 mil 350 pesos) en México.")
    assert "8 mil" in _texts("Costaba (8 mil 54")  # cut off: no three digits after the word


def test_a_clause_ending_count_counts_the_part_named_before() -> None:
    assert "sono sei" in _texts("Le ventole da 80 mm sono sei, tutte silenziose.")
    # no count of "modelli"; "tre anni" is a duration, as "3 anni" would be (notfound30)
    assert _texts("I due modelli sono tre anni più vecchi di 2 mesi.") == ["tre anni", "2"]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("L'efficienza è tra il 17% e il 22% per i moduli.", "tra il 17% e il 22%"),
        ("Valori tra l’9% ed il 12%, non di più.", "tra l’9% ed il 12%"),
        ("Der Wert liegt zwischen 4 und 6 kW im Winter.", "zwischen 4 und 6 kW"),
        ("Un débit compris entre 300 et 400 W en pointe.", "entre 300 et 400 W"),
    ],
)
def test_ranges_opened_by_a_word_for_between(text: str, figure: str) -> None:
    assert figure in _texts(text)


def test_years_are_no_range() -> None:
    assert _texts("Gebaut zwischen 2015 und 2020 in Europa.") == ["2015", "2020"]


def test_kilowatt_hours_spelled_as_prose_writes_them() -> None:
    assert _texts("Elle fournit 4 Kwh pour 1 kwh consommé.") == ["4 Kwh", "1 kwh"]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The card pairs 12GB of memory with a 192-bit memory bus.", "192-bit"),
        ("Its memory runs over a 320-bit bus interface.", "320-bit"),
        ("The sensor records 10-bit RAW files.", "10-bit"),
        ("The older chip has a memory bus width of 128-bit and 8GB.", "128-bit"),
        ("In bursts it falls from 16-bit RAW to 10-bit files.", "10-bit"),
        ("Bus Width 320-bit 192-bit 128-bit Process 5 nm", "128-bit"),  # a run of widths
        ("the 192-bit vs 320-bit memory bus", "192-bit"),
    ],
)
def test_a_width_that_sizes_a_bus_or_a_raw_file_is_a_figure(text: str, figure: str) -> None:
    assert figure in _texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Both boards use a 32-bit microcontroller.",  # a word size
        "The server runs 64-bit Linux on 8 cores.",
        "A 4096-bit key signs the certificate.",
        "The drive stores 4-bit QLC cells.",
        "The port moved from 32-bit to 64-bit code.",
        "It ships 32-bit and 64-bit builds.",
    ],
)
def test_a_word_size_stays_a_modifier(text: str) -> None:
    assert not [t for t in _texts(text) if "bit" in t]


def test_a_width_before_a_word_in_capitals_stays_a_figure() -> None:
    # "16-bit RAW": the capitals after it name what it sizes, no product variant
    text = "In bursts it falls from 16-bit RAW to 10-bit files."
    claims = text_claims(f"# Camera A\n\nCamera A: {text}\n")
    assert {"16-bit", "10-bit"} <= {c["raw_value"] for c in claims}
