"""The critic's rules: critique_rules.toml validated and compiled, and its word model loaded.

Split from content/critique.py, which judges a draft: this module only turns the data files
into ready-to-use patterns, word lists and weights, once (start-up), so that judging reads
as the steps it takes. A typo in either file stops start-up with the file and field named.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal, Protocol

import re2
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from content.loader import ContentError, read_toml, validate
from content.patterns import PatternSet, compile_any

FLAGS: frozenset[str] = frozenset(
    {
        "playful",
        "invites_reply",
        "vulnerable",
        "small_talk",
        "needy",
        "conflict",
        "manipulation",
        "wall_of_text",
    }
)
NOT_VALUE = frozenset({"small_talk", "needy", "conflict", "manipulation", "wall_of_text"})
# A text that chases, fights or plays a game is coached as that, whatever its kind.
TROUBLE = frozenset({"needy", "conflict", "manipulation"})
# Flags the word model may add (a wall of text is a plain word count).
MODEL_FLAGS = FLAGS - {"wall_of_text"}
# The word model's column for adds_value itself: whether a text with nothing wrong gives him
# something (warmth, news, a story) or is a plain statement that gives little.
VALUE = "value"
RULES_FILE = "content/data/critique_rules.toml"


@dataclass(frozen=True, slots=True)
class Finding:
    step: int
    kind: Literal["keep", "change", "limit"]
    text: str


class Regex(Protocol):
    """What the critic asks of a compiled RE2 pattern (google-re2 exports no public type)."""

    def search(self, text: str) -> object | None: ...

    def sub(self, replacement: str, text: str) -> str: ...


# --- the rules file, validated ----------------------------------------------------------------

StepText = tuple[int, str]


class _Limits(BaseModel):
    wall_words: int = Field(ge=1)
    long_words: int = Field(ge=1)
    short_content_words: int = Field(ge=0)
    english_min_share: float = Field(ge=0, le=1)
    model_small_talk_words: int = Field(default=6, ge=0)
    sure_guess: float = Field(default=1.0, ge=0)
    answer_max_words: int = Field(ge=1)
    voice_words: int = Field(ge=1)
    unsure_margin: float = Field(ge=0)
    value_margin: float = Field(ge=0)
    question_start: str


class _Language(BaseModel):
    english: str
    foreign: str


class _Emoji(BaseModel):
    playful: list[str]
    sad: list[str]
    edge: list[str]
    warm: list[str]


class _SmallTalk(BaseModel):
    filler: list[str]
    ignore: list[str]


class _Patterns(BaseModel):
    patterns: list[str] = Field(min_length=1)
    cased: list[str] = Field(default_factory=list)


class _Sarcasm(BaseModel):
    opener: list[str]
    grievance: list[str]
    about_him: list[str]


class _Conflict(_Patterns):
    sarcasm: _Sarcasm
    dismissive: list[str] = Field(min_length=1)
    softened_by: list[str]
    softenable: list[str]
    constructive: list[str]


class _Manipulation(_Patterns):
    rival_hint: list[str]


class _Needy(_Patterns):
    care: list[str] = Field(min_length=1)


class _Flags(BaseModel):
    small_talk: _SmallTalk
    needy: _Needy
    conflict: _Conflict
    manipulation: _Manipulation
    invites_reply: _Patterns
    playful: _Patterns
    vulnerable: _Patterns


class _Scores(BaseModel):
    adds_value_base: int
    playful: int
    invites_reply: int
    vulnerable: int
    long_penalty: int
    small_talk: int
    needy: int
    conflict: int
    manipulation: int
    wall_of_text: int
    unjudged: int
    value_range: tuple[int, int]
    hold_range: tuple[int, int]

    @model_validator(mode="after")
    def _bands(self) -> _Scores:
        """The contract: adds_value texts score above 50, the rest at or below it."""
        low, high = self.value_range
        if not 50 < low <= high <= 100 or not 0 <= self.hold_range[0] <= self.hold_range[1] <= 50:
            raise ValueError("value_range must lie in 51..100 and hold_range in 0..50")
        return self


class _Insult(BaseModel):
    valence: float = Field(lt=0)
    edge_valence: float = Field(lt=0)
    negators: frozenset[str]
    subjects: list[str] = Field(min_length=1)
    fillers: frozenset[str]
    not_insults: frozenset[str]


class _Feeling(BaseModel):
    cues: list[str] = Field(min_length=1)


class _Plan(BaseModel):
    time: list[str] = Field(min_length=1)
    activity: list[str] = Field(min_length=1)
    ask: list[str] = Field(min_length=1)
    not_ask: list[str]
    someday: list[str] = Field(min_length=1)
    someday_with: list[str] = Field(min_length=1)
    someday_max_words: int = Field(ge=1)


class _Curt(BaseModel):
    words: frozenset[str]
    cold: frozenset[str]
    beside: frozenset[str]
    warm: frozenset[str]
    max_words: int = Field(ge=1)


class _Repeated(BaseModel):
    words: frozenset[str]
    times: int = Field(ge=2)
    max_words: int = Field(ge=1)


class _Rules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limits: _Limits
    plan: _Plan
    curt: _Curt
    repeated: _Repeated
    insult: _Insult
    feeling: _Feeling
    language: _Language
    emoji: _Emoji
    flags: _Flags
    scores: _Scores
    findings: dict[str, StepText]
    unsure: dict[str, str]

    @model_validator(mode="after")
    def _unsure_for_every_guess(self) -> _Rules:
        missing = {"manipulation", "conflict", "needy", "small_talk", "value"} - set(self.unsure)
        if missing:
            raise ValueError(f"unsure: no text for {sorted(missing)}")
        return self


@dataclass(frozen=True)
class Compiled:
    rules: _Rules
    english: frozenset[str]
    foreign: frozenset[str]
    filler: Regex
    ignore: frozenset[str]
    flag_set: PatternSet
    cased: dict[str, re.Pattern[str] | None]
    softened: Regex
    softenable: Regex
    constructive: Regex
    sarcasm: tuple[Regex, Regex, Regex]  # opener, grievance, about him
    rival_hint: Regex
    playful_emoji: frozenset[str]
    sad_emoji: frozenset[str]
    edge_emoji: frozenset[str]
    warm_emoji: frozenset[str]
    findings: dict[str, Finding]
    model: WordModel
    insult_subjects: Openings
    feeling_cues: Regex
    plan: tuple[Regex, Regex, Regex, Regex]  # time, activity, ask, not
    someday: tuple[Regex, Regex]
    question_start: re.Pattern[str]  # anchored and simple: Python's re is faster here
    dismissive: Regex
    care: Regex


Openings = dict[str, dict[str, tuple[tuple[str, ...], ...]]]


def _by_opening(phrases: list[str]) -> Openings:
    """first word → second word ("" for one-word phrases) → the phrases, so a long draft full
    of "you" costs two lookups per "you", not a comparison with every phrase."""
    table: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for phrase in phrases:
        words = tuple(phrase.split())
        second = words[1] if len(words) > 1 else ""
        table.setdefault(words[0], {}).setdefault(second, []).append(words)
    return {
        first: {second: tuple(found) for second, found in seconds.items()}
        for first, seconds in table.items()
    }


def _re2(patterns: list[str], where: str) -> Regex:
    """One RE2 alternation; a pattern RE2 can't parse is a content error naming the field."""
    for index, pattern in enumerate(patterns):
        try:
            re2.compile(pattern)
        except re2.error as error:
            raise ContentError(f"{where}[{index}]: not an RE2 pattern ({error})") from None
    compiled: Regex = re2.compile("|".join(f"(?:{p})" for p in patterns) or "a^")
    return compiled


@lru_cache(maxsize=1)
def compiled() -> Compiled:
    rules = validate("critique_rules.toml", _Rules, read_toml("critique_rules.toml"))
    f = rules.flags
    lists = {
        "needy": f.needy,
        "conflict": f.conflict,
        "manipulation": f.manipulation,
        "invites_reply": f.invites_reply,
        "playful": f.playful,
        "vulnerable": f.vulnerable,
    }
    flag_set = PatternSet(
        ((name, p) for name, lists_of in lists.items() for p in lists_of.patterns),
        f"{RULES_FILE}: flags.*.patterns",
    )
    cased = {
        name: re.compile("|".join(f"(?:{c})" for c in p.cased)) if p.cased else None
        for name, p in lists.items()
    }
    findings: dict[str, Finding] = {}
    for key, (step, text) in rules.findings.items():
        if not 1 <= step <= 6:
            raise ContentError(f"{RULES_FILE}: field 'findings.{key}': step must be 1..6")
        kind: Literal["keep", "change", "limit"] = (
            "keep"
            if key.startswith("keep_")
            else "limit"
            if key in ("not_english", "no_words", "no_words_warm")
            else "change"
        )
        findings[key] = Finding(step, kind, text)
    return Compiled(
        rules=rules,
        english=frozenset(rules.language.english.split()),
        foreign=frozenset(rules.language.foreign.split()),
        filler=_re2(f.small_talk.filler, f"{RULES_FILE}: flags.small_talk.filler"),
        ignore=frozenset(f.small_talk.ignore),
        flag_set=flag_set,
        cased=cased,
        softened=_re2([re.escape(s) for s in f.conflict.softened_by], f"{RULES_FILE}: softened_by"),
        softenable=_re2(f.conflict.softenable, f"{RULES_FILE}: flags.conflict.softenable"),
        constructive=_re2(f.conflict.constructive, f"{RULES_FILE}: flags.conflict.constructive"),
        rival_hint=_re2(f.manipulation.rival_hint, f"{RULES_FILE}: flags.manipulation.rival_hint"),
        sarcasm=(
            _re2(f.conflict.sarcasm.opener, f"{RULES_FILE}: flags.conflict.sarcasm.opener"),
            _re2(f.conflict.sarcasm.grievance, f"{RULES_FILE}: flags.conflict.sarcasm.grievance"),
            _re2(f.conflict.sarcasm.about_him, f"{RULES_FILE}: flags.conflict.sarcasm.about_him"),
        ),
        playful_emoji=frozenset(ch for e in rules.emoji.playful for ch in e if ord(ch) > 0x7F),
        sad_emoji=frozenset(ch for e in rules.emoji.sad for ch in e if ord(ch) > 0x7F),
        edge_emoji=frozenset(ch for e in rules.emoji.edge for ch in e if ord(ch) > 0x7F),
        warm_emoji=frozenset(ch for e in rules.emoji.warm for ch in e if ord(ch) > 0x7F),
        findings=findings,
        model=load_model(),
        insult_subjects=_by_opening(rules.insult.subjects),
        feeling_cues=_re2(
            [rf"\b{re.escape(cue)}" for cue in rules.feeling.cues], f"{RULES_FILE}: feeling.cues"
        ),
        plan=(
            _re2(rules.plan.time, f"{RULES_FILE}: plan.time"),
            _re2(rules.plan.activity, f"{RULES_FILE}: plan.activity"),
            _re2(rules.plan.ask, f"{RULES_FILE}: plan.ask"),
            _re2(rules.plan.not_ask, f"{RULES_FILE}: plan.not_ask"),
        ),
        someday=(
            _re2(rules.plan.someday, f"{RULES_FILE}: plan.someday"),
            _re2(rules.plan.someday_with, f"{RULES_FILE}: plan.someday_with"),
        ),
        question_start=compile_any([rules.limits.question_start], f"{RULES_FILE}: question_start"),
        dismissive=_re2(f.conflict.dismissive, f"{RULES_FILE}: flags.conflict.dismissive"),
        care=_re2(f.needy.care, f"{RULES_FILE}: flags.needy.care"),
    )


class _FlagModel(BaseModel):
    bias: float
    weights: dict[str, float]


class _Model(BaseModel):
    flags: dict[str, _FlagModel]
    threshold: float = Field(gt=0, lt=1)
    margins: dict[str, float] = Field(default_factory=dict)


@dataclass(frozen=True)
class WordModel:
    """The model turned around for speed: per feature, its weight for every flag at once,
    so a draft costs one lookup per feature rather than one per feature and flag."""

    flags: tuple[str, ...]
    biases: tuple[float, ...]
    by_feature: dict[str, tuple[float, ...]]


def load_model(path: Path | None = None) -> WordModel:
    """The word model (content/data/critic_model.json, made by tools/train_critic.py).

    Stored as a bias and a weight per word or word pair, per flag: readable, and explainable
    by listing the heaviest words a draft contains. A missing file is an error, not "rules
    only": the critic would quietly get worse (a packaging slip once did exactly that).
    """
    source = path or resources.files("content").joinpath("data", "critic_model.json")
    if not source.is_file():
        raise ContentError("content/data/critic_model.json: missing (run tools/train_critic.py)")
    try:
        model = _Model.model_validate_json(source.read_text("utf-8"))
    except ValidationError as error:
        raise ContentError(
            f"content/data/critic_model.json: invalid ({error.errors()[0]['msg']})"
        ) from None
    unknown = set(model.flags) - MODEL_FLAGS - {VALUE}
    if unknown:
        raise ContentError(
            f"content/data/critic_model.json: field 'flags': unknown {sorted(unknown)}"
        )
    offset = math.log(model.threshold / (1 - model.threshold))
    names = tuple(sorted(model.flags))
    features = {f for m in model.flags.values() for f in m.weights}
    return WordModel(
        flags=names,
        biases=tuple(model.flags[n].bias - offset - model.margins.get(n, 0.0) for n in names),
        by_feature={
            f: tuple(model.flags[n].weights.get(f, 0.0) for n in names) for f in sorted(features)
        },
    )
