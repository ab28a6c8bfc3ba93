"""One interface over both front ends: a snapshot in, its title, entities and claims out."""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from crosscheck.ingest.address_subject import PROVENANCE_NOTE
from crosscheck.ingest.attribute_slots import without_attribute_names  # roles31
from crosscheck.ingest.beside_known import beside_known, longer_names, model_runs
from crosscheck.ingest.blocks import Block, BlockKind, entities_from_title, guess_single_entity
from crosscheck.ingest.bound_names import bound_names
from crosscheck.ingest.budgets import (
    DEFAULT_BUDGET,
    BudgetNotes,
    PageBudget,
    PageQuarantined,
    ParseTimeout,
    cap_claims,
    parse_time_limit,
    prepare_html,
    prepare_text,
)
from crosscheck.ingest.chip_names import chip_names
from crosscheck.ingest.contrast_subjects import contrast_subjects
from crosscheck.ingest.datasheet_heads import datasheet_heads, without_echoes
from crosscheck.ingest.entities import EntityFinder, finder_for_page, frequent_names
from crosscheck.ingest.entity_leads import item_name, repeated_labels, title_entities
from crosscheck.ingest.extract import PageContext, extract_claims
from crosscheck.ingest.glued_rows import glued_tables
from crosscheck.ingest.headerless_rows import headerless_tables
from crosscheck.ingest.html_parser import html_to_blocks
from crosscheck.ingest.image_refs import image_refs, repo_slugs
from crosscheck.ingest.item_families import item_families
from crosscheck.ingest.kind_columns import kind_columns
from crosscheck.ingest.lines import line_record
from crosscheck.ingest.longer_names import page_extended_names  # longname31
from crosscheck.ingest.lzbench import lzbench_tables
from crosscheck.ingest.model_pairs import family_spelling
from crosscheck.ingest.page_kinds import kind_page, kind_phrases
from crosscheck.ingest.page_names import (
    abbreviations,
    family_names,
    maker_subjects,
    sibling_leads,
    subject_on_hardware,
)
from crosscheck.ingest.page_products import ordinary_word, page_products, without_bylines
from crosscheck.ingest.paren_names import model_noun_names, paren_names
from crosscheck.ingest.prose import ProseState
from crosscheck.ingest.respective_lists import respective_tables
from crosscheck.ingest.spec_tables import continued_spec_rows
from crosscheck.ingest.table_headers import is_chrome_line, is_metric_like
from crosscheck.ingest.text_parser import text_to_blocks
from crosscheck.ingest.unnamed_pages import unnamed_page_claims
from crosscheck.ingest.value_columns import value_columns
from crosscheck.ingest.value_led_rows import value_led_tables

from crosscheck.common.gazetteer import Gazetteer, load_gazetteer
from crosscheck.contracts import Snapshot

_VS = re.compile(r"\s(?:vs\.?|versus)\s", re.IGNORECASE)
# A row label that may name a product: one to three words, the first capitalised, no digit.
_NAME_LIKE = re.compile(r"^[A-Z][\w.+#-]*(?: [A-Za-z][\w.+#-]*){0,2}$")
NO_ENTITY = "no entity found"
NO_FIGURE = "no figure found"


@dataclass(frozen=True)
class ParsedPage:
    """A page's claims (rows with the CLAIM_COLUMNS) and what was read to get them.

    `empty_reason` says why a readable page gave no claim ("no entity found", "no figure
    found"), so that the run can report it instead of loading an empty page silently."""

    source: str
    sha256: str
    title: str
    entities: list[str]
    claims: list[dict[str, Any]]
    note: str = ""  # what a page budget cut, or why the page was quarantined (ingest.budgets)
    empty_reason: str | None = None
    mentioned: list[str] | None = None  # other names the page's headings and prose use
    # the text of its non-table blocks, a line each: what copy detection compares (the run
    # keeps only a sketch of it, crosscheck.common.passages)
    text: str = ""

    @property
    def quarantined(self) -> bool:
        """Over a page budget: no claims were taken (the note says why)."""
        return self.note.startswith("quarantined:")


# "source: https://… (retrieved …)", "<!-- source: … -->": where a saved copy came from, a
# note above the page, never its title


_TITLE_CHARS = 120  # a longer first line is the opening paragraph, not a title


def _first_title_line(blocks: list[Block]) -> str:
    """The page's first line; below a provenance note, the next line when it is title-length
    (an opening paragraph is no title)."""
    below_note = False
    for block in blocks:
        text = block.text.strip()
        if block.kind is not BlockKind.LINE or not text:
            continue
        if not below_note and PROVENANCE_NOTE.match(text):
            below_note = True
            continue
        return "" if below_note and len(text) > _TITLE_CHARS else text
    return ""


def _compared_entities(title: str, blocks: list[Block], finder: EntityFinder) -> list[str]:
    """The entities a page compares: its title's, else a "A vs B" heading near the top."""
    entities = title_entities(title, finder) or entities_from_title(title)
    if len(entities) >= 2:
        return entities
    for block in blocks[:8]:  # a heading "X vs Y" near the top, not a FAQ deep down
        if block.kind is not BlockKind.LINE or len(block.text) > _TITLE_CHARS:
            continue
        if not _VS.search(block.text):
            continue  # below the title only an "A vs B" line says what is compared
        found = title_entities(block.text, finder)
        # "Synthetic Benchmarks vs Production Reality" compares no product: below the title,
        # a "vs" heading counts only when it names at least one known name
        if len(found) >= 2 and any(finder.gazetteer.canonical(f) for f in found):
            return found
    return entities


def _section_names(blocks: list[Block], finder: EntityFinder) -> list[str]:
    """Names heading sections or items ("Node.js: The Incumbent", "**H100**:")."""
    names: list[str] = []
    for block in blocks:
        if block.kind is BlockKind.TABLE or not block.text:
            continue
        heading = block.is_heading or line_record(block.text).heading_like
        if block.kind is BlockKind.LIST_ITEM or heading:
            lead = item_name(block.text, finder, False)
            if lead is not None and finder.mentions(lead[0]):
                names.append(lead[0])
    return names


def _table_names(blocks: list[Block], finder: EntityFinder) -> list[str]:
    """Known names a table uses as row or column labels ("fastify", "koa" in a leaderboard):
    the prose around it may then name them in lower case ("fastify serves 3x ...")."""
    names: list[str] = []
    for block in blocks:
        if block.kind is not BlockKind.TABLE:
            continue
        for cell in [*(block.header or []), *(row[0] for row in block.rows if row)]:
            text = " ".join(cell.split())
            if 1 < len(text) <= 40 and finder.gazetteer.canonical(text):
                names.append(text)
        names += _unknown_row_names(block, finder)
    return names


def _unknown_row_names(block: Block, finder: EntityFinder) -> list[str]:
    """Row labels beside known names ("Baseline" in rows C, C++, Rust): where most of a
    table's row labels are known names, its other name-like row labels are entities too, and
    the prose may speak of them ("Baseline CPU utilization is ...")."""
    heads = [" ".join(row[0].split()) for row in block.rows if row and row[0].strip()]
    known = [h for h in heads if finder.gazetteer.canonical(h)]
    if len(known) < 2 or 2 * len(known) < len(heads):
        return []
    return [h for h in heads if h not in known and _NAME_LIKE.match(h) and not is_metric_like(h)]


def _spelled_out(
    claims: list[dict[str, Any]], subjects: list[str], finder: EntityFinder
) -> list[dict[str, Any]]:
    """Claims whose entity is an abbreviation of a page subject ("DF" for Dragonfly) given
    that subject's name (ingest.entities.abbreviations)."""
    shorts = [e for c in claims if len(e := c["entity_raw"]) <= 4 and e.isupper()]
    if not subjects or not shorts:
        return claims
    short = abbreviations(shorts, subjects, finder)
    if not short:
        return claims
    return [
        {**c, "entity_raw": short[c["entity_raw"]]} if c["entity_raw"] in short else c
        for c in claims
    ]


def _ordinary(gazetteer: Gazetteer) -> Callable[[str], bool]:
    """A word no unknown model's name starts with: an ordinary word or a listed name's."""
    return lambda word: ordinary_word(word) or gazetteer.canonical(word) is not None


def parse_snapshot(
    snapshot: Snapshot, budget: PageBudget = DEFAULT_BUDGET, gazetteer: Gazetteer | None = None
) -> ParsedPage:
    """Claims of one page; the parser is chosen by content type (HTML or text/markdown).
    A page over a budget is cut (noted) or quarantined: no claims, and the note says why.
    `gazetteer`: the names ingest knows (default: the packaged entities file; a run passes the
    one its `vocabulary.gazetteer` setting names)."""
    notes = BudgetNotes()
    try:
        with parse_time_limit(budget.max_parse_seconds):
            page = _parse(snapshot, budget, notes, gazetteer or load_gazetteer())
    except (PageQuarantined, ParseTimeout) as exc:
        notes.quarantined = str(exc)
        return ParsedPage(snapshot.source, snapshot.sha256, "", [], [], notes.text)
    except Exception as exc:  # a reader's defect on one page fails that page only, not the run
        notes.quarantined = _reader_defect(exc)
        return ParsedPage(snapshot.source, snapshot.sha256, "", [], [], notes.text)
    return replace(page, note=notes.text) if notes.text else page


def _reader_defect(error: Exception) -> str:
    """Why a page whose parse raised is quarantined: the error and where it was raised, so one
    unforeseen page shape costs its own figures (a pages row says so), never the whole run."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    text = " ".join(str(error).split())[:200]
    return f"the parser failed on this page ({type(error).__name__}: {text}{where})"


def _parse(
    snapshot: Snapshot, budget: PageBudget, notes: BudgetNotes, gazetteer: Gazetteer
) -> ParsedPage:
    if "html" in snapshot.content_type:
        root = prepare_html(snapshot.text, budget, notes)
        title, blocks = html_to_blocks(snapshot.text, root=root)
    else:
        blocks = text_to_blocks(prepare_text(snapshot.text, budget, notes), gazetteer)
        title = _first_title_line(blocks)
    finder = finder_for_page(gazetteer)
    blocks = continued_spec_rows(lzbench_tables(glued_tables(blocks, finder)))
    blocks, led = value_led_tables(blocks)  # "45 cN Cherry MX Red" / "Cherry MX Brown" / "50 cN"
    if "respectively" in snapshot.text:  # the gate: most pages have no "A vs B, respectively"
        blocks = respective_tables(blocks, finder)
    entities = _compared_entities(title, blocks, finder)
    if not entities:
        # a repeated status or section line ("Closed", "Overview") is no subject
        lines = [b.text for b in blocks if b.kind is BlockKind.LINE]
        entities = guess_single_entity(without_bylines(lines), skip=is_chrome_line)
    blocks = value_columns(blocks, entities)  # a score a line per compared product
    blocks = headerless_tables(blocks, entities)  # glued spec rows under no header line
    tabled = _table_names(blocks, finder)  # roles31: kept, the page compares them
    finder.add_page_names([*entities, *tabled])
    texts = [b.text for b in blocks if b.kind is not BlockKind.TABLE and b.text]
    cells = [r[0] for b in blocks if b.kind is BlockKind.TABLE for r in b.rows if r]
    finder.add_page_names(image_refs([*texts, *cells]))  # "ubuntu:24.04", "node:20-alpine"
    finder.add_page_names(repo_slugs(texts))  # "moby/moby — 71,521 stars"
    finder.add_page_names(sibling_leads(texts, finder))  # "Elastic —" beside "Loki —"
    # "Cherry MX Brown: ..." beside "Cherry MX Blue: ...": the leads of one family name products
    finder.add_page_names(item_families(texts, finder.mentions))
    finder.add_page_names(led)  # the names in a value-led chart's cells
    chips = chip_names(texts)  # "Core i5-5300U": the chip's figures, not its host's
    if chips:
        finder.add_page_names(chips)
    # "Galaxy S26 Ultra": a new model of a known family, where no title names the subjects
    family = family_names(texts, finder) if len(entities) < 2 else []
    if family:
        finder.add_page_names(family)
    longer = longer_names(texts, finder.known_spans)  # "Moto X Play" is no Play Framework
    if longer:
        finder.add_page_names(longer)
    # without a title naming two entities, the names the page uses most are its subjects
    frequent = frequent_names(without_bylines(texts), finder) if len(entities) < 2 else []
    if frequent:  # roles31: a name written mostly as an attribute ("written in Rust") is no subject
        frequent = without_attribute_names(frequent, texts, finder.mentions, finder.canonical)
    # 'Sonicare DiamondClean' over '• Battery life: 16 days': a datasheet's head names it
    heads = datasheet_heads(blocks, bool(entities or frequent))
    if heads:
        finder.add_page_names(heads)
        blocks = without_echoes(blocks, bool(entities or frequent))  # 'oral b pro 8000'
    named_here = [*entities, *frequent]  # no product named (a kind may be): perhaps kinds
    if not named_here or (len(named_here) < 3 and kind_page(tuple(named_here))):
        kinds = kind_phrases([title, *texts])  # are compared ("monocristallini o policristallini")
        if kinds:
            finder.add_page_names(kinds)
            frequent = kinds
            blocks = kind_columns(blocks, kinds)  # "Aspect QLC SSD TLC SSD" over its rows
    makers: list[str] = []  # the longer names a maker's word alone stands for
    beside: list[str] = []  # the page's model names beside known ones (may own figures)
    numbered: list[str] = []  # the page's own models, for "the 965" (shortest spelling each)
    versioned: set[str] = set()  # known names the page measures with their versions
    if len(entities) < 2 and len(frequent) < 2:
        # products no gazetteer lists: names the page's own structure and wording give
        # (they name the figures of the clauses that write them; no figure is theirs by default)
        own = page_products(title, blocks, finder.known_spans)
        own += paren_names(texts, ordinary_word)  # "die Miele W 5861 WPS (1.200 Euro)": named once
        own += model_noun_names(texts)  # "el modelo EQS 450+": after a model noun
        numbered = [n for n in own if not any(n.endswith(" " + o) for o in own)]
        own = [n for n in own if not finder.gazetteer.canonical(n)]
        finder.add_page_names(own)
        makers = maker_subjects(own, finder.page_names)  # "Samsung" beside "Samsung 950 Pro"
    else:
        # beside known names, only the page's model names with their numbers ("OnePlus 11"),
        # written as subjects and never as a game's or a benchmark's title (ingest.beside_known)
        ordinary = _ordinary(gazetteer)
        own = beside_known(model_runs(texts, finder.known_spans, ordinary), texts)
        # and the models named once right before their figure in parentheses, beside the
        # known ones ("- Miele Scout RX1 (ca. 555 €)" under a list whose first two repeat)
        own += paren_names(texts, ordinary_word) + model_noun_names(texts)
        beside = [n for n in dict.fromkeys(own) if not finder.gazetteer.canonical(n)]
        finder.add_page_names(beside)
        # "Java 21 reached 98,000 req/s", twice, beside a "Go vs Rust" title: a known name
        # with its version, written as a subject and never as a condition, owns its figures
        if len(entities) >= 2:  # only a title's names narrow the owners (below)
            runs = model_runs(texts, finder.known_spans, ordinary_word, True)
            runs = beside_known(runs, texts)
            versioned = {m.canonical for n in runs for m in finder.mentions(n, cache=False)}
    finder.add_page_names(frequent)  # used twice: a name at a line's start too ("Bundler ...")
    # "While HughesNet offers ... $75", "whereas a Vega-C launch ...": a contrast clause's
    # subject that no name above covers (a title's narrowing lets it own its figures too)
    contrasted = contrast_subjects(texts, ordinary_word, finder)
    finder.add_page_names(contrasted)
    # longname31: "Echo Dot", "HomePod mini" beside a known or the page's own short name
    finder.add_page_names(page_extended_names(title, blocks, texts, finder))
    beside += contrasted
    if len(entities) >= 2 or len(frequent) >= 2:  # products compared: a lead repeated over
        # several figures under each of them is a spec's label ("Battery: 5,000mAh")
        finder.labels = repeated_labels(texts, gazetteer.canonical)
    focus_names = entities + _section_names(blocks, finder) + frequent
    finder.add_model_numbers(focus_names + numbered)  # "the 4080" after "RTX 4080"
    subjects = entities if len(entities) >= 2 else frequent
    if subjects:  # "Galaxy S23" once on a page about the Galaxy S23 Ultra
        if finder.may_truncate(subjects):
            finder.add_truncations(subjects, finder.line_mentions(texts))
        finder.add_tiers(subjects)  # "le modèle Plus", "기본 모델"
    elif makers:  # no subject: "Samsung" alone is the page's one Samsung product
        finder.add_truncations(makers, finder.line_mentions(texts))
    # "Sony delivers", "Pixel: 5050mAh": a brand word alone names its one subject (else the
    # one product of that brand the page names)
    named = subjects or list(dict.fromkeys(m.canonical for m in finder.line_mentions(texts)))
    finder.add_brand_words(named, texts)
    focus = {finder.canonical(n) for n in focus_names}
    if len(entities) < 2 or len(focus) < 2:
        # Only a title naming what is compared narrows who may own a figure; a page found
        # to be about its most frequent names (a ranked list, a blog post) lets every name count.
        focus = set()
    elif beside or versioned:  # a title's known names narrow the owners; the page's models
        focus |= set(beside) | versioned  # and measured known versions own theirs too
    compared = entities if len(entities) >= 2 else frequent
    machine_subject = subject_on_hardware(title, texts, finder) if len(entities) < 2 else None
    if machine_subject:  # "Ollama Performance" run on RTX cards: the cards are conditions
        focus, compared = {finder.canonical(machine_subject)}, [machine_subject]
    state = ProseState(finder, focus, list(compared), list(entities))
    state.last_subject = machine_subject
    state.page_compared = [*focus_names, *tabled]  # roles31: owners in an attribute slot
    state.bound = bound_names(texts, ordinary_word, finder)  # owners28: "X (78 Euro)" slots
    context = PageContext(snapshot.source, snapshot.sha256, title, entities, state)
    claims = _spelled_out(
        cap_claims(extract_claims(blocks, context), budget, notes), focus_names, finder
    )
    if numbered:  # "Garmin Forerunner 945" beside "Forerunner 265": one spelling per family
        claims = family_spelling(claims, finder.page_names)
    mentioned = [n for n in dict.fromkeys(focus_names) if n not in entities]
    reason = None
    if not claims:
        reason = NO_FIGURE if entities or mentioned else NO_ENTITY
    if reason == NO_ENTITY:  # the address's model, a label, model codes, the category, nobody
        claims, nobody = unnamed_page_claims(
            snapshot.source, title, texts, blocks, cells, context, finder
        )
        reason = reason if nobody else None
    return ParsedPage(
        snapshot.source,
        snapshot.sha256,
        title,
        entities,
        claims,
        "",
        reason,
        mentioned,
        "\n".join(texts),
    )
