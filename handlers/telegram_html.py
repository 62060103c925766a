"""A strict reader of Telegram's HTML parse mode.

Telegram rejects a whole message whose HTML does not parse, so the in-memory Bot API (console
and tests) refuses exactly what Telegram would: unknown tags, bad nesting, unclosed tags, stray
`<`, `>` or `&`. It also yields the plain text, for length checks and terminal rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ALLOWED_TAGS = frozenset(
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
        "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji",
    }
)  # fmt: skip
_TOKEN = re.compile(r"<[^<>]*>|&[^&;\s<>]*;?|[<>]")
_TAG = re.compile(r"^<(/?)([a-z][a-z-]*)((?:\s+[a-z-]+(?:=\"[^\"]*\"|='[^']*')?)*)\s*>$")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class HtmlError(ValueError):
    """Telegram would answer 400 "can't parse entities"."""


@dataclass(frozen=True)
class Span:
    tag: str
    start: int
    end: int


@dataclass(frozen=True)
class ParsedHtml:
    text: str
    spans: tuple[Span, ...]


def _entity(token: str) -> str:
    if not token.endswith(";"):
        raise HtmlError(f"can't parse entities: bare '&' in {token!r}")
    name = token[1:-1]
    if name in _ENTITIES:
        return _ENTITIES[name]
    if re.fullmatch(r"#\d{1,7}", name):
        return chr(int(name[1:]))
    if re.fullmatch(r"#x[0-9a-fA-F]{1,6}", name):
        return chr(int(name[2:], 16))
    raise HtmlError(f"can't parse entities: unsupported entity {token!r}")


def parse(html: str) -> ParsedHtml:
    """Parse Telegram HTML strictly; raise HtmlError where Telegram would refuse it."""
    out: list[str] = []
    stack: list[tuple[str, int]] = []
    spans: list[Span] = []
    pos = 0
    for match in _TOKEN.finditer(html):
        out.append(html[pos : match.start()])
        pos = match.end()
        token = match.group(0)
        if token in ("<", ">"):
            raise HtmlError(f"can't parse entities: unescaped {token!r}")
        if token.startswith("&"):
            out.append(_entity(token))
            continue
        tag = _TAG.match(token)
        if not tag or tag.group(2) not in ALLOWED_TAGS:
            raise HtmlError(f"can't parse entities: unsupported start tag {token!r}")
        closing, name = tag.group(1) == "/", tag.group(2)
        length = sum(len(part) for part in out)
        if closing:
            if not stack or stack[-1][0] != name:
                raise HtmlError(f"can't parse entities: unexpected end tag {token!r}")
            opened, start = stack.pop()
            spans.append(Span(opened, start, length))
        else:
            if name == "a" and "href=" not in tag.group(3):
                raise HtmlError("can't parse entities: <a> without href")
            stack.append((name, length))
    out.append(html[pos:])
    if stack:
        raise HtmlError(f"can't parse entities: unclosed tag <{stack[-1][0]}>")
    return ParsedHtml("".join(out), tuple(spans))


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units, not Python characters."""
    return len(text.encode("utf-16-le")) // 2
