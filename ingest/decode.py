"""Bytes to text for fetched and read pages, and the page type a parser should use.

Comparison pages arrive with wrong or missing charsets; a wrong guess turns every em dash into
mojibake before any check runs, so decoding follows a fixed, documented order and never raises.
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import charset_normalizer

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
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(body: bytes) -> str | None:
    """Guess a codec: UTF-8 if it decodes, else charset-normalizer preferring windows-1252.

    charset-normalizer often ties cp1250/cp1125 with cp1252 on English pages; among equally
    good guesses the web's default for unlabelled Western pages (windows-1252) wins.
    """
    if _try(body, "utf-8") is not None:
        return "utf-8"
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


def decode_body(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode a page body; returns (text, encoding name) and never raises.

    Order: byte-order mark, HTTP charset, <meta>/XML declaration, detection, then UTF-8 with
    replacement. A declared charset that cannot decode the bytes is passed over; a legacy
    single-byte label on a body that is valid multi-byte UTF-8 is overruled (a server default).
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            text = body.decode(codec, errors="replace")
            return text, "utf-8" if codec == "utf-8-sig" else codec
    candidates = [_codec(header_charset(content_type)), _declared_in_document(body)]
    for codec in candidates:
        if codec is None:
            continue
        if codec == "cp1252" and _is_multibyte_utf8(body):
            return body.decode("utf-8"), "utf-8"
        text = _try(body, codec)
        if text is not None:
            return text, _DISPLAY.get(codec, codec)
    detected = _detect(body)
    if detected:
        text = _try(body, detected)
        if text is not None:
            return text, _DISPLAY.get(detected, detected)
    return body.decode("utf-8", errors="replace"), "utf-8"
