"""Reading his message: what he hands back, and whether it shows control, threats or contempt."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from content.loader import read_toml, validate
from content.patterns import compile_any

Handed = Literal["trouble", "plan", "question", "tease", "story", "nothing"]
HANDED_ORDER: tuple[Handed, ...] = ("trouble", "plan", "question", "tease", "story", "nothing")


class _HandedRules(BaseModel):
    trouble: list[str]
    plan: list[str]
    question: list[str]
    tease: list[str]
    story: list[str]
    story_min_words: int = Field(ge=1)
    nothing_max_words: int = Field(ge=1)


class _RedFlag(BaseModel):
    kind: str
    patterns: list[str] = Field(min_length=1)
    note: str


class _Rules(BaseModel):
    handed: _HandedRules
    handed_text: dict[Handed, str]
    red_flag: list[_RedFlag]


@dataclass(frozen=True)
class HisMessage:
    handed: Handed
    handed_text: str
    red_flag: str | None
    red_flag_note: str | None

    @property
    def is_threat(self) -> bool:
        return self.red_flag == "threat"


@dataclass(frozen=True)
class _Compiled:
    handed: dict[str, re.Pattern[str]]
    story_min_words: int
    texts: dict[Handed, str]
    flags: tuple[tuple[str, str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def compiled_rules() -> _Compiled:
    where = "content/data/his_message.toml"
    rules = validate("his_message.toml", _Rules, read_toml("his_message.toml"))
    handed = {
        name: compile_any(getattr(rules.handed, name), f"{where}: handed.{name}")
        for name in ("trouble", "plan", "question", "tease", "story")
    }
    flags = tuple(
        (f.kind, f.note, compile_any(f.patterns, f"{where}: red_flag {f.kind}"))
        for f in rules.red_flag
    )
    return _Compiled(handed, rules.handed.story_min_words, rules.handed_text, flags)


def read_his_message(text: str) -> HisMessage:
    rules = compiled_rules()
    clean = " ".join(text.replace("’", "'").split())
    words = len(clean.split())
    handed: Handed = "nothing"
    # Something hard in his day comes first: support before any play ("my boss yelled at me
    # in front of everyone" is not a story to give a movie title).
    ordered: tuple[Handed, ...] = ("trouble", "plan", "question", "tease")
    for name in ordered:
        if rules.handed[name].search(clean):
            handed = name
            break
    else:
        if words >= rules.story_min_words and rules.handed["story"].search(clean):
            handed = "story"
    red_flag = next(((k, n) for k, n, p in rules.flags if p.search(clean)), None)
    return HisMessage(
        handed=handed,
        handed_text=rules.texts[handed],
        red_flag=red_flag[0] if red_flag else None,
        red_flag_note=red_flag[1] if red_flag else None,
    )
