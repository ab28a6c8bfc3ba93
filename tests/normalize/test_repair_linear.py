"""Mojibake repair counts its repairs without a character diff of the whole page (which took
minutes on a 100 KB table): the counts stay exact on pages of any size."""

from __future__ import annotations

from crosscheck.normalize.repair import count_mojibake, repair_text


def test_twenty_em_dashes_in_a_large_table_page_count_twenty() -> None:
    row = "<tr><td>Metric {i}</td><td>12 ms</td><td>15 ms</td></tr>\n"
    page = "".join(row.format(i=i) for i in range(2000)).replace("12 ms", "12 ms â€” fast", 20)
    assert len(page) > 100_000
    result = repair_text(page)
    assert result.mojibake == 20 and result.text.count("—") == 20 and "â€" not in result.text
    assert count_mojibake(page) == 20


def test_several_faults_on_one_line_are_counted_one_each() -> None:
    line = "CafÃ© â€” naÃ¯ve â€” 5 MB " * 50
    result = repair_text(line)
    assert result.mojibake == 200 and "Ã" not in result.text


def test_a_megabyte_line_with_one_fault_counts_one() -> None:
    line = "x" * 1_000_000 + " â€” " + "y" * 1_000_000
    assert repair_text(line).mojibake == 1
