"""Why a number in free text is not a figure: versions, dates, years, flags, settings, loads.

Why: real pages are full of numbers that are not measurements ("Node 20 LTS", "Jun 15, 2026",
"-c 50", "100 concurrent connections"); extracting them makes false facts and false findings.
Load and set-up numbers are not dropped silently: they become the claim's `conditions`.
"""

from __future__ import annotations

import re

from crosscheck.ingest.figure_hints import figure_before_caps, owner_with
from crosscheck.ingest.lexicon import Lexicon
from crosscheck.ingest.name_numbers import closes_name, in_product_name
from crosscheck.ingest.nonfigure_shapes import NotFigure as NotFigure
from crosscheck.ingest.nonfigure_shapes import shape_reason
from crosscheck.ingest.resolutions import is_video_mode, starts_video_mode
from crosscheck.ingest.scenario_counts import scenario_count
from crosscheck.ingest.setup_lists import in_setup_sentence
from crosscheck.ingest.spans import FigureSpan

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_BEFORE = re.compile(rf"\b{_MONTH}\s+(?:\d{{1,2}},?\s+)?$", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+{_MONTH}\b|^,\s*(?:19|20)\d\d\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"^[-/.]\d{1,2}[-/.]\d{1,2}")
# "(09/2024)", "test 10/2018": a month and its year (two digits before the slash: "1/2000 s" stays)
_MONTH_YEAR = re.compile(r"^/(?:19|20)\d\d(?![\d.,/])")
_MONTH_NUMBER = re.compile(r"^(?:0[1-9]|1[0-2])$")
_DAY_NUMBER = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])$")
_FLAG_BEFORE = re.compile(r"(?:^|\s)--?[A-Za-z][\w-]*(?:\s+|=)$")
# "sidebar_position: 4", "max_connections = 100": a configuration key's value opening its line
_CONFIG_KEY = re.compile(r"^\s*[a-z][a-z0-9]*(?:_[a-z0-9]+)+\s*[:=]\s*$")
# "2026-03-29T03:29:47Z": any number inside an ISO date or timestamp is no figure
_ISO_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$")
_URLISH = re.compile(r"\S*(?:://|www\.|localhost|\.(?:com|org|io|dev|net)/)")
_TOKEN_BEFORE = re.compile(r"\S+$")
_MONEY = re.compile(r"^[$€£¥]\s?\d")
_FOOTNOTE = re.compile(r"[\[(^]$")
_VERSION_WORD = re.compile(
    r"(?:\bversions?|\bv|\brelease|\bgeneration|\bgen\.?|\bhit|\breach(?:es|ed|ing)?|\bsince|\bfrom|\bto|\bin|"
    r"\bafter|\bbefore|\buntil|\bLTS|\bRound|\bround)\s*$",
    re.IGNORECASE,
)
_CAPITALISED_WORD = re.compile(
    r"(?<![\w])[A-Za-z][\w.+-]*[A-Z][\w.+-]*\s+$|(?<![\w])[A-Z][\w.+-]*\s+$"
)
_BARE = re.compile(r"^[~≈]?\d+(?:\.\d+)*\+?$")
_MULTI_DOT = re.compile(r"^\d+\.\d+\.\d+")
_BARE_YEAR = re.compile(r"^(?:19|20)\d\d$")
_CAPS_AFTER = re.compile(r"^\s+[A-Z]{2,}(?![\w])")
_TIME_UNIT = re.compile(
    r"(?:seconds?|secs?|s|minutes?|mins?|hours?|days?|weeks?|months?|years?)$", re.IGNORECASE
)
_ISO_PART = re.compile(r"^(?:19|20)\d\d-\d\d$")
# "1970-01-01T00:00:00+00:00", "2024-05-01T12:30:00Z": a timestamp's pieces are no figures
_ISO_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?")
_MODEL_NUMBER = re.compile(r"^\d{3,}[xX]$")
# "16GB RAM", "64 bits", "7 nm": the hardware's variant; "12 bits of data in each symbol", "10
# bits per sample" count bits of something (realunits24)
_HARDWARE_AFTER = re.compile(
    r"^\s*(?:Mem|RAM|bits?(?!\s+(?:of|per)\s)|threads?|nm)\b|^\s*[GM][Hh]z\b"
)
# a display resolution's name ("2K", "4K", "8K") that ends its sentence or follows the word
_RESOLUTION = re.compile(r"^[2458]K$")
_RESOLUTION_END = re.compile(r"^\s*(?:[.。!?！？]|$)")
_RESOLUTION_WORD = re.compile(
    r"(?:resolution|Auflösung|résolution|resolución|分辨率|해상도)\W", re.I
)
_ASSIGNMENT = re.compile(r"\b[A-Z][A-Z_]+\s*=\s*$")  # "SET PROFILING = 1", "FURPS = 500 ms"
# "IterationCount=3", "top_k=10": a CamelCase or snake_case key set to the number (a tool's
# option); "p99=3ms" and "qps=900" stay figures
_KEY_SET = re.compile(r"(?<![\w-])(?:[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+|[a-z]+(?:_[a-z0-9]+)+)=$")
_RUN_TIMES = re.compile(r"\b(?:run|ran|runs|executed|repeated|iterated|looped)\s+$", re.I)
_LEVELS = re.compile(r"^\s*\d+(?:\s*(?:,|et|and|or|ou|i|/)\s*\d+){2,}\s*$")
_TIME_UNIT_AFTER = re.compile(
    r"^\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE
)
_COUNT_OF_NAMES = re.compile(r"\b(?:these|those|the|all|our|its)\s+$", re.IGNORECASE)
_WINDOW = 80
_SET_TO = re.compile(r"\bset\b[^.;]{0,40}\bto\s+$", re.IGNORECASE)
_IDENTIFIER_NOUN = re.compile(
    r"\b(?:cores|lines|rows|columns|steps|chapters|sections|pages|ports|CPUs)\s+$"
)
_CALL = re.compile(r"[A-Za-z_]\w*\([^()]{0,30}$")
_MACHINE_WITH = re.compile(
    r"\b(?:machines?|servers?|instances?|hosts?|VMs?|boxes|box|laptops?|desktops?|containers?|"
    r"nodes?|workstations?|macbooks?|notebooks?|computers?|PCs?|mac minis?|droplets?)"
    r"\s+(?:with|having|of)\s+(?:\d+\s*\w+\s*(?:,|and)\s*)*$",
    re.IGNORECASE,
)
_TAG_OPEN = re.compile(r"</?[A-Za-z][\w-]*[\s>/]")
# width="284" on a line of its own: a markup attribute whose tag opened on the line above
_ATTRIBUTE = re.compile(r"(?:^|\s)[A-Za-z][\w-]*=[\"']$")
_AND_GAP = re.compile(r"\s+(?:and|et|i|und)\s+$")
_IN_BEFORE = re.compile(r"\b(?:in|en|w|à|of)\s+$", re.IGNORECASE)
# compiled once (re.match(pattern, ...) looks each one up in re's cache on every call)
_READ_AFTER = re.compile(r"^\s*(?:min(?:ute)?s?\s+)?read\b")
_GENERATION = re.compile(r"^\s*(?:generation|gen\.?)\s*$", re.IGNORECASE)
_COUNT_OF_PARTS = re.compile(r"^\d+\s?[xX×]$")
_DIGIT_AFTER_SPACE = re.compile(r"^\s\d")
_PART_AFTER = re.compile(r"^\s[A-Z][A-Za-z]*-?[A-Za-z]*\d")  # "2x Cortex-A715", "8x A100"
_TIMES_AFTER = re.compile(r"^\s*times\b")
_RATE_AFTER = re.compile(r"^\s+(?:RPS|QPS|TPS|FPS)\b")
_THE_BEFORE = re.compile(r"(?:^|\s)the\s$", re.IGNORECASE)
# "7.6kW AC", "11.5 kW DC": the kind of current a power figure is given in, no variant's name
_AC_DC_AFTER = re.compile(r"^\s+(?:AC|DC)(?![\w-])")
_POWER_RAW = re.compile(r"(?:[kKM]?W|[kKM]?Wh|A)$")
# "~1 hour per developer per week", "2 days per engineer": an estimate of people's time
_PER_PERSON_AFTER = re.compile(
    r"^\s*(?:per|a|each|for\s+each)\s+(?:developer|engineer|dev|person|team\s+member|employee)s?\b",
    re.IGNORECASE,
)
# what follows an ordinal's number ("Test 1 —", "Test 2:", "as Test 1, plus", "Test 3**"):
# punctuation or the line's end, never a unit
_ORDINAL_AFTER = re.compile(
    r"^(?:\*\*|__)?(?:\s*(?:$|[—–:,;)(\]]|-\s|\.(?!\d))|\s+(?:and|or|&|to|vs\.?)\s)"
)


def _in_iso_stamp(text: str, span: FigureSpan) -> bool:
    """Whether the span sits inside an ISO date or timestamp ("2026-03-29T03:29:47.876Z")."""
    start = span.start
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "*(":
        start -= 1
    end = span.end
    while end < len(text) and not text[end].isspace() and text[end] not in "*),":
        end += 1
    return bool(_ISO_STAMP.match(text, start, end))


def why_not(
    text: str,
    span: FigureSpan,
    lex: Lexicon,
    entity_ends: set[int],
    conditions: list[tuple[int, int]] | None = None,
) -> NotFigure | None:
    """The reason the span is not a figure, or None when it is one.

    `entity_ends` are the offsets where a mention of a name ends (for "Node 20", "Redis 7.0")."""
    window_start = max(0, span.start - _WINDOW)
    before = text[window_start : span.start]  # "$"-anchored rules need only the words before
    after = text[span.end : span.end + _WINDOW]
    if conditions is None:
        conditions = [(m.start(), m.end()) for m in lex.condition.finditer(text)]
    raw = span.text
    bare = bool(_BARE.match(raw))
    token = _last_token(before)
    if token and _URLISH.match(token):
        return NotFigure.CODE
    if "_" in before and _CONFIG_KEY.match(text, 0, span.start):
        return NotFigure.SETTING
    if "-" in before[-8:] and _in_iso_stamp(text, span):
        return NotFigure.DATE
    if "-" in before and _FLAG_BEFORE.search(before):
        return NotFigure.FLAG
    if bare and _FOOTNOTE.search(before) and after[:1] in ("]", ")") and len(raw) <= 2:
        return NotFigure.FOOTNOTE
    if _DATE_BEFORE.search(before) or (
        bare and (_DATE_AFTER.match(after) or _ISO_DATE.match(after) or lex.date_after.match(after))
    ):
        return NotFigure.DATE
    if (_DAY_NUMBER.match(raw) and lex.day_month_after.match(after)) or (
        _MONTH_NUMBER.match(raw) and _MONTH_YEAR.match(after)
    ):
        return NotFigure.DATE
    if (":" in before[-3:] or ":" in after[:3] or "T" in before[-3:]) and (
        _in_timestamp(text, span) or _in_clock_mark(text, span)
    ):
        return NotFigure.DATE
    if _READ_AFTER.match(after) and "min" in raw + after[:6]:
        return NotFigure.READING_TIME
    if _PER_PERSON_AFTER.match(after) and _TIME_UNIT.search(raw):
        return NotFigure.EFFORT
    if lex.spread_after.match(after) and sum(1 for e in entity_ends if e <= span.start) < 2:
        return NotFigure.SPREAD  # with two names before it, a diff between them (ingest.prose)
    if _BARE_YEAR.match(raw):
        if lex.score_before.search(before[-24:]) or lex.score_after.match(after):
            return None  # "a single-core score of 2003", "2059 Punkte": a score, not a year
        return None if is_event_year(text, span, lex) else NotFigure.YEAR
    if _in_tag(before) or (after[:1] in ("'", '"') and _ATTRIBUTE.search(before)):
        return NotFigure.CODE  # width="284" inside <img ...>: markup, not text
    if after.startswith((".x", ".X", "^")) or _in_code(text, span.start):
        return NotFigure.VERSION if after.startswith((".x", ".X")) else NotFigure.CODE
    if _ISO_PART.match(raw) and after[:1] in ("-", "/"):
        return NotFigure.DATE
    if bare and _GENERATION.match(before[-12:]):
        return NotFigure.VERSION
    if _COUNT_OF_PARTS.match(raw) and lex.link_width_before.search(before[-24:]):
        return NotFigure.VARIANT  # "PCI-E 4.0 4x": the link's lanes, no ratio
    if _COUNT_OF_PARTS.match(raw) and (_DIGIT_AFTER_SPACE.match(after) or _PART_AFTER.match(after)):
        return NotFigure.VARIANT  # "1x 16-Pin", "2x Cortex-A715": a count of parts, no ratio
    if _MACHINE_WITH.search(before):
        return NotFigure.CONDITION  # "an 8-vCPU machine with 32 GB of memory": the test bed
    if in_setup_sentence(raw, before, entity_ends, window_start):
        return NotFigure.CONDITION  # "the tests ran on a laptop with 32GB of RAM": the test bed
    owned = owner_with(before, entity_ends, window_start, span.start)
    if _MODEL_NUMBER.match(raw) or (
        _HARDWARE_AFTER.match(after) and not (lex.bit_width_before.search(before[-24:]) or owned)
    ):  # "16GB RAM", "64 bits"; "a bus width of 384 bits", "A ... with 12GB RAM" are figures
        return NotFigure.VARIANT
    if _RESOLUTION.match(raw) and (_RESOLUTION_END.match(after) or _RESOLUTION_WORD.search(before)):
        return NotFigure.VARIANT  # "the mainstream 2K.", "resolution 4K": a display, no 4,000
    if _RESOLUTION.match(raw) and starts_video_mode(raw + after[:24]):
        return NotFigure.CONDITION  # "4K @ 60p", "4K 60fps video": a recording mode, no 4,000
    if _FRAME_RATE.match(raw) and _after_video_resolution(before, raw):
        return NotFigure.CONDITION  # the "60fps" of "4K 60fps video": the mode's rate, no figure
    if bare and len(raw) <= 2 and not after.strip() and _CUT_NAME_BEFORE.search(before):
        return NotFigure.IDENTIFIER  # "..., whereas the RTX 4" where the page was cut: a name
    if in_product_name(raw, before, after) or closes_name(raw, before, after):
        return NotFigure.VARIANT  # "Xiaomi 12S Ultra", "in Dying Light 2 the": a name's number
    if bare and _number_list(text, span):
        return NotFigure.CONDITION
    if scenario_count(raw, before, after):
        return NotFigure.CONDITION  # "if 10,000 of those", "$25/month (1k subs)"
    if bare and (_MULTI_DOT.match(raw) or _is_version(before, raw, entity_ends, window_start)):
        return NotFigure.VERSION
    if (
        not _MONEY.match(raw)
        and not _VERSUS_FIGURE.match(after)
        and (  # a price, a pair
            lex.setting_before.search(before)
            or ("=" in before and (_ASSIGNMENT.search(before) or _KEY_SET.search(before)))
            or _SET_TO.search(before)
        )
    ):
        return NotFigure.SETTING
    if (
        bare
        and raw.isdigit()
        and len(raw) <= 2
        and _ORDINAL_AFTER.match(after)
        and lex.ordinal_before.search(before[-16:])
    ):
        return NotFigure.IDENTIFIER  # "Test 1 — simple model": which test, no figure
    if bare and _IDENTIFIER_NOUN.search(before):
        return NotFigure.IDENTIFIER  # "cores 2 and 3", "lines 10-20": which ones, not how many
    if "(" in before and _CALL.search(before):
        return NotFigure.CODE  # "repeat('x', 22)", "character(84)"
    if _TIMES_AFTER.match(after) and _RUN_TIMES.search(before):
        return NotFigure.CONDITION
    if lex.duration_before.search(before) and (
        _TIME_UNIT.search(raw) or _TIME_UNIT_AFTER.match(after)
    ):
        return NotFigure.CONDITION
    if bare and _COUNT_OF_NAMES.search(before) and raw.isdigit() and int(raw) < 20:
        return NotFigure.CONDITION
    if any(_AND_GAP.match(text, end, span.start) for _, end in conditions if end <= span.start):
        return NotFigure.CONDITION
    if _CAPS_AFTER.match(after) and not (
        _RATE_AFTER.match(after)
        or (_AC_DC_AFTER.match(after) and _POWER_RAW.search(raw))
        or figure_before_caps(raw, after, owned, lex)  # "22.05 CPU s", "16,384 CUDA cores"
        or _WIDTH_SPAN.match(raw)  # "14-bit RAW": a span only when it sizes a bus or a file
        or _SHARE_RAW.search(raw)  # "37% TCO reduction", "5-15% CPU load": a share of what follows
    ):
        return NotFigure.VARIANT
    if _THE_BEFORE.search(before) and lex.threshold_after.match(after):
        return NotFigure.THRESHOLD
    if any(a < span.end and span.start < b for a, b in conditions):
        return NotFigure.CONDITION
    return shape_reason(text, span.start, raw, before, after, entity_ends, window_start)


# "RAM: 12GB versus 6GB", "AnTuTu (1371K vs 1093K)": the first of a pair of compared figures,
# no setting of a test bed
_VERSUS_FIGURE = re.compile(r"^\s*(?:vs\.?|versus)\s*[~≈$]?\d", re.IGNORECASE)
# "the RTX 4" ending a text with no full stop: a name the page's end cut off
_CUT_NAME_BEFORE = re.compile(r"(?<![\w])[a-z]+\s+[A-Z][\w-]*\s$")


def _last_token(before: str) -> str | None:
    """What `\\S+$` finds: the word the window ends on (a split from the right instead of a
    regex tried at each of the window's positions)."""
    if not before or before[-1].isspace():
        if before.endswith("\n"):  # `$` also matches before a final line break
            found = _TOKEN_BEFORE.search(before)
            return found.group() if found else None
        return None
    return before.rsplit(None, 1)[-1]


def _in_tag(before: str) -> bool:
    """Inside an HTML tag left in a markdown page: a '<' opened and not closed yet."""
    opened = before.rfind("<")
    return opened >= 0 and before.rfind(">") < opened and bool(_TAG_OPEN.match(before, opened))


def _in_code(text: str, pos: int) -> bool:
    """Inside `inline code` (an odd number of backticks before it on the line)."""
    return text.count("`", 0, pos) % 2 == 1


def _number_list(text: str, span: FigureSpan) -> bool:
    """'(1, 5, 10 et 20)': a list of levels in parentheses, conditions of the runs."""
    open_at = text.rfind("(", 0, span.start)
    close_at = text.find(")", span.end)
    if open_at < 0 or close_at < 0 or text.rfind(")", 0, span.start) > open_at:
        return False
    inner = text[open_at + 1 : close_at]
    return bool(_LEVELS.match(inner))


def _is_version(before: str, raw: str, entity_ends: set[int], offset: int) -> bool:
    """'Node 20', 'Redis 7.0', 'PCIe 5.0', 'reaching 2.0': a release number, not a figure."""
    raw = raw.lstrip("~≈").rstrip("+")
    stripped = before.rstrip()
    gap = before[len(stripped) :]
    stripped_end = offset + len(stripped)
    small = "." in raw or (raw.isdigit() and int(raw) < 100)
    if stripped and stripped_end in entity_ends and gap in (" ", "\u00a0", " v", "") and small:
        return True
    if (
        "." in raw
        and len(raw) <= 6
        and (_VERSION_WORD.search(before) or _CAPITALISED_WORD.search(before))
    ):
        return True
    return bool(
        raw.isdigit() and int(raw) < 100 and re.search(r"\b(?:version|v)\s*$", before, re.I)
    )


def is_event_year(text: str, span: FigureSpan, lex: Lexicon) -> bool:
    """'released in 2009', 'Launched in 2016,', 'created ... in 2018': the year of an event."""
    window = text[max(0, span.start - 70) : span.start]
    if not _IN_BEFORE.search(window):
        return False
    return bool(lex.release_verb.search(window))


def conditions_in(text: str, lex: Lexicon) -> list[str]:
    """Load and set-up phrases of a sentence as written ("100 concurrent connections")."""
    found = [m.group().strip() for m in lex.condition.finditer(text)]
    return list(dict.fromkeys(found))


# a video's chapter or a transcript's time mark in brackets ("[08:55]", "(1:02:33)")
_CLOCK_MARK = re.compile(r"[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])]")


def _in_clock_mark(text: str, span: FigureSpan) -> bool:
    """Whether the figure lies inside a bracketed time mark ("[08:55]"): when, not how much."""
    lo = max(0, span.start - 9)
    return any(
        m.start() < span.start and span.end < m.end()
        for m in _CLOCK_MARK.finditer(text, lo, span.end + 9)
    )


def _in_timestamp(text: str, span: FigureSpan) -> bool:
    """Whether the figure lies inside an ISO 8601 date and time ("1970-01-01T00:00:00Z")."""
    lo = max(0, span.start - 25)
    return any(
        m.start() <= span.start and span.end <= m.end()
        for m in _ISO_DATETIME.finditer(text, lo, span.end + 25)
    )


# a width the span scanner kept ('14-bit' of "14-bit RAW", ingest/number_words.width_end)
_WIDTH_SPAN = re.compile(r"^\d+-[Bb]its?$")
# a share ("37%", "100 percent"): the word in capitals after it names what it is a share of
# ("TCO", "CPU", "FIPS"), never a product variant; no key lists such a share as a not-figure
_SHARE_RAW = re.compile(r"(?:%|\bpercent|\bper\s+cent)$")
# a frame rate that may close a video mode ("60fps", "120p"), and the word before it
_FRAME_RATE = re.compile(r"^\d{2,3}(?:\.\d{1,3})?\s?(?:fps|FPS|p)$")
_LAST_WORD = re.compile(r"(\S+(?:\s+(?:@|at)\s+|\s*/\s*|\s+))$")


def _after_video_resolution(before: str, raw: str) -> bool:
    """Whether a frame rate closes a video mode begun by the word before it ("4K 60fps", "4K @
    60fps", "1080p/120fps"): the mode is a recording setting, its rate no figure (realmiss26)."""
    last = _LAST_WORD.search(before[-24:])
    return last is not None and is_video_mode(last.group(1) + raw)
