"""Text repair before parsing: mojibake, odd spaces, invisible characters, dashes, HTML entities.

ftfy fixes real mojibake ("â€”"), but not the lossy fault of some pages where a UTF-8 text was
read in a Greek code page and the trailing bytes dropped: every em dash became "β" (lead byte
0xE2) and every emoji "π" (0xF0). That needs context rules of our own; see docs/normalization.md.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "RepairResult",
    "count_mojibake",
    "digits_matter",
    "may_hold_mojibake",
    "mojibake_positions",
    "repair_text",
]


@dataclass(frozen=True)
class RepairResult:
    """The repaired text, how many characters were repaired, and which kinds of repair were made."""

    text: str
    repairs: int
    kinds: tuple[str, ...]
    mojibake: int = 0  # of `repairs`, the characters that were encoding faults (not typography)


# --- what triggers work at all (clean text returns after one C-speed check) -------------------
_ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_ZERO_WIDTH = "\u00ad\u180e\u200b-\u200d\u2060\ufeff"
# UTF-8 continuation bytes 0x80-0xBF as they look when read as cp1252 (or latin-1 where undefined)
_CP1252_TAIL = {bytes([b]).decode("cp1252", errors="replace") for b in range(0x80, 0xC0)}
_CONTINUATION = "".join([*sorted(_CP1252_TAIL - {"\ufffd"}), "\u0081\u008d\u008f\u0090\u009d"])
_MOJIBAKE = re.compile("[\u00c2-\u00f4][" + re.escape(_CONTINUATION) + "]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# UTF-8 punctuation read in the Thai code page (cp874/Windows-874): "—" became "โ€”"; a
# two-byte sign ("·" C2 B7, "é" C3 A9) became a Thai pair ("ยท") that stands alone between Latin
# text (a Thai word has Thai letters around it).
_LATIN = "\u0021-\u024f"
_CP874 = re.compile(
    "\u0e42\u20ac[\u0080-\uffff]"
    f"|(?:(?<=[{_LATIN}] )|(?<=[{_LATIN}]))[\u0e22\u0e23][\u0e01-\u0e3f](?= ?[{_LATIN}])"
)
# What is left when the conversion also dropped the continuation bytes ("algorithms โ Bcrypt",
# "โ† Back"): a UTF-8 lead byte E0-E4 read as Windows-874 is a Thai vowel written before its
# consonant (เ แ โ ใ ไ), and Thai never writes one without a consonant after it.
_CP874_REMNANT = re.compile("[\u0e40-\u0e44](?![\u0e01-\u0e2e])")
# Characters lost in a charset conversion and replaced by "?": an ASCII "?" next to a CJK
# ideograph (Chinese text writes the full-width "？"), or glued to a word before a lower-case
# word ("BookKeeper? based": a lost ®), or U+FFFD. A question before a name written with
# capitals inside ("Queued workloads? vLLM wins", "? iPhone") is a question, not a loss.
_LOST = re.compile(
    "(?<=[\u4e00-\u9fff])\\?|\\?(?=[\u4e00-\u9fff])|(?<=[A-Za-z])\\?(?=[ \t]+[a-z]+(?![A-Za-z]))"
    "|\ufffd"
)
# UTF-8 read in the Greek code page (cp1253) with its continuation bytes kept: a two-byte sign
# (C2/C3 + one) reads as "Β"/"Γ" and one cp1253 sign ("×" C3 97 is "Γ—", "·" C2 B7 "Β·"), a
# three-byte one as "β" and two ("→" E2 86 92 is "β†’"). Undone by a round trip (ftfy does not).
# Signs only: a tail byte that reads as a letter (Ά, Έ, µ) may be real Greek after a capital.
_CP1253_TAIL = "".join(
    sorted(
        ch
        for ch in {bytes([b]).decode("cp1253", errors="replace") for b in range(0x80, 0xC0)}
        if ch != "\ufffd" and not ch.isalpha()
    )
)
_CP1253 = re.compile(f"[ΒΓ][{re.escape(_CP1253_TAIL)}]|β[{re.escape(_CP1253_TAIL)}]{{2}}")
# A text holding a real Greek word (three lower-case Greek letters in a row: "λόγος") is
# never taken for cp1253-read UTF-8.
_GREEK_WORD = re.compile("[\u03ac-\u03ce]{3}")
# What is left of "×" (C3 97) when the conversion also dropped its continuation byte: a capital
# gamma glued after a number and before no Greek letter ("3-5Γ higher throughput").
_GAMMA_TIMES = re.compile("(?<=[0-9])Γ(?![\u0370-\u03ff])")
# Every dash rule below needs a digit right after the dash, so prose dashes do not trigger work.
_NEEDS_WORK = re.compile(
    f"[{_ODD_SPACES}{_ZERO_WIDTH}\u2010-\u2012\u2212βπ]|[\u2013-\u2015]\\s?[~≈]?[0-9]"
    f"|{_ENTITY.pattern}|{_MOJIBAKE.pattern}|{_CP874.pattern}|{_CP874_REMNANT.pattern}"
    f"|{_LOST.pattern}|{_CP1253.pattern}|{_GAMMA_TIMES.pattern}"
)

# --- the Greek-code-page fault: context rules -------------------------------------------------
# Any Greek letter but β, π and μ (µs) means the text really is Greek-lettered: leave β/π alone.
_REAL_GREEK = re.compile(r"[\u0370-\u03b1\u03b3-\u03bb\u03bd-\u03bf\u03c1-\u03ff\u1f00-\u1fff]")
# A contraction: "donβt", "Flaskβs" (the lead byte 0xE2 of a right single quote).
_BETA_APOSTROPHE = re.compile(r"(?<=[A-Za-z])β(?=(?:s|t|d|m|ll|re|ve)\b)")
# Glued between letters, or after a word and before a space/cell edge: "validationβit".
_BETA_IN_WORDS = re.compile(r"(?<=[A-Za-z)])β(?=[A-Za-z]|\s|\||$)")
# Between digits: an en dash of a range, "5β10".
_BETA_IN_DIGITS = re.compile(r"(?<=[0-9])β(?=[0-9])")
# Free-standing: a whole cell, a table cell "| β |", or the empty-cell marker of a flattened row
# followed by the next label ("~500 ms β Requests ..."). A lowercase word, digit or operator after
# it ("β coefficient", "π ≈ 3.14") means a real letter and is left alone.
_BETA_ALONE = re.compile(r"(?:^|(?<=[\s|]))β(?=\s*$|\s*\||\s+[A-Z~<>(])")
# The lead byte of a 4-byte emoji (the trophy of the "winner" column), glued to a card value.
_PI_TROPHY = re.compile(r"(?<=[A-Za-z).%+])π(?=\s|\||$)")

# --- spaces, invisibles, dashes ----------------------------------------------------------------
_NBSP = re.compile("\u00a0")
_ODD_SPACE_RE = re.compile(f"[{_ODD_SPACES[1:]}]")
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTH}]")
_ALWAYS_HYPHEN = re.compile("[\u2010-\u2012\u2212]")  # hyphens, figure dash, minus sign
# en dash in a range, spaces allowed: "5–10", "8,000 – 12,000", "~8,000–~12,000"
_EN_DASH_RANGE = re.compile(r"(?<=[0-9])(\s?)\u2013(?=\s?[~≈]?[0-9])")
# em dash / bar only when tight between digits: "2018—2020" (spaced, it is punctuation)
_EM_DASH_RANGE = re.compile(r"(?<=[0-9])[\u2014\u2015](?=[0-9])")
# a sign before a figure: "–67%", "(—5)"
_DASH_SIGN = re.compile(r"(?:^|(?<=[\s(]))[\u2013\u2014\u2015](?=[0-9])")


@functools.cache
def _ftfy_fix() -> Callable[[str], str]:
    """ftfy's fix_text with our settings; ftfy is imported on first use (~0.04 CPU-s): only
    texts with real mojibake need it."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,  # done by us, counted per entity
        uncurl_quotes=False,  # curly quotes are real text, not damage
        fix_line_breaks=False,
        fix_character_width=False,
        normalization=None,
        explain=False,
    )
    return lambda text: ftfy.fix_text(text, config)


_MOJIBAKE_SIGN = re.compile(
    f"[βπ]|{_MOJIBAKE.pattern}|{_CP874.pattern}|{_CP874_REMNANT.pattern}|{_LOST.pattern}"
    f"|{_CP1253.pattern}|{_GAMMA_TIMES.pattern}"
)
# Every sign above starts with one of these (or "&", which may spell one as an entity).
_LEAD_OR_AMPERSAND = re.compile("[&βπΒΓ\u00c2-\u00f4\u0e40-\u0e44\u0e22\u0e23?\ufffd]")


def _utf8_either(chars: str) -> bytes:
    """A bytes pattern for any one of `chars` as UTF-8."""
    return b"(?:" + b"|".join(re.escape(ch.encode("utf-8")) for ch in sorted(set(chars))) + b")"


# _MOJIBAKE_SIGN on the page's UTF-8 bytes: each part opens with a byte literal, so the engine
# jumps between candidates at memchr speed (the str alternation, lookbehinds first, is tried at
# every character: 5.8 ms per 160 KB page, against ~0.4 ms for the encoding and these scans).
# A CJK ideograph U+4E00-U+9FFF is E4 B8-BF xx or E5-E9 xx xx; any U+0080-U+FFFF starts C2-EF.
_SIGN_BYTES = (
    # β, or the cp1253 fault's capital beta / gamma (CE 92 / CE 93) before a cp1253 sign or,
    # for the gamma, after a digit
    re.compile(
        re.escape("β".encode()) + b"|(?<=[0-9])\xce\x93|\xce[\x92\x93]" + _utf8_either(_CP1253_TAIL)
    ),
    *(re.compile(re.escape(ch.encode("utf-8"))) for ch in "π\ufffd"),  # one literal each
    re.compile(_utf8_either("".join(map(chr, range(0xC2, 0xF5)))) + _utf8_either(_CONTINUATION)),
    re.compile(
        re.escape("\u0e42\u20ac".encode("utf-8")) + b"[\xc2-\xef]"
        b"|\xe0\xb8[\xa2\xa3]\xe0\xb8[\x81-\xbf]"  # a Thai pair (its Latin context: the str rule)
        b"|\xe0\xb9[\x80-\x84](?!\xe0\xb8[\x81-\xae])"  # a Thai vowel with no consonant after it
    ),
    re.compile(
        rb"\?(?:(?<=\xe4[\xb8-\xbf][\x80-\xbf]\?)|(?<=[\xe5-\xe9][\x80-\xbf][\x80-\xbf]\?)"
        rb"|(?=\xe4[\xb8-\xbf]|[\xe5-\xe9])|(?<=[A-Za-z]\?)(?=[ \t]+[a-z]+(?![A-Za-z])))"
    ),
)
# The byte every match of each part opens with (β, Β, Γ CE, π CF, U+FFFD EF, U+00C2-U+00F4 C3,
# โ E0, "?"): a page without it cannot match that part. Finding one byte (memchr) is ~10x
# faster than the engine's own scan of the page for the part; from there the part is searched.
_LEADS_TRIED = 16
_SIGN_LEADS = tuple(
    zip((b"\xce", b"\xcf", b"\xef", b"\xc3", b"\xe0", b"?"), _SIGN_BYTES, strict=True)
)


def may_hold_mojibake(text: str, encoded: bytes | None = None) -> bool:
    """Cheap test (a few C-level scans of the UTF-8 bytes): can `text` hold a fault
    repair_text would count as mojibake (a match of _MOJIBAKE_SIGN)? Counting faults on a
    whole page needs the full repair only when it can. `encoded`: `text` as UTF-8
    ("surrogatepass"), when the caller has it."""
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    for lead, part in _SIGN_LEADS:
        at = encoded.find(lead)
        # the first few leads are tried where they stand (a page's few "?" are far apart: a
        # search runs the engine's own scan between them); after that, one search from there.
        # Lookbehinds see the bytes before `at` (matching from a position is no slice).
        for _ in range(_LEADS_TRIED):
            if at < 0:
                break
            if part.match(encoded, at) is not None:
                return True
            at = encoded.find(lead, at + 1)
        if at >= 0 and part.search(encoded, at) is not None:
            return True
    return False


def mojibake_positions(joined: str) -> list[int]:
    """Where in `joined` (many texts joined with NUL) a text holds "&" or a mojibake sign,
    i.e. where :func:`may_hold_mojibake` or an entity would send a text to the full repair."""
    return [
        hit.start()
        for hit in _LEAD_OR_AMPERSAND.finditer(joined)
        if hit.group() == "&" or _MOJIBAKE_SIGN.match(joined, hit.start())
    ]


def repair_text(text: str) -> RepairResult:
    """Repair one scraped text; already-clean text is returned as is after a precompiled check."""
    if (text.isascii() and "&" not in text and "?" not in text) or not _NEEDS_WORK.search(text):
        return RepairResult(text, 0, ())
    counts: dict[str, int] = {}
    text = _repair_faults(text, counts)
    text = _sub_count(_NBSP, " ", text, counts, "nbsp")
    text = _sub_count(_ODD_SPACE_RE, " ", text, counts, "odd_space")
    text = _sub_count(_ZERO_WIDTH_RE, "", text, counts, "zero_width")
    text = _sub_count(_ALWAYS_HYPHEN, "-", text, counts, "dash")
    text = _sub_count(_EN_DASH_RANGE, r"\1-", text, counts, "dash")
    text = _sub_count(_EM_DASH_RANGE, "-", text, counts, "dash")
    text = _sub_count(_DASH_SIGN, "-", text, counts, "dash")
    kinds = tuple(kind for kind, n in counts.items() if n)
    return RepairResult(text, sum(counts.values()), kinds, _mojibake_of(counts))


def count_mojibake(text: str) -> int:
    """:func:`repair_text`'s mojibake count without the typography repairs (which come after
    the encoding faults and never change their count): evidence needs only the count."""
    if (text.isascii() and "&" not in text and "?" not in text) or not _NEEDS_WORK.search(text):
        return 0
    counts: dict[str, int] = {}
    _repair_faults(text, counts)
    return _mojibake_of(counts)


def digits_matter(text: str) -> bool:
    """Whether which digits `text` holds can change its repair: a numeric entity ("&#946;")
    or real mojibake (ftfy) can; every other rule sees a digit only as `[0-9]`, so texts that
    differ only in their digits are repaired alike."""
    return "&" in text or _MOJIBAKE.search(text) is not None


def _mojibake_of(counts: dict[str, int]) -> int:
    return sum(n for kind, n in counts.items() if kind.startswith("mojibake"))


def _repair_faults(text: str, counts: dict[str, int]) -> str:
    """HTML entities, then real mojibake (ftfy), then the Greek-code-page fault's rules."""
    text = _sub_count(_ENTITY, _unescape, text, counts, "html_entity")
    if _MOJIBAKE.search(text):
        text = _fix_mojibake(text, counts)
    if "\u0e42\u20ac" in text or "\u0e22" in text or "\u0e23" in text:
        text = _sub_count(_CP874, _from_cp874, text, counts, "mojibake_cp874")
    if _CP874_REMNANT.search(text):  # counted, not guessed: the dropped bytes are gone
        _sub_count(_CP874_REMNANT, "", text, counts, "mojibake_cp874_unrepaired")
    if "?" in text or "\ufffd" in text:
        _sub_count(_LOST, "", text, counts, "mojibake_lost_characters")  # counted, not guessed
    greek = None
    if "Β" in text or "Γ" in text or "β" in text:
        if not _GREEK_WORD.search(text):
            text = _sub_count(_CP1253, _from_cp1253, text, counts, "mojibake_cp1253")
        # a gamma left of "×" is no sign of Greek text; any other Greek letter is
        greek = _REAL_GREEK.search(_GAMMA_TIMES.sub("", text))
        if greek is None:
            text = _sub_count(_GAMMA_TIMES, "\u00d7", text, counts, "mojibake_times")
    if ("β" in text or "π" in text) and not (greek or _REAL_GREEK.search(text)):
        text = _sub_count(_BETA_APOSTROPHE, "\u2019", text, counts, "mojibake_apostrophe")
        text = _sub_count(_BETA_IN_DIGITS, "-", text, counts, "mojibake_en_dash")
        text = _sub_count(_BETA_IN_WORDS, "\u2014", text, counts, "mojibake_em_dash")
        text = _sub_count(_BETA_ALONE, "\u2014", text, counts, "mojibake_em_dash")
        text = _sub_count(_PI_TROPHY, "\U0001f3c6", text, counts, "mojibake_trophy")
    return text


def _sub_count(
    pattern: re.Pattern[str],
    replacement: str | Callable[[re.Match[str]], str],
    text: str,
    counts: dict[str, int],
    kind: str,
) -> str:
    """Substitute and add the number of replacements to `counts[kind]`."""
    new_text, n = pattern.subn(replacement, text)
    if n:
        counts[kind] = counts.get(kind, 0) + n
    return new_text


def _from_cp874(match: re.Match[str]) -> str:
    try:
        return match.group().encode("cp874").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return match.group()


def _from_cp1253(match: re.Match[str]) -> str:
    try:
        return match.group().encode("cp1253").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return match.group()


def _unescape(match: re.Match[str]) -> str:
    return html.unescape(match.group())


def _fix_mojibake(text: str, counts: dict[str, int]) -> str:
    """Let ftfy undo real mojibake; count each repaired output character once (rare path)."""
    fixed = _ftfy_fix()(text)
    if fixed != text:
        counts["mojibake"] = counts.get("mojibake", 0) + _repaired_chars(text, fixed)
    return fixed


def _repaired_chars(text: str, fixed: str) -> int:
    """How many characters ftfy repaired, in time linear in the text (a character diff of a
    whole page was quadratic: minutes on a 100 KB table). Each mojibake sequence ("â€", "Ã©")
    that ftfy removed is one repaired character; a changed line counts at least one."""
    before, after = text.split("\n"), fixed.split("\n")
    if len(before) != len(after):
        return max(len(_MOJIBAKE.findall(text)) - len(_MOJIBAKE.findall(fixed)), 1)
    changed = 0
    for old, new in zip(before, after, strict=True):
        if old != new:
            changed += max(len(_MOJIBAKE.findall(old)) - len(_MOJIBAKE.findall(new)), 1)
    return changed
