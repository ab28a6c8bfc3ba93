"""What the label above a load-test run names: a chain of servers, or a name before a comma.

Why: a benchmark page often puts each run of a tool under a line naming what served it. When
that line is a chain ('Nginx --> Nginx', 'pgbench => pgbouncer => pg', 'Pingap behind Nginx'),
the run measured the whole chain, not its first or last name: cut to one known name, its
figures merge with that name's own run. A label line 'Rocket, Rust (nightly) web framework'
names its subject before the comma and describes it after.
"""

from __future__ import annotations

import re

__all__ = ["chain_label", "comma_lead"]

_NAME = r"[A-Za-z0-9][\w.+#/-]*(?:\s[A-Za-z0-9][\w.+#/-]*){0,2}"
_ARROW = r"(?:-{1,2}>|={1,2}>|→|⟶|⇒|->>)"
# a chain: two names or more joined by arrows, or two names joined by 'behind'
_CHAIN = re.compile(rf"^{_NAME}(?:\s*{_ARROW}\s*{_NAME})+$|^{_NAME}\s+behind\s+{_NAME}$")
_LEAD = re.compile(r"^(?P<lead>[A-Za-z][\w.+#-]*(?:\s[A-Za-z0-9][\w.+#-]*){0,2}),\s+\S")


def chain_label(text: str) -> str | None:
    """The whole chain when `text` (markup off) is one: 'Nginx --> Nginx' → itself, spaces
    folded; None for any other text."""
    if ">" not in text and "→" not in text and "⟶" not in text and " behind " not in text:
        return None  # most captions: no arrow at all
    folded = " ".join(text.split())
    return folded if _CHAIN.match(folded) else None


def comma_lead(text: str, generic: frozenset[str]) -> str | None:
    """The name before the first comma of a label line ('Rocket, Rust (nightly) web
    framework' → 'Rocket'), or None when the lead is a generic word ('Results, run 2')."""
    match = _LEAD.match(text)
    if match is None:
        return None
    lead = match.group("lead")
    if all(word.lower() in generic for word in lead.split()):
        return None
    return lead
