"""The head's script and style bodies left out of a page's UTF-8 before libxml2 parses it.

Why: three quarters of a template page's bytes are its head's scripts and styles, which
libxml2 copies into text nodes nobody reads (the walker never enters the head; the budgets'
text checks leave script and style text out), then frees. The cut reads only a head of a
shape whose tokens libxml2 2.14 (HTMLparser.c) reads one way, and stops at the first token
it does not know, copying the rest as it is: the tree is the same but for those texts.
"""

from __future__ import annotations

import re

_WS = rb"[\t\n\f\r ]"  # libxml2's IS_WS_HTML: space, tab, line feed, form feed, carriage return
# An attribute whose value holds no quote of the other kind, "<" or ">", and an unquoted one
# without "/" (so "/>" can never hide in it): where libxml2's tag ends is then its first ">".
_ATTRIBUTES = (
    rb"(?:" + _WS + rb"+[A-Za-z_:][-A-Za-z0-9_:.]*"
    rb"(?:"
    + _WS
    + rb"*="
    + _WS
    + rb"*(?:\"[^\"<>]*\"|'[^'<>]*'|[-A-Za-z0-9_:.]+))?)*"
    + _WS
    + rb"*"
)
# The tokens of a head read here: blanks (between elements of the head they are no text),
# a doctype, and start tags of the elements libxml2 puts in the head (`htmlCheckImplied`);
# `<html>`/`<head>` without "/>" (which would end them), meta/link/base with or without it.
_TOKEN = re.compile(
    rb"(?P<blank>" + _WS + rb"+)"
    rb"|(?P<doctype><![Dd][Oo][Cc][Tt][Yy][Pp][Ee][^<>\"']*>)"
    rb"|<(?P<void>(?i:meta|link|base))" + _ATTRIBUTES + rb"/?>"
    rb"|<(?P<open>(?i:html|head))" + _ATTRIBUTES + rb">"
    rb"|<(?P<raw>(?i:title|script|style))" + _ATTRIBUTES + rb">"
)
# Where libxml2 ends an element's raw text or RCDATA: "</" and its name in any case, then a
# blank, "/" or ">" (htmlParseCharData); its end tag read here only without attributes.
# In a script, "<!--" enters libxml2's escaped states, where "</script" may not end it: the
# script's search stops at whichever comes first (one pass over its body).
_ENDS = {
    name: re.compile(rb"<(?:!--|/(?i:" + name + rb")(?=[\t\n\f\r />]))")
    if name == b"script"
    else re.compile(rb"</(?i:" + name + rb")(?=[\t\n\f\r />])")
    for name in (b"title", b"script", b"style")
}
_END_TAG = {name: re.compile(rb"</(?i:" + name + rb")" + _WS + rb"*>") for name in _ENDS}


def cut_head_bodies(data: bytes) -> bytes:
    """`data` (a page's UTF-8) without the text of the scripts and styles its head opens with:
    from the start, while every token is one `_TOKEN` knows, each script's or style's body
    is left out (its start and end tags kept); the rest of the page is copied as it is."""
    kept: list[bytes] = []
    copied = 0  # data[copied:pos] is still to be copied
    pos = 0
    while True:
        match = _TOKEN.match(data, pos)
        if match is None:
            break
        pos = match.end()
        raw = match.group("raw")
        if raw is None:
            continue
        name = raw.lower()
        end = _ENDS[name].search(data, pos)
        if end is None or end.group() == b"<!--":  # its text runs to the page's end, or
            break  # a script's escaped text: where it ends is not looked for here
        if name != b"title" and end.start() > pos:
            kept.append(data[copied:pos])
            copied = end.start()
        pos = end.start()
        closing = _END_TAG[name].match(data, pos)
        if closing is None:
            break
        pos = closing.end()
    if copied == 0:
        return data
    kept.append(data[copied:])
    return b"".join(kept)
