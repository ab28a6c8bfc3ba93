"""A known name the page writes longer is another product (ingest/longer_names.py): "Echo Pop",
"Echo Studio" beside the known "Echo", "HomePod mini" beside the page's own "HomePod".

Pages are written for the test (figures reused from real pages, no sentences)."""

from __future__ import annotations

from crosscheck.ingest.longer_names import extended_names

from tests.ingest.parsing import claim_owners, parse_snapshot_text

SPEAKERS = """# Six smart speakers we tested

We lived with each speaker for a month.

## Echo Pop
- Price: $39.99

## Echo Studio
- Price: $199.99

## HomePod mini
- Price: $99

The HomePod costs $299 and the HomePod mini is smaller. The Echo Studio is the loudest at 95 dB.
"""


def _known(names: list[str]) -> object:
    """A `known` callable over fixed names (whole words only, as the finder reads them)."""

    def spans(text: str) -> list[tuple[int, int]]:
        out = []
        for name in names:
            at = text.find(name)
            while at >= 0:
                out.append((at, at + len(name)))
                at = text.find(name, at + 1)
        return sorted(out)

    return spans


def _names(texts: list[str], names: list[str], kind: str | None = None) -> list[str]:
    known = _known(names)
    return extended_names(texts, known, lambda _: kind, lambda n: n in names)  # type: ignore[arg-type]


def test_a_known_name_with_a_model_word_in_a_heading_is_another_product() -> None:
    owners = claim_owners(parse_snapshot_text(SPEAKERS).claims)
    assert owners["$39.99"] == "Echo Pop"
    assert owners["$199.99"] == "Echo Studio"
    assert owners["$99"] == "HomePod mini"  # the page's own short name, written longer
    assert owners["$299"] == "HomePod"  # the short name alone stays the short product


def test_written_once_in_running_prose_is_not_enough() -> None:
    text = ["Our reviewer compared it with an older Echo Dot from a drawer, among other things."]
    assert _names(text, ["Echo"]) == []
    assert _names([*text, "The Echo Dot was quieter."], ["Echo"]) == ["Echo Dot"]


def test_a_code_after_the_name_extends_it() -> None:
    texts = ["Tripp Lite SU3000RTXL3U", "the Tripp Lite SU3000RTXL3U runs 5 min at full load"]
    assert _names(texts, ["Tripp Lite"]) == ["Tripp Lite SU3000RTXL3U"]


def test_a_bare_number_extends_hardware_only_and_never_a_figure() -> None:
    texts = ["## HomePod 2", "The HomePod 2 weighs 2.3 kg."]
    assert _names(texts, ["HomePod"], "hardware") == ["HomePod 2"]
    assert _names(texts, ["HomePod"], "language") == []  # "Java 21": a version
    assert _names(["## Kindle 6 inch", "a Kindle 6 inch screen"], ["Kindle"], "hardware") == []


def test_a_tail_opening_another_known_name_is_a_second_name() -> None:
    header = ["Kafka M1 Ultra Pulsar"]
    assert _names(header, ["Kafka", "M1 Ultra", "Pulsar"]) == []


def test_a_version_or_a_lower_case_word_is_no_tail() -> None:
    texts = ["## Python 3.12", "## Echo studio", "Python 3.12 is out; the Echo studio test"]
    assert _names(texts, ["Python", "Echo"], "hardware") == []
