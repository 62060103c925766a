"""What sort of text a draft is, when it needs no hook: a close, logistics, a plain answer,
thanks, love said plainly, an apology, bad news, a breakup, support for him.

The article asks that most texts add value and that a conversation be a rally; it never asks
a goodnight, "running 10 min late" or "my dad's in the hospital" to end with a dare. The
critic's verdict and flags keep the contract's meaning; the kind decides how Fonder coaches
(content/data/kinds.toml holds the patterns and the advice for each kind).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, Field

from content.loader import load_table
from content.patterns import PatternSet, compile_any

FILE = "kinds.toml"
KINDS = (
    "bad_news",
    "breakup",
    "support",
    "apology",
    "thanks",
    "affection",
    "logistics",
    "closing",
    "answer",
)


class _Kind(BaseModel):
    name: str = Field(pattern="^(" + "|".join(KINDS) + ")$")
    step: int = Field(ge=1, le=6)
    with_question: bool
    with_play: bool
    advice: str = Field(min_length=1, max_length=400)
    patterns: list[str] = Field(min_length=1)
    but: str | None = None
    but_advice: str | None = None
    repeats: int | None = Field(default=None, ge=2)
    repeats_advice: str | None = None


@dataclass(frozen=True)
class Advice:
    step: int
    text: str
    change: bool  # something to change, not only what works


@dataclass(frozen=True)
class _Compiled:
    kind: _Kind
    but: re.Pattern[str] | None


@lru_cache(maxsize=1)
def compiled_kinds() -> tuple[tuple[_Compiled, ...], PatternSet]:
    kinds = load_table(FILE, "kind", _Kind)
    where = f"content/data/{FILE}"
    compiled = tuple(
        _Compiled(k, compile_any([k.but], f"{where}: {k.name}.but") if k.but else None)
        for k in kinds
    )
    patterns = PatternSet(((k.name, p) for k in kinds for p in k.patterns), f"{where}: patterns")
    return compiled, patterns


def _plain(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def kind_of(text: str, *, asks: bool = False, playful: bool = False) -> str | None:
    """The first kind (in the file's order) whose patterns the text matches and that allows a
    question (`asks`) or a joke (`playful`) when the text has one; or None."""
    kinds, patterns = compiled_kinds()
    found = patterns.matching(_plain(text).lower())
    for compiled in kinds:
        kind = compiled.kind
        if kind.name not in found:
            continue
        if (asks and not kind.with_question) or (playful and not kind.with_play):
            continue
        return kind.name
    return None


def advice_for(kind: str, text: str) -> tuple[Advice, ...]:
    """The kind's own advice, and for an apology what would make it a better one."""
    compiled = next(c for c in compiled_kinds()[0] if c.kind.name == kind)
    k = compiled.kind
    found = [Advice(k.step, k.advice, change=False)]
    plain = _plain(text).lower()
    if compiled.but is not None and k.but_advice and compiled.but.search(plain):
        found.append(Advice(k.step, k.but_advice, change=True))
    if k.repeats and k.repeats_advice and plain.count("sorry") >= k.repeats:
        found.append(Advice(k.step, k.repeats_advice, change=True))
    return tuple(found)
