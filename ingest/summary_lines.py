"""'Label:  value' summary lines of benchmark tool output in a code block → one table row.

wrk, ab and hey end with lines such as 'Requests/sec: 748868.53' or 'Time per request:
42.644 [ms] (mean)'. They are figures of the block's entity; configuration lines
('workers: 16', 'port: 8080') are not, and are told apart by their lowercase one-word keys.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind

_SUMMARY = re.compile(
    r"^\s*(?P<label>[A-Za-z][\w ./()%#+-]{0,40}?):[ \t]+"
    r"(?P<value>[~≈]?\d[\d,.]*(?:\s?[A-Za-zµ%]+(?:/[A-Za-z]+)?)?(?:\s?\[[^\]\s]{1,10}\])?)"
    r"(?P<rest>\s+\S.*)?$"
)
_CONFIG_KEY = re.compile(r"^[a-z][a-z0-9_.-]*$")
_CODE_MARK = re.compile(r"[{};=]\s*$|^\s*(?:-|\$|>|#)\s")


def summary_table(lines: list[str], caption: str | None) -> Block | None:
    """The block's summary lines as a one-row table (metrics as columns), or None when it has
    fewer than two or looks like code/config."""
    labels: list[str] = []
    values: list[str] = []
    for line in lines:
        if _CODE_MARK.search(line):
            return None  # statements, shell prompts and YAML lists: code or config
        match = _SUMMARY.match(line)
        if not match or _CONFIG_KEY.match(match.group("label")):
            continue
        rest = (match.group("rest") or "").strip()
        labels.append(f"{match.group('label').strip()} {rest}".strip())
        values.append(match.group("value"))
    if len(values) < 2:
        return None
    return Block(
        BlockKind.TABLE,
        header=["", *labels],
        rows=[["", *values]],
        origin="code block",
        caption=caption,
        caption_entity=True,
    )
