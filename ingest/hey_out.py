"""hey's and oha's report (`Summary:` then indented `Label:  value` lines) → one table row.

Why: a post pastes one report per server, each under a bare label line ('Deno JS'), often
without a code fence. Read as cards, every report went to the page's first name. The report's
`Summary:` holds the run's figures (slowest, fastest and average response time, requests per
second, data sizes); `Latency distribution:` lines ('99% in 0.0017 secs') are percentiles.
The histogram's bins, the per-phase details and the status-code tally are not read.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block
from crosscheck.ingest.output_rows import report_table

__all__ = ["hey_run_end", "hey_table", "may_start_hey"]

_SUMMARY = re.compile(r"^\s*Summary:\s*$")
# the report's own section titles: a line of the report that is not indented
_SECTION = re.compile(
    r"^\s*(?:Summary|Response time histogram|Latency distribution|Response time distribution"
    r"|Details \([^()]*\)|Status code distribution|Error distribution|Error Set):\s*$"
)
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_LINE = re.compile(
    rf"^\s+(?P<label>[A-Za-z][\w /+-]*?):\s+(?P<value>{_NUMBER})(?:\s?(?P<unit>\S+))?\s*$"
)
# what each summary label measures, the unit hint its value needs ('21 B' is 21 bytes, not 21
# billion; a size per second is a rate; the success rate is a fraction); None: the value says
# it ('0.0150 secs'). The hint is glued to the label ('size per request(bytes)'), the form a
# table header gives its unit in.
_LABELS: dict[str, tuple[str, str | None]] = {
    "success rate": ("success rate", "x"),
    "total": ("total time", None),
    "slowest": ("latency max", None),
    "fastest": ("latency min", None),
    "average": ("latency avg", None),
    "requests/sec": ("Requests/sec", None),
    "total data": ("total data", "bytes"),
    "size/request": ("size per request", "bytes"),
    "size/sec": ("size per second", "B/s"),
}
_PERCENTILE = re.compile(
    rf"^\s+(?P<p>\d{{1,3}}(?:\.\d+)?)% in (?P<value>{_NUMBER}) (?P<unit>secs?|ms)\s*$"
)
_MAX_LINES = 80


def may_start_hey(line: str) -> bool:
    """'Summary:' alone on its line: the first line of hey's and oha's report."""
    return _SUMMARY.match(line) is not None


def hey_run_end(lines: list[str], start: int) -> int | None:
    """End of a report pasted without a code fence (from its 'Summary:' over the indented
    lines and section titles that follow), or None when no summary line follows."""
    if not may_start_hey(lines[start]):
        return None
    end = start + 1
    figures = 0
    for j in range(start + 1, min(len(lines), start + _MAX_LINES)):
        line = lines[j]
        if line.strip() and not line[:1].isspace() and not _SECTION.match(line):
            break
        if _LINE.match(line):
            figures += 1
        end = j + 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines after the report belong to the page
    return end if figures >= 2 else None


def hey_table(lines: list[str], caption: str | None) -> Block | None:
    """The report's figures as a one-row table of the caption's entity, or None when the block
    holds no hey/oha summary."""
    if not any("Summary:" in line and _SUMMARY.match(line) for line in lines):
        return None
    figures: list[tuple[str, str, str]] = []
    section = ""
    for line in lines:
        title = _SECTION.match(line)
        if title:
            section = line.strip().rstrip(":").lower()
            continue
        if section == "summary":
            match = _LINE.match(line)
            known = _LABELS.get(match.group("label").strip().lower()) if match else None
            if match and known:
                label, hint = known
                unit = match.group("unit")
                value = f"{match.group('value')} {unit}" if unit else match.group("value")
                figures.append((f"{label}({hint})" if hint else label, value, line))
        elif section.startswith("latency distribution"):
            match = _PERCENTILE.match(line)
            if match:
                value = f"{match.group('value')} {match.group('unit')}"
                figures.append((f"latency p{match.group('p')}", value, line))
    if len(figures) < 2:
        return None
    return report_table(figures, caption)
