"""Free-text blocks of a page in order: which section and entity each one is read under.

Why: a figure in "- Offers 2 TB/s" belongs to the "- **A100**:" item above it, one under "Test
setup" is a condition, one under "Node.js: The Incumbent" is Node.js's. This reader keeps that
state for the list items and lines that extract_claims hands it; prose.py reads each text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from crosscheck.ingest.blocks import Block
from crosscheck.ingest.entity_leads import file_lead, item_name, metric_lead
from crosscheck.ingest.lexicon import load_lexicon
from crosscheck.ingest.lines import LineRecord, line_record
from crosscheck.ingest.prose import (
    ClaimSink,
    FreeText,
    ProseState,
    list_lead_metric,
    read_free_text,
)
from crosscheck.ingest.setup_lists import SetupList, is_setup_lead
from crosscheck.ingest.spans import find_prose_figures

from crosscheck.contracts import LocationKind

_DIGIT = re.compile(r"\d")
_THAN = re.compile(r"\bthan\b", re.IGNORECASE)


@dataclass
class _ComparisonsOnly:
    """Passes on only the claims that compare one product with another ("54 times more memory
    than NATS"): under a set-up heading those are results, never conditions of the test."""

    out: ClaimSink

    def add(self, **claim: Any) -> None:
        counterpart = claim.get("counterpart")
        if counterpart is not None and counterpart != claim["entity"]:
            self.out.add(**claim)


_LABEL_PREFIX = re.compile(r"^[A-Za-z]\w*(?: \w+)?:\s+")  # one or two words and a colon


@dataclass
class FreeTextReader:
    """Reads list items and lines into `out` (a ClaimCollector) with their section's entity."""

    out: ClaimSink
    state: ProseState
    heading_entity: str | None = None  # the entity a section heading names
    list_entity: str | None = None  # "- **H100**:" heads the items after it
    in_setup: bool = False  # under "Test setup", "Environment", ...: numbers are conditions
    paragraph: int = 0
    list_item: int = 0
    list_metric: str | None = None  # "... requests per second:" names the metric of its list
    setup: SetupList = field(default_factory=SetupList)  # set-up lists and labelled lines

    def read_list_item(self, block: Block, section: str, current_entity: str | None) -> None:
        self.list_item += 1
        text = block.text
        lead = item_name(text, self.state.finder, bool(find_prose_figures(text))) or file_lead(text)
        if lead is not None and not text[lead[1] :].strip(" *_"):
            self.list_entity = lead[0]  # a bare "**Name**:" item heads the items below it
            return
        line = line_record(text)
        if self.in_setup or line.code or self.setup.item(text):
            return
        if _is_bold_header(text):
            self.list_entity = None
            return
        where = f"list item {self.list_item}" + (f" under '{section}'" if section else "")
        where += f" of {current_entity}" if current_entity else ""
        default = lead[0] if lead else self._named_metric(text)
        default = default or self.list_entity or current_entity or self.heading_entity
        item = FreeText(text, LocationKind.LIST_ITEM, where, default, self.list_metric, line)
        read_free_text(self.out, item, self.state)

    def read_line(self, block: Block, line: LineRecord, default: str | None) -> None:
        """A paragraph or a heading-like line (`line`: its record, its text without a winner
        mark); `default` is the entity of an entity line just above (the seeds' layout), else
        the section heading's entity applies."""
        text = line.text
        if block.is_heading or line.heading_like:
            self._heading(text)
        lex = self.state.lex
        self.list_metric = (
            line.lead_metric if lex is load_lexicon() else list_lead_metric(text, lex)
        )
        if line.code or (self.in_setup and not _THAN.search(text)) or is_setup_lead(text):
            return
        if self.in_setup:  # counted apart: the paragraphs after keep their numbers
            where = f"set-up paragraph {self.paragraph + 1}"
        else:
            self.paragraph += 1
            where = f"paragraph {self.paragraph}"
        default = self._named_metric(text) or default or self.heading_entity
        free = FreeText(text, LocationKind.PROSE, where, default, line=line)
        # a plain-text page has no heading after "Test Environment and Setup" to end the set-up
        # section: a paragraph there that compares two products still states a result
        read_free_text(_ComparisonsOnly(self.out) if self.in_setup else self.out, free, self.state)

    def _named_metric(self, text: str) -> str | None:
        """The product a "Name metric: value" lead names: nearer than any heading's."""
        if ":" not in text[:64]:
            return None
        return metric_lead(text, self.state.finder, self.state.lex.metric)

    def _heading(self, text: str) -> None:
        """A heading starts a section: a set-up section, a section about one entity ("Node.js:
        The Incumbent"), or another one. "Key points:" changes nothing."""
        clean = text.strip(" *_#")
        finder = self.state.finder
        self.list_entity = None
        if self.state.lex.setup_heading.match(clean):
            self.in_setup, self.heading_entity = True, None
            return
        lead = item_name(clean, finder, False)
        if clean.endswith(":") and lead is None:
            return
        self.in_setup = False
        if lead is not None:
            self.heading_entity = lead[0]
            return
        mentions = finder.mentions(clean)
        # "Example: Mailchimp Pricing", "Case study: Redis": a short label before the name
        label = _LABEL_PREFIX.match(clean) if ":" in clean else None
        start = label.end() if label else 0
        short = len(clean[start:].split()) <= 3
        self.heading_entity = (
            mentions[0].text if mentions and mentions[0].start == start and short else None
        )


def _is_bold_header(text: str) -> bool:
    """'**Memory and Bandwidth**' as a numbered section's title: no figures of its own."""
    stripped = text.strip()
    return (
        stripped.startswith("**") and stripped.endswith("**") and not find_prose_figures(stripped)
    )
