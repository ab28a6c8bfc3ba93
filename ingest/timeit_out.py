"""IPython `%timeit` / `python -m timeit` output in a code block → a recovered table.

Why: a README pastes what `%timeit` printed, one result line per statement
(`1.19 ms ± 70.7 µs per loop (mean ± std. dev. of 7 runs, 1,000 loops each)`), with what was
timed on the line above (`Running %timeit using httpx.AsyncClient:`, `In [3]: %timeit f(x)`,
a bare name) and case lines between groups (`*** JSON ***`). The mean per loop is the figure,
the standard deviation its spread (quoted in the evidence, never compared: two runs of one
statement differ in their spread by design, and same-page checks would call that a conflict),
the runs and loops how it was measured (a condition, never a figure). Read as prose the
result line has no name and nothing comes of it.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

from crosscheck.ingest.blocks import Block, output_table
from crosscheck.ingest.textdata import caption_generic

_DURATION = r"\d[\d,]*(?:\.\d+)?\s?(?:nsec|usec|msec|sec|ns|µs|μs|us|ms|s)"
# '1.19 ms ± 70.7 µs per loop (mean ± std. dev. of 7 runs, 1,000 loops each)'
_RESULT = re.compile(
    rf"^\s*(?:#\s*)?(?:Out\[\d+\]:\s*)?(?:(?P<timer>\S+):\s+)?(?P<mean>{_DURATION})\s*(?:±|\+-|\+/-)\s*"
    rf"(?P<sd>{_DURATION})\s+per\s+loop\s+\(mean\s*(?:±|\+-|\+/-)\s*std\.?\s*dev\.?\s+of\s+"
    r"(?P<how>\d+\s+runs?,\s*[\d,]+\s+loops?\s+each)\)\s*$"
)
# '100 loops, best of 3: 2.5 ms per loop' (timeit before IPython 7; `python -m timeit` says
# '20000 loops, best of 5: 13.7 usec per loop')
_BEST_OF = re.compile(
    rf"^\s*(?:#\s*)?(?P<how>[\d,]+\s+loops?,\s*best\s+of\s+\d+):\s*(?P<mean>{_DURATION})\s+per\s+loop\s*$"
)
# '*** Plain text ***', '=== JSON ===', '--- small input ---': the case of the groups below
_CASE = re.compile(r"^\s*(?P<mark>[*=#~-]{2,})\s*(?P<case>[^*=#~\s].*?)\s*(?P=mark)\s*$")
_PROMPT = re.compile(r"^\s*(?:In\s*\[\d*\]:|>>>|\$|#)\s*")
# '$ python -m timeit -s "import json" "json.dumps(d)"': the last argument is what was timed
_MODULE = re.compile(r"python[\d.]*\s+-m\s+timeit\b.*?(?P<stmt>'[^']+'|\"[^\"]+\"|\S+)\s*$")
_MAGIC = re.compile(r"%%?timeit\b(?:\s+-\w+(?:\s+\d+)?)*\s*")
_HEADER = ["", "mean per loop"]


@functools.cache
def _lead_words() -> tuple[str, ...]:
    """Words between the timer and what it timed ('%timeit using X', 'timing X with'): data."""
    path = Path(__file__).parent / "data" / "benchout.toml"
    words = tomllib.loads(path.read_text("utf-8"))["timeit_lead_words"]
    return tuple(sorted((str(w) for w in words), key=len, reverse=True))


def _name(line: str) -> str | None:
    """What a line above a result names: the statement after '%timeit', or the line itself
    without its prompt, a lead word ('using') and its closing colon; None for an empty line."""
    text = line.strip()
    module = _MODULE.search(text)
    if module:
        return module.group("stmt").strip("'\"") or None
    magic = _MAGIC.search(text)
    text = text[magic.end() :] if magic else _PROMPT.sub("", text, count=1)
    text = text.strip().rstrip(":").strip()
    low = text.lower()
    for word in _lead_words():
        if low.startswith(word + " "):
            text = text[len(word) + 1 :].strip()
            break
    if not text or len(text) > 80 or not any(ch.isalpha() for ch in text):
        return None
    if all(w.lower().strip(":,.") in caption_generic() for w in text.split()):
        return None  # 'Example results:', 'Output': no name
    return text


def timeit_table(lines: list[str], caption: str | None) -> Block | None:
    """The block's timeit results as one table (one row per result line), or None."""
    rows: list[list[str]] = []
    conditions: list[str] = []
    texts: dict[tuple[str, ...], str] = {}
    case: str | None = None
    above: str | None = None  # the last non-blank line that is no result
    for line in lines:
        if not line.strip():
            continue
        result = _RESULT.match(line)
        best = None if result else _BEST_OF.match(line)
        if result is None and best is None:
            header = _CASE.match(line)
            if header:
                case, above = header.group("case").strip(), None
            else:
                above = line
            continue
        match = result or best
        assert match is not None
        timer = match.groupdict().get("timer")
        name = (_name(timer) if timer else None) or (_name(above) if above else None)
        if name is None:
            continue  # nothing names it ('Results:' above is no name): no row
        row = [name, match.group("mean")]
        how = match.group("how")
        conditions.append("; ".join(c for c in (case, how) if c))
        texts[tuple(row)] = line.strip()
        rows.append(row)
        above = None
    if not rows:
        return None
    return output_table(list(_HEADER), rows, caption, conditions, texts)
