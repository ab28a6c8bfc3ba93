"""Small helpers of the page builder (bench.corpus_builder): the figure part of a written value,
its span in a sentence, and the Written of a raw figure.
"""

from __future__ import annotations

from bench.corpus_numbers import Written


def _figure_unit(metric: str, family: str, w: Written) -> str:
    """A clean or wrong figure with the unit or noun free text needs to be understood."""
    raw = w.raw
    bare = raw.lstrip("~").replace(",", "").replace("+", "").replace(".", "").isdigit()
    if family == "rate" and bare:
        return f"{raw} req/s"
    if family == "ms" and bare:
        return f"{raw} ms"
    if family == "MB" and bare:
        return f"{raw} MB"
    if metric == "github_stars" and "star" not in raw:
        return raw  # the template adds "GitHub stars"
    return raw


def _is_average(qualifier: str | None) -> bool:
    """A latency qualifier the logic rule compares p99 against (mean-like figures)."""
    return bool(qualifier) and any(
        q in str(qualifier) for q in ("average", "hello world", "simple get")
    )


def _same(x: str, y: str) -> bool:
    return x.strip().casefold() == y.strip().casefold()


def _number_part(raw: str) -> str:
    """'~2,500 req/sec' → '~2,500'; '68,000+ stars' → '68,000+'."""
    head = raw.split()[0] if raw.split() else raw
    out = ""
    for ch in head:
        if ch.isdigit() or ch in "~,.+-":
            out += ch
        else:
            break
    return out or head


def _card_figure(metric: str, text: str) -> str:
    """The figure span the card shows (what ingest keeps as the raw value)."""
    number = text.split()[0]
    rest = text.split()[1:]
    if metric in ("throughput",):
        return f"{number} {rest[0]}"
    if metric in ("github_stars", "extensions_count", "stackoverflow_questions"):
        return " ".join([number, *rest])
    if metric == "memory_usage":
        return f"{number} MB"
    if metric == "startup_time":
        return number
    return number


def _free_figure(metric: str, family: str, raw: str) -> str:
    number = _number_part(raw)
    if metric == "github_stars":
        return f"{number.lstrip('~')}"
    if family == "rate":
        return f"{number} req/s"
    if family == "ms":
        return f"{number} ms"
    if family == "MB":
        return f"{number} MB"
    if metric == "age_years":
        return raw if "year" in raw else f"{number} years"
    if metric in ("extensions_count", "stackoverflow_questions"):
        return number
    return raw


def _span_in(text: str, figure: str) -> str:
    """The figure as ingest will cut it: with the noun that follows, where one does."""
    at = text.find(figure)
    tail = text[at + len(figure) :]
    for noun in ("GitHub stars", "third-party extensions", "Stack Overflow questions"):
        if tail.startswith(" " + noun):
            return f"{figure} {noun}"
    return figure


def _written_of(
    clean: dict[tuple[str, str], list[tuple[Written, str]]],
    entity: str,
    metric: str,
    raw: str | None,
) -> Written | None:
    if raw is None:
        return None
    for w, *_ in clean.get((entity, metric), []):
        if w.raw == raw:
            return w
    return None
