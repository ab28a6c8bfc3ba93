"""Bytes to text for fetched and read pages, and the page type a parser should use.

Comparison pages arrive with wrong or missing charsets; a wrong guess turns every em dash into
mojibake before any check runs, so decoding follows a fixed, documented order and never raises.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from crosscheck.ingest.page_bytes import remember_utf8

HTML = "text/html"
PLAIN = "text/plain"
MARKDOWN = "text/markdown"

# Media types the parsers understand, mapped to the page type they get.
_SUPPORTED_MEDIA: dict[str, str] = {
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "text/plain": PLAIN,
    "text/markdown": MARKDOWN,
    "text/x-markdown": MARKDOWN,
}
_EXTENSIONS: dict[str, str] = {
    ".html": HTML,
    ".htm": HTML,
    ".txt": PLAIN,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
}
PAGE_EXTENSIONS: tuple[str, ...] = (".html", ".htm", ".txt", ".md")

_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""", re.I)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A leading XML declaration: once the text is decoded its encoding label is wrong by definition,
# and lxml refuses a str that carries one (XHTML pages yielded nothing).
_XML_DECL_TEXT = re.compile(r"^\ufeff?\s*<\?xml\b[^>]*\?>", re.I)
_STRAY_MARK = re.compile(rb"\xff\xfe|\xfe\xff")  # UTF-16 byte-order marks: never in UTF-8
# How much of a body the charset cross-check reads (mess_ratio walks characters in Python).
_CROSSCHECK_CHARS = 32_768
_MESSY = 0.2  # charset-normalizer's own default threshold for "this is mojibake"
# Labels browsers read as windows-1252 (WHATWG Encoding): servers say latin-1 and mean cp1252.
_AS_CP1252 = {"ascii", "iso8859-1", "cp1252"}
_DISPLAY = {"cp1252": "windows-1252", "cp1250": "windows-1250", "cp1251": "windows-1251"}


def media_type(header: str | None) -> str:
    """The bare, lower-case media type of a Content-Type header ("" when absent)."""
    return (header or "").split(";", 1)[0].strip().lower()


def is_supported_media_type(header: str | None) -> bool:
    """Whether a Content-Type is one the parsers handle; a missing header is sniffed instead."""
    mt = media_type(header)
    return not mt or mt in _SUPPORTED_MEDIA


def sniff_content_type(path_or_url: str, header: str | None) -> str:
    """The page type ("text/html", "text/plain" or "text/markdown") by header, else extension.

    A text/plain header on a ``.md`` file means markdown (raw file hosts serve it that way).
    """
    path = urlsplit(path_or_url).path if "://" in path_or_url else path_or_url
    by_ext = _EXTENSIONS.get(PurePosixPath(path.replace("\\", "/")).suffix.lower())
    by_header = _SUPPORTED_MEDIA.get(media_type(header))
    if by_header == PLAIN and by_ext == MARKDOWN:
        return MARKDOWN
    if by_header:
        return by_header
    if by_ext:
        return by_ext
    return HTML if path_or_url.lower().startswith(("http://", "https://")) else PLAIN


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, unquoted, or None."""
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _codec(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when the label is unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return "cp1252" if name in _AS_CP1252 else name


def _declared_in_document(body: bytes) -> str | None:
    """The charset a document declares in its first few KB (<meta> or an XML declaration)."""
    head = body[:_PRESCAN_BYTES]
    match = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    codec = _codec(match.group(1).decode("ascii", "replace"))
    # A document that could be scanned as ASCII is not UTF-16/32, whatever it says (WHATWG).
    if codec and codec.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return codec


def _try(body: bytes, codec: str) -> str | None:
    try:
        text = body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    if codec == "utf-8":  # the page's bytes are its text's UTF-8: the parse need not encode it
        remember_utf8(text, body)
    return text


def _detect(body: bytes) -> str | None:
    """Guess a codec: UTF-8 if it decodes, else charset-normalizer preferring windows-1252.

    charset-normalizer often ties cp1250/cp1125 with cp1252 on English pages; among equally
    good guesses the web's default for unlabelled Western pages (windows-1252) wins.
    """
    if _try(body, "utf-8") is not None:
        return "utf-8"
    import charset_normalizer  # imported for the few bodies that need it

    try:
        matches = list(charset_normalizer.from_bytes(body))
    except (LookupError, ValueError, UnicodeError):
        return None
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    ties = [m for m in matches if m.chaos <= best + 0.01]
    cp1252_ties = any("cp1252" in (m.encoding, *m.could_be_from_charset) for m in ties)
    if cp1252_ties and _try(body, "cp1252") is not None:
        return "cp1252"
    return _codec(matches[0].encoding)


def _is_multibyte_utf8(body: bytes) -> bool:
    return any(b > 0x7F for b in body) and _try(body, "utf-8") is not None


def _utf16_without_bom(body: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when a BOM-less body has the zero bytes of ASCII in UTF-16."""
    head = body[:4096]
    if len(head) < 8 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    half = len(head) // 2
    zero_even, zero_odd = even.count(0), odd.count(0)
    if zero_odd > 0.3 * half and zero_even < 0.05 * half:
        return "utf-16-le"
    if zero_even > 0.3 * half and zero_odd < 0.05 * half:
        return "utf-16-be"
    return None


def _mostly_utf8(body: bytes) -> int | None:
    """How many bytes are invalid when a body is UTF-8 but for a few stray bytes (else None)."""
    if _try(body, "utf-8") is not None:
        return None  # valid UTF-8: detection takes it as is
    text = body.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    bad = replaced - body.decode("utf-8", errors="ignore").count("\ufffd")
    # Bytes beyond one per character, minus those of the U+FFFDs: valid multi-byte sequences.
    # A legacy page (cp1252 em dashes) has none: it is not "mostly UTF-8".
    multibyte = len(text.encode("utf-8")) - len(text) - 2 * replaced
    return bad if bad and multibyte > 0 and bad <= max(2, multibyte // 20) else None


@dataclass(frozen=True)
class Decoded:
    """A decoded page: its text, the encoding used, and a note when the bytes disagreed with
    what the server or the document declared (empty when they agreed)."""

    text: str
    encoding: str
    note: str = ""


def _clean(text: str) -> str:
    return (
        _XML_DECL_TEXT.sub("", text, count=1)
        if text.lstrip("\ufeff \t\r\n")[:5] == "<?xml"
        else text
    )


def _doubt(codec: str, text: str) -> str:
    """A note when a declared legacy charset decodes the bytes into mojibake."""
    if codec.startswith("utf") or (codec == "cp1252" and text.isascii()):
        return ""
    from charset_normalizer.md import mess_ratio  # imported for the few bodies that need it

    sample = text[:_CROSSCHECK_CHARS]
    if sample.isascii() or mess_ratio(sample, 1.0) < _MESSY:
        return ""
    return (
        f"encoding: declared charset {_DISPLAY.get(codec, codec)} reads as mojibake; "
        "the figures may be garbled"
    )


def _without_stray_marks(body: bytes) -> tuple[bytes, int] | None:
    """The body without the UTF-16 byte-order marks (FF FE, FE FF) left inside it, and how
    many, when that makes it valid UTF-8 (ASCII included); None when there are none or the
    body is UTF-16 (its ASCII has zero bytes) or still not UTF-8 without them.

    Why: pages pasted together keep a second file's BOM; read as windows-1252 it becomes
    'ÿþ' inside a number ('20ÿþ,000'), and detection may take the whole page for UTF-16."""
    if b"\xff" not in body and b"\xfe" not in body:
        return None
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and b"\x00" in body:
        return None
    cleaned, removed = _STRAY_MARK.subn(b"", body)
    if not removed or _try(cleaned, "utf-8") is None:
        return None
    return cleaned, removed


def decode_page(body: bytes, content_type: str | None) -> Decoded:
    """Decode a page body and cross-check the declared charset against the bytes; never raises.

    Order: byte-order mark, HTTP charset, <meta>/XML declaration, BOM-less UTF-16, detection,
    then UTF-8 with replacement. A declared charset that cannot decode the bytes is passed over;
    a legacy label on a body that is valid multi-byte UTF-8 is overruled; either way the note
    says so. A leading XML declaration is dropped from the text (it named the bytes' encoding).
    UTF-16 byte-order marks inside an otherwise UTF-8 (or ASCII) body are removed first, and
    the note says how many.
    """
    stray = _without_stray_marks(body)
    if stray is None:
        return _decode(body, content_type)
    cleaned, removed = stray
    decoded = _decode(cleaned, content_type)
    note = f"encoding: {removed} UTF-16 byte-order mark(s) (FF FE / FE FF) in a UTF-8 page removed"
    return replace(decoded, note="; ".join(n for n in (decoded.note, note) if n))


def _decode(body: bytes, content_type: str | None) -> Decoded:
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            text = body.decode(bom_codec, errors="replace")
            return Decoded(_clean(text), "utf-8" if bom_codec == "utf-8-sig" else bom_codec)
    header = header_charset(content_type)
    labels = [header, None]
    candidates = [_codec(header), _declared_in_document(body)]
    doubts: list[str] = []
    for label, codec in zip(labels, candidates, strict=True):
        if codec is None:
            continue
        shown = label or _DISPLAY.get(codec, codec)
        if not codec.startswith("utf") and _is_multibyte_utf8(body):
            note = (
                ""
                if codec == "cp1252"
                else (
                    f"encoding: declared charset {shown} but the bytes are UTF-8; decoded as UTF-8"
                )
            )
            return Decoded(_clean(body.decode("utf-8")), "utf-8", note)
        attempt = _try(body, codec)
        if attempt is not None:
            return Decoded(_clean(attempt), _DISPLAY.get(codec, codec), _doubt(codec, attempt))
        doubts.append(f"declared charset {shown} does not fit the bytes")
    utf16 = _utf16_without_bom(body)
    if utf16:
        note = "; ".join([*doubts, "UTF-16 without a byte-order mark"])
        return Decoded(_clean(body.decode(utf16, errors="replace")), utf16, "encoding: " + note)
    stray = _mostly_utf8(body)
    if stray is not None:
        note = "; ".join([*doubts, f"{stray} invalid UTF-8 byte(s) replaced with U+FFFD"])
        return Decoded(_clean(body.decode("utf-8", errors="replace")), "utf-8", "encoding: " + note)
    detected = _detect(body)
    if detected:
        guess = _try(body, detected)
        if guess is not None:
            name = _DISPLAY.get(detected, detected)
            note = f"encoding: {'; '.join(doubts)}; decoded as {name}" if doubts else ""
            return Decoded(_clean(guess), name, note)
    note = "; ".join([*doubts, "no charset fits the bytes; decoded as UTF-8 with replacements"])
    return Decoded(_clean(body.decode("utf-8", errors="replace")), "utf-8", "encoding: " + note)


def decode_body(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode a page body; returns (text, encoding name) and never raises (see decode_page)."""
    decoded = decode_page(body, content_type)
    return decoded.text, decoded.encoding
