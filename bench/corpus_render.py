"""The synthetic corpus's pages written out (bench.corpus): a page model rendered as an HTML page
(inside its site's chrome: bench.corpus_chrome) or as a text snapshot like the seed pages.
"""

from __future__ import annotations

import json
import random
from typing import TYPE_CHECKING

from bench.corpus_chrome import _chrome, _esc
from bench.corpus_settings import EM, TROPHY
from bench.corpus_text import _RELATED_TITLES, Page, Row, _slug

if TYPE_CHECKING:
    from bench.corpus import Generator


def _cell(text: str | None) -> str:
    return EM if text is None else text


def render_html(page: Page, gen: Generator | None = None) -> str:
    c = _chrome(page.site)
    a, b = page.entities
    out: list[str] = []
    w = out.append
    w('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">')
    w(f"<title>{_esc(a)} vs {_esc(b)} | {c['name']}</title>")
    w(f'<meta name="description" content="{_esc(a)} or {_esc(b)}? Figures, pros and cons.">')
    w(f'<link rel="canonical" href="https://{c["domain"]}/compare/{page.slug}">')
    w(f"<style>\n{c['css']}\n</style>")
    ld = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": f"{a} vs {b}",
        "publisher": c["name"],
        "keywords": [a, b, "comparison"],
    }
    w(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    w(f"<script>\n{c['js']}\n</script>\n</head>")
    w('<body class="page-compare">')
    w(c["svg"])
    w(
        '<div class="cookie-banner" hidden><p>We use cookies to measure traffic.</p>'
        "<button>Accept</button></div>"
    )
    w(f'<header class="site-header"><a class="logo" href="/">{c["name"]}</a>')
    w(c["nav"])
    w("</header>")
    w(
        f'<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/software">Software</a>'
        f" &rsaquo; <span>{_esc(a)} vs {_esc(b)}</span></div>"
    )
    w(f'<main class="comparison" data-slug="{page.slug}">')
    w(f"<h1>{_esc(a)} vs {_esc(b)}</h1>")
    w('<section class="entities">')
    for name, tag, best in zip(page.entities, page.taglines, page.best_for, strict=True):
        w(
            f'<div class="entity-summary"><h2>{_esc(name)}</h2><p class="tagline">{_esc(tag)}</p>'
            f'<p class="best-for"><strong>Best for:</strong> {_esc(best)}</p></div>'
        )
    w("</section>")
    w(
        '<section class="short-answer"><h2>Short Answer</h2>'
        f"<p>{_esc(' '.join(page.short_answer))}</p></section>"
    )
    w(
        '<section class="verdict"><h2>Our Verdict</h2>'
        f"<p>{_esc(' '.join(page.verdict))}</p></section>"
    )
    w('<section class="key-facts"><h2>Key Facts &amp; Figures</h2><table class="facts">')
    w(f"<thead><tr><th>Metric</th><th>{_esc(a)}</th><th>{_esc(b)}</th><th>Diff</th></tr></thead>")
    w("<tbody>")
    for row in page.key_facts:
        cells = "".join(f"<td>{_esc(_cell(x))}</td>" for x in row.cells)
        w(f'<tr><th scope="row">{_esc(row.label)}</th>{cells}<td>{_esc(_cell(row.diff))}</td></tr>')
    w("</tbody></table>")
    w('<p class="note">Figures compiled from public benchmarks, GitHub and PyPI.</p></section>')
    w('<section class="key-differences"><h2>Key Differences</h2><div class="kd-grid">')
    for text_a, text_b, winner in page.cards:
        w('<div class="kd-pair">')
        for i, (name, text) in enumerate(((a, text_a), (b, text_b))):
            badge = (
                ' <span class="kd-badge" aria-label="winner">' + TROPHY + "</span>"
                if i == winner
                else ""
            )
            css = "kd-card kd-winner" if i == winner else "kd-card"
            w(
                f'<div class="{css}"><div class="kd-entity">{_esc(name)}</div>'
                f'<div class="kd-value">{_esc(text)}{badge}</div></div>'
            )
        w("</div>")
    w("</div></section>")
    w('<section class="full-comparison"><h2>Full Comparison</h2><table class="full">')
    w(f"<thead><tr><th>Attribute</th><th>{_esc(a)}</th><th>{_esc(b)}</th></tr></thead><tbody>")
    rows = list(page.full_rows)
    split = len(rows) // 2
    for row in rows[:split]:
        w(_html_row(row))
    if page.collapsed:
        w(
            '<tr class="more-attributes"><td colspan="3"><details>'
            f"<summary>Show {len(page.collapsed)} more attributes</summary>"
            '<table class="more-rows"><tbody>'
        )
        for row in page.collapsed:
            w(_html_row(row))
        w("</tbody></table></details></td></tr>")
    for row in rows[split:]:
        w(_html_row(row))
    for i, row in enumerate(page.hidden_rows):
        w(_html_row(row, "hidden" if i % 2 else 'style="display:none"'))
    w("</tbody></table></section>")
    w(
        '<section class="visual"><h2>Visual Comparison</h2><p>Side-by-side bars for every numeric '
        "attribute appear here when JavaScript is enabled.</p></section>"
    )
    w('<section class="pros-cons"><h2>Pros &amp; Cons</h2>')
    for name in page.entities:
        w(f'<div class="pc-entity"><h3>{_esc(name)}</h3>')
        for head in ("Pros", "Cons"):
            items = "".join(f"<li>{_esc(x)}</li>" for x in page.pros_cons[name][head])
            w(f"<h4>{head}</h4><ul>{items}</ul>")
        w("</div>")
    w("</section>")
    w('<section class="faq"><h2>Frequently Asked Questions</h2>')
    for q, ans in page.faq:
        w(f"<h3>{_esc(q)}</h3><p>{_esc(ans)}</p>")
    w("</section>")
    w('<section class="related"><h2>Related Comparisons</h2><ul class="related-links">')
    for title in page.related:
        w(
            f'<li><a href="/compare/{_slug(title)}">{_esc(title)}</a>'
            '<span class="cat">software</span></li>'
        )
    w("</ul></section>")
    w('<section class="articles"><h2>Related Articles</h2>')
    for i in page.articles:
        title, blurb = _RELATED_TITLES[i]
        w(
            f'<article class="article-card"><div class="article-body"><h3><a href="/a/{i}">'
            f"{_esc(title)}</a></h3><p>{_esc(blurb)}</p></div></article>"
        )
    w("</section></main>")
    w(c["footer"])
    data = {
        "slug": page.slug,
        "ids": [random.Random(page.index).randrange(10**9) for _ in range(40)],
    }
    w(f"<script>window.__PAGE__={json.dumps(data)};</script>\n</body>\n</html>\n")
    return "\n".join(out)


def _html_row(row: Row, attrs: str = "") -> str:
    cells = "".join(f"<td>{_esc(_cell(x))}</td>" for x in row.cells)
    open_tag = f"<tr {attrs}>" if attrs else "<tr>"
    return f"{open_tag}<td>{_esc(row.label)}</td>{cells}</tr>"


def render_text(page: Page) -> str:
    a, b = page.entities
    lines: list[str] = [f"{a} vs {b}"]
    for name, tag, best in zip(page.entities, page.taglines, page.best_for, strict=True):
        lines += [name, tag, f"Best for {best}"]
    lines += [
        "Short Answer",
        " ".join(page.short_answer),
        "Our Verdict",
        "AI-assisted" + " ".join(page.verdict),
        "Was this verdict helpful?",
    ]
    for name, best in zip(page.entities, page.best_for, strict=True):
        lines += [f"Choose {name} if", best[:1].upper() + best[1:]]
    lines += [
        "Track this comparison",
        "Get notified when prices change, new specs ship, or our verdict updates.",
        "No spam. Stop anytime.",
        "Key Differences at a Glance",
        "Key Facts & Figures",
        f"| Metric | {a} | {b} | Diff |",
        "|---|---|---|---|",
    ]
    for row in page.key_facts:
        lines.append(
            f"| {row.label} | {_cell(row.cells[0])} | {_cell(row.cells[1])} | {_cell(row.diff)} |"
        )
    lines.append("All figures sourced from publicly available data. Last updated Jun 2026.")
    lines.append("Key Differences")
    for text_a, text_b, winner in page.cards:
        lines += [
            a,
            text_a + (TROPHY if winner == 0 else ""),
            b,
            text_b + (TROPHY if winner == 1 else ""),
        ]
    lines.append("Full Comparison")
    second = b if page.index % 3 else ""  # some sites leave the second header empty (seed 000)
    lines += [f"| Attribute | {a} | {second} |", "|---|---|---|"]
    rows = list(page.full_rows)
    split = len(rows) // 2
    for row in rows[:split]:
        lines.append(f"| {row.label} | {_cell(row.cells[0])} | {_cell(row.cells[1])} |")
    n = len(page.collapsed)
    if n:
        items = " ".join(
            f"{row.label} {_cell(row.cells[0])} {_cell(row.cells[1])}" for row in page.collapsed
        )
        word = "attribute" if n == 1 else "attributes"
        lines.append(f"Show {n} more {word}{items} | ||")
    for row in rows[split:]:
        lines.append(f"| {row.label} | {_cell(row.cells[0])} | {_cell(row.cells[1])} |")
    if n:
        lines.append(f"Show {n} more {'attribute' if n == 1 else 'attributes'}")
    lines += ["Visual Comparison", "Side-by-side comparison of numeric attributes", "Pros & Cons"]
    for name in page.entities:
        lines.append(name)
        for head in ("Pros", "Cons"):
            lines.append(head)
            lines += [f"- {x}" for x in page.pros_cons[name][head]]
    lines.append("Frequently Asked Questions")
    lines += [ans for _q, ans in page.faq]
    lines += [
        "Resources & Learn More",
        "Dive deeper with these curated resources",
        "Related Comparisons",
    ]
    for title in page.related:
        lines += [title, "software"]
    lines.append("Related Articles")
    for i in page.articles:
        lines += list(_RELATED_TITLES[i])
    text = "\n".join(lines) + "\n"
    if page.mojibake:
        text = text.replace(EM, "β").replace(TROPHY, "π")
    return text
