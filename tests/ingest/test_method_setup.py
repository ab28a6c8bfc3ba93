"""A test's field, period and CJK load, a radio band and a generation are no figures
(ingest/method_setup.py); the product figures beside them stay.

Lines are written for the test (figures reused from real pages, no sentences of them)."""

from __future__ import annotations

import pytest
from crosscheck.ingest.method_setup import method_reason

from tests.ingest.parsing import text_claims


def _raws(text: str) -> list[str]:
    return [c["raw_value"] for c in text_claims(text)]


def _reason(text: str, raw: str) -> str | None:
    at = text.index(raw)
    return method_reason(text, at, raw, text[max(0, at - 80) : at], text[at + len(raw) :][:80])


@pytest.mark.parametrize(
    ("text", "raw", "reason"),
    [
        # the field a test spread over; its period in a test sentence
        ("We compared wake-word hits across 12 smart speakers in the lab.", "12", "condition"),
        ("Our benchmarks ran from 20 locations on three continents.", "20", "condition"),
        ("Das Labor hat bei 16 Spülmaschinen geprüft, wie gut sie trocknen.", "16", "condition"),
        ("After 8 months of testing, the Echo Dot still wins.", "8 months", "condition"),
        # a CJK load: counter and noun right after the count
        ("压测使用 50 个并行客户端,共 100,000 次请求。", "50 个", "condition"),
        ("打开 15k 文件的项目时内存为 150MB。", "15k", "condition"),
        # a radio band by its frequency, alone before a band noun or in a list of bands
        ("The router adds the 6 GHz band for Wi-Fi 6E.", "6 GHz", "identifier"),
        ("Wi-Fi 7 works on 2.4 GHz, 5 GHz and 6 GHz.", "2.4 GHz", "identifier"),
        ("A tri-band router on 2.4 GHz, 5 GHz and 60 GHz reaches 7 Gb/s.", "5 GHz", "identifier"),
        # a sentence opening on its scenario: the clause's numbers up to its comma or colon
        ("For 20 TB of backups: B2 costs $120/month.", "20 TB", "condition"),
        ("For a team with 50,000 builds a month, the bill is $300.", "50,000 builds", "condition"),
        ("For the 2TB model you get 1200 TBW, twice the 1TB.", "1200 TBW", None),
        ("For a team with 50,000 builds a month, the bill is $300.", "$300", None),
        # how the test's input was made: a quantity after a process participle
        ("Transcoded at 96 kbps, the Opus file is 2.9 MB.", "96 kbps", "condition"),
        ("Each cell was charged to 4.2V before the run.", "4.2V", "condition"),
        ("The clip encoded to Opus at 96 kbps is 2.9 MB.", "96", "condition"),
        ("The pack charged to 100% in 45 minutes.", "45 minutes", None),
        # a count kept with its noun after "across"; a year however vague
        ("Multiply that lag across 300 builds a day and it adds up.", "300 builds", "condition"),
        ("Egress got cheaper around 2022, and prices fell again.", "around 2022", "date"),
        ("The card scored about 2003 points in the run.", "about 2003", None),
        # a calendar year written with 年
        ("2023年末の時点でスター数は約16万でした。", "2023年", "date"),
        # a generation's number
        ("A phone with a Snapdragon 8 Gen 2 chip.", "2", "version"),
        # figures that stay: no test sentence, a product's own count or time, a clock list
        ("The speaker plays music from 3 sources at once.", "3", None),
        ("In our test the watch lasted over 10 hours.", "10 hours", None),
        ("The chip boosts to 5 GHz / 6 GHz on two cores.", "5 GHz", None),
        ("The CPU runs at 2.4 GHz in the test.", "2.4 GHz", None),
        ("It compiled over 41 different benchmarks.", "41", None),
    ],
)  # fmt: skip
def test_method_reason(text: str, raw: str, reason: str | None) -> None:
    assert _reason(text, raw) == reason


def test_a_pages_set_up_gives_no_figure_and_its_result_stays() -> None:
    text = (
        "Speakers\n\nWe tested wake-word accuracy across 14 smart speakers. "
        "The Echo Dot recognised 96% of commands and the HomePod mini 92%.\n\n"
        "Routers\n\nThe Deco X50 adds the 6 GHz band and reaches 2402 Mbps."
    )
    raws = _raws(text)
    assert "14" not in raws
    assert "6 GHz" not in raws
    assert "96%" in raws
    assert any(r.startswith("2402") for r in raws)
