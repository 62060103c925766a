""" "Send this instead": one concrete text to send when a draft doesn't add value.

Templates live in content/data/alternatives.toml, keyed by what went wrong. Those that reuse
her own words (a short draft, the first sentence of a long one, a topic or a feeling she
mentions) are tried first; every candidate is checked by the critic and must fit Telegram's
256-character inline query, else the next template is tried. Pure and deterministic: the
order of templates is seeded from a stable hash of the draft.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from content.critique import Critique, critique
from content.loader import ContentError, load_table, read_toml, unique_ids, validate
from content.picking import stable_int

FILE = "alternatives.toml"
LABEL = f"content/data/{FILE}"
INLINE_LIMIT = 256  # Telegram's limit for an inline query, where "Use it" puts the text

Problem = Literal["manipulation", "conflict", "wall_of_text", "needy", "small_talk", "general"]
# The first that applies decides: a game or a fight matters more than the length of a text.
PRIORITY: tuple[Problem, ...] = get_args(Problem)
PARTS = ("ask", "blank", "talk", "feel", "about", "pause", "wish", "invite", "more", "headline")
SLOTS = frozenset({"draft", "first_sentence", "topic", "feeling", *PARTS})
# Chasing gets no text to send: he has her last message (best_move says so instead).
NO_TEXT: frozenset[Problem] = frozenset({"needy"})
MIN_PER_PROBLEM = 3


@lru_cache(maxsize=1024)
def template_slots(text: str) -> frozenset[str]:
    """The slot names a template uses; ValueError for braces that aren't a plain slot.

    Cached: every weak draft walks the templates' slots, and the texts never change."""
    names: set[str] = set()
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if name not in SLOTS or spec or conversion:
            raise ValueError(f"unknown slot {{{name}}}; known: {', '.join(sorted(SLOTS))}")
        names.add(name)
    return frozenset(names)


class Template(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_-]+$")
    problem: Problem
    text: str = Field(min_length=1, max_length=INLINE_LIMIT)

    @field_validator("text")
    @classmethod
    def _known_slots(cls, text: str) -> str:
        template_slots(text)  # ValueError for unknown slots and stray braces
        if "\n" in text:
            raise ValueError("must be one line")
        return text

    @property
    def slots(self) -> frozenset[str]:
        return template_slots(self.text)


class Words(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_draft_chars: int = Field(ge=1, le=INLINE_LIMIT)
    max_sentence_chars: int = Field(ge=20, le=INLINE_LIMIT)
    min_story_words: int = Field(ge=1, le=40)
    question_starts: tuple[str, ...] = Field(min_length=1)
    question_words: tuple[str, ...] = Field(min_length=1)
    topics: dict[str, str] = Field(min_length=1)
    feelings: dict[str, str] = Field(min_length=1)
    parts: dict[str, tuple[str, ...]]

    @field_validator("parts")
    @classmethod
    def _every_part(cls, parts: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        missing = [name for name in PARTS if len(parts.get(name, ())) < 3]
        if missing:
            raise ValueError(f"needs at least 3 phrases for each of {', '.join(missing)}")
        return parts


class Alternatives(BaseModel):
    model_config = ConfigDict(frozen=True)

    words: Words
    templates: tuple[Template, ...]
    best_move: str


def load_alternatives(base: Path | None = None) -> Alternatives:
    """Read and validate the file; ContentError names the file and the field."""
    raw = read_toml(FILE, base).get("words")
    if not isinstance(raw, dict):
        raise ContentError(f"{LABEL}: field 'words': missing [words] table")
    words = validate(FILE, Words, raw, within="words.")
    templates = load_table(FILE, "alternative", Template, base=base)
    unique_ids(FILE, [t.id for t in templates])
    best_move = read_toml(FILE, base).get("best_move")
    if not isinstance(best_move, str) or not best_move.strip():
        raise ContentError(f"{LABEL}: field 'best_move': missing")
    for problem in PRIORITY:
        if problem in NO_TEXT:
            continue
        mine = [t for t in templates if t.problem == problem]
        if len(mine) < MIN_PER_PROBLEM or all(t.slots - set(PARTS) for t in mine):
            raise ContentError(
                f"{LABEL}: field 'problem': {problem} needs at least {MIN_PER_PROBLEM} "
                "templates, one of them without slots her draft must fill"
            )
    return Alternatives(words=words, templates=templates, best_move=best_move)


@lru_cache(maxsize=1)
def alternatives() -> Alternatives:
    return load_alternatives()


# --- her words --------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\s*\n\s*")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_MAX_SENTENCES = 12


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


def _ended(text: str, mark: str) -> str:
    """End with punctuation so a following sentence reads right ("wyd" → "wyd?")."""
    return text + mark if text and text[-1].isalpha() else text


def _draft_slot(text: str, words: Words) -> str | None:
    clean = _one_line(text)
    if not clean or len(clean) > words.max_draft_chars:
        return None
    found = _WORD.findall(clean.lower())
    question = bool(found) and (
        found[0] in words.question_starts or any(w in words.question_words for w in found)
    )
    return _ended(clean, "?" if question else "!")


def _first_sentence(text: str, words: Words) -> str | None:
    """The first sentence that tells something: enough words, and no chasing, fight or game."""
    for index, raw in enumerate(_SENTENCE_END.split(text.strip())):
        if index >= _MAX_SENTENCES:
            break
        sentence = _clip(_one_line(raw), words.max_sentence_chars)
        if len(_WORD.findall(sentence)) < words.min_story_words:
            continue
        if critique(sentence).adds_value:
            return _ended(sentence, ".")
    return None


@lru_cache(maxsize=8)
def _keys_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation for a whole table, longest keys first so a phrase beats its word."""
    ordered = sorted(keys, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(k) for k in ordered) + r")\b")


def _mentioned(text: str, table: Mapping[str, str]) -> str | None:
    """The phrase for the first key (a word or phrase) that appears in her text."""
    norm = " ".join(_WORD.findall(text.lower().replace("’", "'")))
    match = _keys_pattern(tuple(table)).search(norm)
    return table[match.group(1)] if match else None


class _Slots:
    """Her words for each slot, worked out only when a template asks for that slot: most
    drafts are answered by the first template tried, which needs one slot or none."""

    def __init__(self, text: str, words: Words) -> None:
        self._text, self._words = text, words
        self._found: dict[str, str | None] = {}

    def get(self, name: str) -> str | None:
        if name not in self._found:
            self._found[name] = _SLOT_MAKERS[name](self._text, self._words)
        return self._found[name]


def _part(name: str) -> Callable[[str, Words], str | None]:
    """A short phrase from [words.parts], picked by a stable hash of the draft and the slot:
    the same draft always gets the same phrase, different drafts mostly different ones."""

    def pick(text: str, words: Words) -> str | None:
        phrases = words.parts[name]
        return phrases[stable_int(f"{name}:{text}") % len(phrases)]

    return pick


_SLOT_MAKERS: dict[str, Callable[[str, Words], str | None]] = {
    "draft": _draft_slot,
    "first_sentence": _first_sentence,
    "topic": lambda text, words: _mentioned(text, words.topics),
    "feeling": lambda text, words: _mentioned(text, words.feelings),
    **{name: _part(name) for name in PARTS},
}


def slots_for(text: str, words: Words | None = None) -> dict[str, str]:
    """Every slot her draft can fill; a slot it can't fill is absent."""
    lazy = _Slots(text, words or alternatives().words)
    return {name: value for name in _SLOT_MAKERS if (value := lazy.get(name))}


def fill(template: Template, slots: Mapping[str, str] | _Slots) -> str | None:
    """The template with her words in it, on one line; None if a slot is missing."""
    values = {name: slots.get(name) for name in template.slots}
    if not all(values.values()):
        return None
    return _one_line(template.text.format_map(values))


def acceptable(candidate: str) -> bool:
    """Fits an inline query and the critic says it adds value."""
    return len(candidate) <= INLINE_LIMIT and _adds_value(candidate)


@lru_cache(maxsize=2048)
def _adds_value(candidate: str) -> bool:
    """The critic's verdict on a candidate. Cached: the plain templates come up again and again
    (the same few dozen texts), and the critic is pure, so their verdict never changes."""
    return critique(candidate).adds_value


# --- choosing ---------------------------------------------------------------------------------


def problem_of(flags: frozenset[str]) -> Problem:
    return next((p for p in PRIORITY if p in flags), "general")


def _seed(text: str) -> int:
    return stable_int(text)


def _rotated(items: list[Template], seed: int) -> list[Template]:
    if not items:
        return []
    start = seed % len(items)
    return items[start:] + items[:start]


def candidates(text: str, problem: Problem) -> Iterator[str]:
    """Every filled template in the order tried: her words first, then the plain ones, then
    the general ones as a last resort."""
    pack = alternatives()
    slots = _Slots(text, pack.words)
    seed = _seed(text)
    order: list[Template] = []
    for group in (problem, "general") if problem != "general" else (problem,):
        pool = [t for t in pack.templates if t.problem == group]
        order += _rotated([t for t in pool if t.slots - set(PARTS)], seed)
        order += _rotated([t for t in pool if not t.slots - set(PARTS)], seed)
    for template in order:
        filled = fill(template, slots)
        if filled is not None:
            yield filled


def send_instead(text: str, result: Critique) -> str | None:
    """One text she could send instead, or None when the draft adds value, can't be judged,
    or is fine as it is (a close, logistics, an apology, bad news: no joke glued onto it)."""
    if result.adds_value or not result.judgeable or result.kind is not None:
        return None  # a close, logistics, an apology, bad news...: its own advice, no text
    problem = problem_of(result.flags)
    if problem in NO_TEXT or (problem == "general" and result.asks):
        return None  # chasing: send nothing; her own question: its advice, not a stock hook
    return next((c for c in candidates(text, problem) if acceptable(c)), None)


def best_move(result: Critique) -> str | None:
    """Advice instead of a text, where the best text is none: chasing (he has her last
    message; another one only adds pressure)."""
    if not result.judgeable or problem_of(result.flags) not in NO_TEXT:
        return None
    return alternatives().best_move


def has_blank(text: str) -> bool:
    """A [bracketed] blank she has to fill with something true of hers before it can go."""
    return bool(_BLANK.search(text))


_BLANK = re.compile(r"\[[^\]]+\]")
