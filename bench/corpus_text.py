"""The synthetic corpus's own wording (bench.corpus): feature values, taglines, related titles,
card, pros and cons templates, and the page model they fill (rows, pages, placed figures).

Kept apart from the page builder: this is the text pages are made of, not how they are made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from bench.corpus_numbers import Written

_FEATURES: dict[str, tuple[str, ...]] = {
    "websocket_support": ("WebSocket Support", "Built-in WebSocket Handling"),
    "orm": ("Built-in Database ORM", "ORM Support"),
    "admin_ui": ("Admin Interface", "Admin Dashboard"),
    "data_validation": ("Built-in Data Validation", "Data Validation"),
    "auth_builtin": ("Built-in Auth", "Authentication Support"),
    "async_support": ("Native Async/Await Support", "Async Support"),
}

_HAS = ("Native built-in", "Built-in", "Yes (built in)", "Full native support", "Included")
_LACKS = (
    "Addon required",
    "No (use an extension)",
    "Requires third-party package",
    "Manual integration required",
    "None (bring your own)",
    "Third-party extensions only",
)


# --- text pieces (our own wording) ---------------------------------------------------------------
_TAGLINES = (
    "Minimal web framework with routing, request handling and templates; the rest comes as "
    "add-ons.",
    "Async-first framework for typed APIs that validates requests from type hints.",
    "Batteries-included framework with an ORM, migrations, an admin and authentication.",
    "Small, composable toolkit for HTTP services that favours explicit wiring over magic.",
    "Opinionated full-stack framework built around conventions and generators.",
    "Lightweight server framework aimed at microservices and serverless functions.",
)

_BEST_FOR = (
    "server-rendered sites, small internal services, teaching web basics",
    "JSON APIs, microservices, I/O-heavy backends, teams fluent in type hints",
    "content sites, admin-heavy back offices, teams that want one way of doing things",
    "event-driven services, websockets, high-concurrency gateways",
    "prototypes that grow into products, startups, solo developers",
)

_RELATED_TITLES = (
    (
        "Best Laptops for Programmers This Year: Our Picks",
        "We compared keyboards, screens and battery life across a dozen machines so you do not "
        "have to, from budget ultrabooks to workstation-class portables.",
    ),
    (
        "How to Choose a Cloud Host for a Side Project",
        "Free tiers, egress fees and cold starts explained, with a checklist for picking a host "
        "that will not surprise you with a bill at the end of the month.",
    ),
    (
        "Remote Work Tools Compared: Chat, Docs and Video",
        "Which collaboration suites hold up for distributed teams, and which features matter "
        "once the team grows beyond a handful of people.",
    ),
    (
        "A Beginner's Guide to Web Hosting Jargon",
        "DNS, CDNs, TLS certificates and load balancers in plain words, with diagrams and a "
        "glossary you can keep open in another tab.",
    ),
    (
        "Streaming Services Ranked by Catalogue and Price",
        "We tracked catalogues, ad tiers and household sharing rules to rank the streaming "
        "services worth paying for and the ones to skip.",
    ),
    (
        "Password Managers Compared for Families",
        "Sharing vaults, recovery options and browser support: the features that decide which "
        "password manager a family will actually keep using.",
    ),
    (
        "Mechanical Keyboards for Long Coding Sessions",
        "Switch types, layouts and ergonomics for people who type all day, with notes on noise "
        "for shared offices.",
    ),
    (
        "Note-Taking Apps That Survive a Migration",
        "Export formats, offline access and sync conflicts: what to check before committing "
        "years of notes to one app.",
    ),
)


class Placed(NamedTuple):
    """A clean figure on the page, where it stands and under which header."""

    w: Written
    where: str
    hint: str | None
    qualifier: str | None


@dataclass
class Row:
    label: str
    cells: list[str | None]  # one per entity (None = the empty marker)
    diff: str | None = None
    hidden: bool = False


@dataclass
class Page:
    """Content of one comparison page, before rendering to HTML or text."""

    index: int
    slug: str
    entities: tuple[str, str]
    taglines: tuple[str, str]
    best_for: tuple[str, str]
    short_answer: list[str] = field(default_factory=list)
    verdict: list[str] = field(default_factory=list)
    key_facts: list[Row] = field(default_factory=list)
    cards: list[tuple[str, str, int]] = field(default_factory=list)  # text A, text B, winner
    full_rows: list[Row] = field(default_factory=list)
    collapsed: list[Row] = field(default_factory=list)
    hidden_rows: list[Row] = field(default_factory=list)
    pros_cons: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    faq: list[tuple[str, str]] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)
    html: bool = True
    mojibake: bool = False
    copy_of: str | None = None
    site: int = 0


_CARD_TEMPLATES: dict[str, tuple[str, ...]] = {
    "throughput": ("{v} RPS", "{v} req/s"),
    "github_stars": ("{n} stars", "{n} GitHub stars"),
    "extensions_count": ("{n} extensions", "{n} integrations"),
    "startup_time": ("{v}ms startup",),
    "memory_usage": ("{v} MB memory footprint",),
    "stackoverflow_questions": ("{n} questions",),
}


# (template, where): {w} is the figure; the sentence speaks of {e} only
_PROS: dict[str, tuple[str, ...]] = {
    "github_stars": ("{w} GitHub stars and a large pool of tutorials and answered questions",),
    "throughput": (
        "Handles {w} on the same hardware in our benchmark",
        "Sustains {w} per worker under load",
    ),
    "memory_usage": ("Small footprint, {w} of memory per worker",),
    "startup_time": ("Starts in {w}, handy for autoscaling",),
    "extensions_count": ("Mature ecosystem with {w} third-party extensions",),
    "stackoverflow_questions": ("{w} Stack Overflow questions make troubleshooting easy",),
    "age_years": ("{w} of production stability behind it",),
}

_CONS: dict[str, tuple[str, ...]] = {
    "throughput": ("Synchronous workers level off at {w} in our benchmark",),
    "memory_usage": ("Each worker needs {w} of memory, more than lighter options",),
    "startup_time": ("Cold processes take {w} to start serving",),
}

_PLAIN_PROS = (
    "Clear documentation with many worked examples",
    "Stable API that rarely breaks between releases",
    "Easy to test with the built-in test client",
    "Friendly community on chat and forums",
)

_PLAIN_CONS = (
    "Fewer batteries included than full-stack frameworks",
    "Async pitfalls steepen the learning curve",
    "Some extensions lag behind new releases",
)


def page_path(page: Page) -> str:
    """Where a page lives, relative to the corpus folder: one folder per site."""
    site = f"site-{'abcde'[page.site]}"
    ext = ".html" if page.html else (".md" if page.index % 4 == 1 else ".txt")
    return f"{site}/{page.slug}-{page.index:05d}{'-copy' if page.copy_of else ''}{ext}"


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")
