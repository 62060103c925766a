"""Noticing self-harm, abuse or threats in a draft or his message: care before critique.

Two lists in content/data/safety.toml decide. The danger patterns are written from the
warning signs crisis lines and safeguarding guides list in plain words; the figures of speech
("I'll beat you at bowling", "hit me up", "you killed it") are taken out of the text first, so
trash talk stays banter while the same verb aimed at a person alone is still caught. When in
doubt the danger side wins: a needless note costs a moment, a missed one can cost far more.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, Field

from content.critic_features import features, words_of
from content.critique import normalise
from content.helplines import Lines, lines_for
from content.loader import read_toml, validate
from content.patterns import PatternSet, compile_any

FILE = "safety.toml"
MODEL_FILE = "safety_model.json"
KINDS = ("self_harm", "violence")
# Who hurts or controls her, in the patterns' {him} slot: a pronoun or a partner ("my" may be
# left out: "bf checks my phone"), so "my sister took my phone lol" is not read as control.
HIM = (
    r"(?:he|she|they|him|my man|my partner|(?:my )?(?:boyfriend|bf|husband|hubby|ex"
    r"|fianc[eé]e?|girlfriend|gf|wife))"
    r"(?: always| keeps| even| just| still| often| sometimes| literally| has| had)?"
)


class _Concern(BaseModel):
    kind: str
    patterns: list[str] = Field(min_length=1)
    note: str = Field(min_length=1, max_length=500)
    his_note: str = Field(min_length=1, max_length=500)
    closing: str = Field(min_length=1, max_length=300)


class _Safety(BaseModel):
    figures: list[str]
    concern: list[_Concern] = Field(min_length=1)


@dataclass(frozen=True)
class SafetyNote:
    kind: str
    text: str


@dataclass(frozen=True)
class _Compiled:
    figures: re.Pattern[str]
    concerns: tuple[_Concern, ...]
    # every concern's patterns in one RE2 pass: linear in the text, where Python's
    # alternation of ~150 patterns cost ~300 us a draft
    patterns: PatternSet


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    rules = validate(FILE, _Safety, read_toml(FILE))
    where = f"content/data/{FILE}"
    return _Compiled(
        figures=compile_any(rules.figures, f"{where}: figures"),
        concerns=tuple(rules.concern),
        patterns=PatternSet(
            ((c.kind, p.replace("{him}", HIM)) for c in rules.concern for p in c.patterns),
            f"{where}: concern patterns",
        ),
    )


def kind_of_label(label: str) -> str:
    """A labeled phrase's kind (self_harm, abuse, threat) as the concern it raises."""
    return "self_harm" if label == "self_harm" else "violence"


class _SafetyModel(BaseModel):
    class Column(BaseModel):
        bias: float
        weights: dict[str, float]

    kinds: dict[str, Column]
    threshold: float
    # A pattern's hit stands unless the model scores both the whole text and every sentence
    # the pattern fires in below this (raw log-odds): tools/train_safety.py sets it a clear
    # margin below every training danger phrase the patterns catch, scored by models that
    # never saw its writer.
    veto: float


@lru_cache(maxsize=1)
def word_model() -> _SafetyModel | None:
    """The word model (tools/train_safety.py): it hears danger said in words no pattern
    lists. Absent only before its first training, when the patterns decide alone."""
    source = resources.files("content").joinpath("data", MODEL_FILE)
    if not source.is_file():
        return None
    return _SafetyModel.model_validate_json(source.read_text("utf-8"))


def safety_features(text: str) -> frozenset[str]:
    """The critic's features and word pairs with one word between ("hurt _ self", "end _
    all"): danger is often said with a word slipped in, and leave-one-helper-out
    cross-validation over the training sets caught 63.7% of unseen danger phrases at 2% of
    unseen safe ones alarmed with them, 60.8% without (word triples: 62.5%)."""
    norm = normalise(text)
    words = words_of(norm)
    return features(norm) | {f"k:{a}_{c}" for a, c in zip(words, words[2:], strict=False)}


# Where one sentence ends and the next begins, for judging the sentence a pattern fires in.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def hit_parts(text: str) -> list[str]:
    """The text itself and each sentence of it in which a danger pattern fires: a
    disclosure buried in a long, cheerful message still reads as danger in its own sentence,
    and harmless words around a dark keyword ("I self-harmed as a teen, ten years past it")
    lower the score of the whole."""
    sentences = [part for part in _SENTENCE_END.split(text) if part.strip()]
    if len(sentences) < 2:
        return [text]
    return [text, *(part for part in sentences if _pattern_kind(part) is not None)]


def _vetoed(text: str) -> bool:
    """The model is surer than any training danger phrase ever was that a pattern's hit is
    harmless (a past told as past, a song line, a figure no list names)."""
    model = word_model()
    if model is None:
        return False
    line = model.veto - model.threshold
    return all(model_score(part)[1] < line for part in hit_parts(text))


def model_score(text: str) -> tuple[str, float]:
    """The model's likelier kind and its log-odds past the model's threshold (>= 0: danger,
    a tie included)."""
    model = word_model()
    if model is None:
        return KINDS[0], -math.inf
    biases, table = weights_by_feature()
    rows = [table[f] for f in safety_features(text) if f in table]
    best = (KINDS[0], -math.inf)
    # fsum: the same total in any order, so the same verdict under any hash seed
    for kind, column in zip(KINDS, zip(biases, *rows, strict=True), strict=True):
        score = math.fsum(column)
        if score - model.threshold > best[1]:
            best = (kind, score - model.threshold)
    return best


@lru_cache(maxsize=1)
def weights_by_feature() -> tuple[tuple[float, ...], dict[str, tuple[float, ...]]]:
    """The model turned around: each feature's weight for every kind (KINDS' order), so a
    text costs one lookup per feature, not one per feature and kind."""
    model = word_model()
    if model is None:
        return (), {}
    columns = [model.kinds[kind] for kind in KINDS]
    names = sorted({f for column in columns for f in column.weights})
    table = {f: tuple(column.weights.get(f, 0.0) for column in columns) for f in names}
    return tuple(column.bias for column in columns), table


def concern_in(text: str, *, model: bool = True) -> str | None:
    """The kind of danger the text raises ("self_harm" before "violence"), or None: the
    patterns first (unless the word model is sure their hit is harmless), then the word model
    (unless `model` is False, as its trainer asks: then the patterns alone, no veto)."""
    kind = _pattern_kind(text)
    if kind is not None:
        return None if model and _vetoed(text) else kind
    if model:
        kind, score = model_score(text)
        if score >= 0:  # when in doubt, the danger side wins
            return kind
    return None


def _pattern_kind(text: str) -> str | None:
    """The first concern whose patterns fire once figures of speech are taken out."""
    compiled = _compiled()
    plain = " ".join(text.replace("’", "'").replace("‘", "'").split()).lower()
    # Figures of speech only ever take a match away, so they are read only when there is one.
    found = compiled.patterns.matching(plain)
    if found:
        found = compiled.patterns.matching(compiled.figures.sub(" … ", plain))
    for concern in compiled.concerns:
        if concern.kind in found:
            return concern.kind
    return None


def safety_note(
    text: str,
    *,
    his: bool = False,
    time_zone: str | None = None,
    language_code: str | None = None,
) -> SafetyNote | None:
    """The caring note for the first concern the text raises, or None.

    `his`: the words are his (a forwarded message), so the note speaks about him, not her.
    The helplines come from her time zone and language (content/helplines.py), with the
    international directory always beside them.
    """
    kind = concern_in(text)
    if kind is None:
        return None
    concern = next(c for c in _compiled().concerns if c.kind == kind)
    lines = lines_for(time_zone, language_code)
    intro = concern.his_note if his else concern.note
    return SafetyNote(kind, "\n".join([intro, *_help_lines(kind, lines), concern.closing]))


def _help_lines(kind: str, lines: Lines) -> list[str]:
    found = [f"• Emergency: {lines.emergency}"]
    if kind == "self_harm" and lines.crisis:
        found.append(f"• Crisis line: {lines.crisis}")
    if kind != "self_harm" and lines.abuse:
        found.append(f"• Abuse helpline: {lines.abuse}")
    found.append(f"• {lines.directory}")
    return found
