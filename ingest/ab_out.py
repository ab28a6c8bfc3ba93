"""ApacheBench's report → one table row of the run's entity.

Why: `ab` prints its figures with units in brackets ('86.703 [ms] (mean)', '1512844.51
[Kbytes/sec] received'), a connection-times table in ms and a percentile table in ms; pasted
without a code fence, its progress lines ('Completed 2000 requests') became tables and its
brackets no units. Here each figure gets its label and unit (ab's Kbytes are 1024 bytes;
the hint is glued to the label, as a table header gives it); the banner, the server's
host, port and document, and the concurrency level are the run's set-up, not figures.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block
from crosscheck.ingest.output_rows import report_table

__all__ = ["ab_run_end", "ab_table", "may_start_ab"]

_BANNER = re.compile(r"^\s*This is ApacheBench\b")
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_LINE = re.compile(rf"^\s*(?P<label>[A-Z][A-Za-z -]+?):\s+(?P<value>{_NUMBER})\s*(?P<rest>.*?)\s*$")
# ab's label → (the claim's label, the unit hint, what ab prints after the value): a line
# whose value is not followed by its unit as ab prints it was cut ('453.3' then, a line
# below, '1 [#/sec] (mean)') and is no figure
_LABELS: dict[str, tuple[str, str | None, str]] = {
    "time taken for tests": ("time taken for tests", "s", "seconds"),
    "complete requests": ("complete requests", None, ""),
    "failed requests": ("failed request count", None, ""),  # a count, not an error rate
    "total transferred": ("total transferred", "bytes", "bytes"),
    "html transferred": ("HTML transferred", "bytes", "bytes"),
    "requests per second": ("Requests per second", "req/s", "[#/sec]"),
    "transfer rate": ("transfer rate received", "KiB/s", "[Kbytes/sec]"),
}
_PER_REQUEST = re.compile(r"^\[ms\]\s*\(mean(?P<all>,\s*across all concurrent requests)?\)")
_SETUP = re.compile(
    r"^\s*(?:Server (?:Software|Hostname|Port)|Document (?:Path|Length)|Concurrency Level"
    r"|SSL/TLS Protocol|TLS Server Name|Benchmarking|Completed|Finished|Copyright|Licensed"
    r"|Write errors|Keep-Alive requests|Total (?:body sent|POSTed)|Non-2xx responses)\b"
)
_TIMES_HEADER = re.compile(r"^\s*min\s+mean\[\+/-sd\]\s+median\s+max\s*$")
_TIMES_ROW = re.compile(
    rf"^\s*(?P<name>Connect|Processing|Waiting|Total):\s+(?P<cells>{_NUMBER}(?:\s+{_NUMBER}){{4}})\s*$"
)
_TIMES_STATS = ("min", "mean", "stddev", "median", "max")
_PERCENT = re.compile(
    r"^\s*(?P<p>\d{1,3})%\s+(?P<value>\d+)(?P<longest>\s+\(longest request\))?\s*$"
)
_SOFTWARE = re.compile(r"^\s*Server Software:\s+(?P<name>[^\s/]+)")
_MAX_LINES = 70


def may_start_ab(line: str) -> bool:
    """'This is ApacheBench, Version 2.3 ...': the first line of ab's report."""
    return _BANNER.match(line) is not None


def _is_report_line(line: str) -> bool:
    text = line.strip()
    return (
        not text
        or _SETUP.match(line) is not None
        or _LINE.match(line) is not None
        or _TIMES_HEADER.match(line) is not None
        or _PERCENT.match(line) is not None
        or text.startswith(("(", "Connection Times", "Percentage of the requests"))
    )


def ab_run_end(lines: list[str], start: int) -> int | None:
    """End of a report pasted without a code fence: from its banner down to its last report
    line (the percentile table's 'longest request', or the last summary line), or None."""
    if not may_start_ab(lines[start]):
        return None
    end = None
    stray = 0  # one line of the report broken by a stray line break is passed over
    for j in range(start + 1, min(len(lines), start + _MAX_LINES)):
        if not _is_report_line(lines[j]):
            stray += 1
            if stray > 1:
                break
            continue
        if lines[j].strip():
            end = j + 1
        if "(longest request)" in lines[j]:
            break
    return end


def ab_table(lines: list[str], caption: str | None) -> Block | None:
    """The report's figures as a one-row table, or None when the lines hold no ab report (its
    banner, or three of its summary lines)."""
    # most code blocks: neither ab's banner nor its '[ms]' brackets (one substring test a line)
    banner = any("ApacheBench" in line and _BANNER.match(line) for line in lines)
    if not banner and not any("[ms]" in line for line in lines):
        return None
    figures: list[tuple[str, str, str]] = []
    setup: list[str] = []
    software = None
    for line in lines:
        times = _TIMES_ROW.match(line)
        if times:
            name = times.group("name").lower()
            for stat, cell in zip(_TIMES_STATS, times.group("cells").split(), strict=True):
                figures.append((f"{name} time {stat}(ms)", cell, line))
            continue
        percent = _PERCENT.match(line)
        if percent:
            p = percent.group("p")
            label = "latency max(ms)" if p == "100" else f"latency p{p}(ms)"
            figures.append((label, percent.group("value"), line))
            continue
        software = software or (m.group("name") if (m := _SOFTWARE.match(line)) else None)
        match = _LINE.match(line)
        if match is None:
            continue
        key = match.group("label").strip().lower()
        if key == "concurrency level":
            setup.append(f"concurrency {match.group('value')}")
        if key == "time per request":
            per = _PER_REQUEST.match(match.group("rest"))
            if per:
                scope = ", across all concurrent requests" if per.group("all") else ""
                figures.append((f"time per request (mean{scope})(ms)", match.group("value"), line))
            continue
        known = _LABELS.get(key)
        rest = match.group("rest")
        if known is not None and (rest.startswith(known[2]) if known[2] else not rest):
            label, hint, _ = known
            figures.append((f"{label}({hint})" if hint else label, match.group("value"), line))
    timed = sum(1 for label, _, _ in figures if "(ms)" in label)
    # the banner says the block is ab's report, however few figures survived; without it,
    # three figures with two of ab's ms tables or time-per-request lines
    if not figures or not (banner or (len(figures) >= 3 and timed >= 2)):
        return None
    return report_table(figures, caption or software, "; ".join(setup) or None)


_COMMAND = re.compile(r"^\s*`?\s*(?:[$>#]\s+)?ab\s+-")


def ab_caption_line(lines: list[str], start: int) -> int:
    """Where the caption of a report starting at lines[start] is looked for above: over the
    `$ ab -n ...` command line that ran it, when there is one."""
    j = start - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j if j >= 0 and _COMMAND.match(lines[j]) else start
