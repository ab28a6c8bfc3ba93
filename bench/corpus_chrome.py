"""The site chrome of the synthetic corpus's HTML pages (bench.corpus): navigation, styles,
scripts and footers of a real-looking site, one per site index and cached, so that parsing an
HTML page costs what it costs in the wild.
"""

from __future__ import annotations

import random

# --- rendering -----------------------------------------------------------------------------------
_SITES = (
    ("StackSide", "stackside.example"),
    ("DevVersus", "devversus.example"),
    ("FrameworkFaceoff", "faceoff.example"),
    ("PickYourStack", "pickyourstack.example"),
    ("CompareCode", "comparecode.example"),
)

_CHROME_CACHE: dict[int, dict[str, str]] = {}


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chrome(site: int) -> dict[str, str]:
    """Per-site boilerplate: styles, scripts, navigation and footer (~110 KB), built once."""
    if site in _CHROME_CACHE:
        return _CHROME_CACHE[site]
    rng = random.Random(f"chrome:{site}")
    name, domain = _SITES[site]
    css_rules = []
    for i in range(420):
        sel = rng.choice([".card", ".kd-pair", ".nav", ".footer", "table.facts", ".btn", ".hero"])
        css_rules.append(
            f"{sel}-{i} > .item-{i % 17}:hover{{margin:{i % 9}px {i % 13}px;"
            f"padding:{i % 7}px;color:#{rng.randrange(0x1000000):06x};"
            f"background:linear-gradient(90deg,#{rng.randrange(0x1000000):06x},#fff);"
            f"border-radius:{i % 5}px;transition:all .{i % 9}s ease-in-out}}"
        )
    css = "\n".join(css_rules)
    js_lines = [
        "(function(w,d){'use strict';var q=w.__q||[];function t(e,p){q.push([e,p,Date.now()])}",
    ]
    for i in range(300):
        js_lines.append(
            f"function h{i}(e){{var n=d.querySelectorAll('.item-{i % 23}');for(var k=0;"
            f"k<n.length;k++){{n[k].classList.toggle('open-{i % 11}',e&&e.type==='click')}}"
            f"t('h{i}',{{x:{rng.randrange(1000)},y:'{rng.randrange(10**8):08x}'}})}}"
        )
    js_lines.append("w.__q=q})(window,document);")
    js = "\n".join(js_lines)
    topics = [
        "Software",
        "Web Frameworks",
        "Databases",
        "Cloud",
        "DevOps",
        "Languages",
        "Mobile",
        "Security",
        "Data",
        "AI Tools",
        "Hosting",
        "Editors",
    ]
    nav = ['<nav class="mega-nav" aria-label="Main"><ul class="nav-root">']
    for topic in topics:
        nav.append(
            f'<li class="nav-topic"><a href="/{topic.lower().replace(" ", "-")}">'
            f'{topic}</a><ul class="nav-sub">'
        )
        for j in range(12):
            word = rng.choice(
                [
                    "Guides",
                    "Reviews",
                    "Deals",
                    "News",
                    "Tutorials",
                    "Tools",
                    "Rankings",
                    "Picks",
                    "Basics",
                    "Advanced",
                    "Jobs",
                    "Events",
                ]
            )
            nav.append(
                f'<li class="nav-item"><a href="/{topic[:3].lower()}/{j}">'
                f'<span class="nav-label">{topic} {word}</span></a></li>'
            )
        nav.append("</ul></li>")
    nav.append("</ul></nav>")
    footer = ['<footer class="site-footer"><div class="footer-grid">']
    for col in range(6):
        footer.append(f'<div class="footer-col"><h4>{rng.choice(topics)}</h4><ul>')
        for j in range(18):
            footer.append(
                f'<li><a href="/f/{col}/{j}">{rng.choice(topics)} '
                f"{rng.choice(['guide', 'overview', 'tips', 'faq', 'index'])}</a></li>"
            )
        footer.append("</ul></div>")
    footer.append(
        f'</div><form class="newsletter"><label>Get the weekly digest from {name}</label>'
        '<input type="email" placeholder="you@example.com"><button>Subscribe</button></form>'
        f'<p class="legal">{name} compares developer tools. Some links are affiliate links; '
        "we may earn a commission at no extra cost to you.</p></footer>"
    )
    svg = (
        '<svg class="sprite" xmlns="http://www.w3.org/2000/svg" style="display:none">'
        + "".join(
            f'<symbol id="i{i}" viewBox="0 0 24 24"><path d="M{i} {i}h{i % 9}v{i % 7}'
            f'l{i % 5} {i % 3}z"/></symbol>'
            for i in range(120)
        )
        + "</svg>"
    )
    chrome = {
        "name": name,
        "domain": domain,
        "css": css,
        "js": js,
        "nav": "\n".join(nav),
        "footer": "\n".join(footer),
        "svg": svg,
    }
    _CHROME_CACHE[site] = chrome
    return chrome
