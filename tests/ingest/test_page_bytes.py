"""A page's UTF-8 bytes, handed over by the decoder: the bytes the parse reads are always the
page text's UTF-8, whether the decoder's body or the str encoded again."""

from __future__ import annotations

import codecs

from crosscheck.ingest.decode import decode_page
from crosscheck.ingest.page_bytes import page_utf8, remember_utf8, strict_utf8
from hypothesis import given
from hypothesis import strategies as st

PAGE = "<html><body><p>Größe 5 MB — 😀 Alpha 2,000 req/s</p></body></html>"


def test_a_body_decoded_as_strict_utf8_is_the_pages_utf8() -> None:
    body = PAGE.encode("utf-8")
    for declared in ("text/html; charset=utf-8", None):
        text = decode_page(body, declared).text
        assert text == PAGE and page_utf8(text) is body and strict_utf8(text) is body


def test_a_body_read_otherwise_is_the_texts_utf8_encoded_again() -> None:
    latin = "<p>Größe 5 MB</p>".encode("cp1252")
    bom = codecs.BOM_UTF8 + PAGE.encode("utf-8")
    declared = b'<?xml version="1.0" encoding="utf-8"?>' + PAGE.encode("utf-8")
    for body in (latin, bom, declared, PAGE.encode("utf-8") + b"\xff"):
        text = decode_page(body, None).text
        assert page_utf8(text) == text.encode("utf-8", "surrogatepass") and text.strip()
        assert page_utf8(text) is not body


def test_the_remembered_bytes_serve_only_their_own_str() -> None:
    text = PAGE.encode("utf-8").decode("utf-8")
    remember_utf8(text, PAGE.encode("utf-8"))
    other = "".join(reversed(text))
    assert page_utf8(other) == other.encode("utf-8")
    assert page_utf8(text) == text.encode("utf-8")


_PIECES = [b"<p>", b"a", b"\xc3\xa9", b"\xe9", b"\xff\xfe", b"\xef\xbb\xbf", b"\x00", b"\n"]
_MARKS = [b'<meta charset="utf-8">', b'<?xml version="1.0"?>', b"\xf0\x9f\x98\x80"]


@given(st.lists(st.sampled_from(_PIECES + _MARKS), max_size=30).map(b"".join))
def test_any_body_gives_its_texts_utf8(body: bytes) -> None:
    text = decode_page(body, None).text
    assert page_utf8(text) == text.encode("utf-8", "surrogatepass")
