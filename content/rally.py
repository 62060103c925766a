"""/rally: practising a banter rally against a simulated him (article step 2, the tennis rally).

Pure and deterministic: his lines come from content/data/rally.toml, the scoring rules and
feedback from content/data/rally_rules.toml, and every choice is seeded, so a rally can be
replayed exactly in a test. Her return is judged with the critic plus three rally questions:
does it hand the ball back, does it give him something of her, is it in proportion to his?
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from content.critic_features import valence
from content.critique import critique
from content.loader import ContentError, load_table, read_toml, unique_ids, validate
from content.picking import stable_int

# Turns in a rally: the /rally command's full one, and the short one a daily prompt offers.
TURNS = {"full": 6, "daily": 3}

Mood = Literal["tease", "haha", "question", "story", "test", "flat"]
Aspect = Literal["hands_back", "gives", "in_proportion"]
ASPECTS: tuple[Aspect, ...] = get_args(Aspect)
MAX_STARS = len(ASPECTS)  # a star for each aspect a return gets right
BLOCKERS = ("needy", "conflict", "manipulation", "wall_of_text")
LINES_FILE = "rally.toml"
RULES_FILE = "rally_rules.toml"
MIN_LINES = 120
MIN_PER_MOOD = 12


class HisLine(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_-]+$")
    mood: Mood
    text: str = Field(min_length=1, max_length=200)


class _Limits(BaseModel):
    factor: float = Field(gt=1)
    free_words: int = Field(ge=1)
    small_talk_cap: int = Field(ge=0, le=3)
    chit_chat_words: int = Field(ge=1)
    praise_valence: float = Field(gt=0)
    callback_min_letters: int = Field(ge=2)
    most_words: int = Field(ge=1)
    unrelated_cap: int = Field(ge=0, le=3)


class _Moods(BaseModel):
    opening: list[Mood] = Field(min_length=1)
    after_3: list[Mood] = Field(min_length=1)
    after_2: list[Mood] = Field(min_length=1)
    after_1: list[Mood] = Field(min_length=1)
    after_0: list[Mood] = Field(min_length=1)
    cool: list[Mood] = Field(min_length=1)

    def after(self, stars: int, blocked: bool) -> list[Mood]:
        if blocked:
            return self.cool
        return [self.after_0, self.after_1, self.after_2, self.after_3][max(0, min(3, stars))]


class _AspectText(BaseModel):
    hands_back: str
    gives: str
    in_proportion: str
    related: str = ""


class _Blocker(BaseModel):
    needy: str
    conflict: str
    manipulation: str
    wall_of_text: str
    flat: str


class _Practise(_Blocker, _AspectText):
    none: str


class _Words(BaseModel):
    first_person: frozenset[str] = Field(min_length=1)
    not_callbacks: frozenset[str]
    second_person: frozenset[str] = Field(min_length=1)
    echo_questions: tuple[str, ...] = Field(min_length=1)
    tease_phrases: tuple[str, ...] = Field(min_length=1)


class _Answers(BaseModel):
    lines: tuple[str, ...] = Field(min_length=1)
    not_things: frozenset[str]


class RallyRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    words: _Words
    limits: _Limits
    moods: _Moods
    earned: _AspectText
    missed: _AspectText
    blocker: _Blocker
    practise: _Practise
    answers: _Answers


@lru_cache(maxsize=1)
def rules() -> RallyRules:
    return validate(RULES_FILE, RallyRules, read_toml(RULES_FILE))


@lru_cache(maxsize=1)
def his_lines() -> tuple[HisLine, ...]:
    lines = load_table(LINES_FILE, "line", HisLine, minimum=MIN_LINES)
    unique_ids(LINES_FILE, [line.id for line in lines])
    counts = Counter(line.mood for line in lines)
    for mood in get_args(Mood):
        if counts[mood] < MIN_PER_MOOD:
            raise ContentError(
                f"content/data/{LINES_FILE}: field 'mood': {counts[mood]} lines for {mood!r}, "
                f"needs {MIN_PER_MOOD}"
            )
    return lines


def line_by_id(line_id: str) -> HisLine | None:
    return next((line for line in his_lines() if line.id == line_id), None)


# --- scoring one return -----------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class TurnScore:
    stars: int
    earned: tuple[Aspect, ...]
    missed: tuple[Aspect, ...]
    blocker: str | None  # a critic flag from BLOCKERS, "flat", or None
    why: str

    @property
    def misses(self) -> tuple[str, ...]:
        """What to remember this return missed: a blocker is the whole story when there is
        one (a needy return that also didn't match his length needs the neediness fixed)."""
        return (self.blocker,) if self.blocker else self.missed


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _is_callback(his: str, her: str) -> bool:
    """She picks up a specific word of his (not a filler word): a callback to what he said."""
    size = rules().limits.callback_min_letters
    his_words = {w for w in _words(his) if len(w) >= size and w not in rules().words.not_callbacks}
    return any(w in his_words for w in _words(her))


def _aimed_at_him(her: str) -> bool:
    return any(w in rules().words.second_person for w in _words(her))


def _challenge(her: str) -> bool:
    """A tease that is a challenge in itself, with or without "you": "go on, be impressed"."""
    plain = " " + " ".join(_words(her)) + " "
    return any(f" {phrase} " in plain for phrase in rules().words.tease_phrases)


def _related(his: str, her: str) -> bool:
    """Tied to his line: she picks up one of his words (or its start: "cook"/"cooking"), or
    talks to him. A return about something else entirely can't be a perfect shot."""
    if _aimed_at_him(her) or _is_callback(his, her):
        return True
    size = rules().limits.callback_min_letters
    stems = {w[:size] for w in _words(his) if len(w) >= size}
    return any(
        w[:size] in stems
        for w in _words(her)
        if len(w) >= size and w not in rules().words.not_callbacks
    )


def _praise(her: str) -> bool:
    """Warm words and no edge ("so proud of u 🎉"): lovely, but praise isn't a tease he can
    hit back; a tease has a little bite ("you wish", "dork")."""
    lexicon = valence()
    scores = [lexicon[w] for w in _words(her) if w in lexicon]
    return bool(scores) and min(scores) > 0 and max(scores) >= rules().limits.praise_valence


def _ends_with_echo(her: str) -> bool:
    """Her only question is "you?", "wbu", "how was yours?": small talk handed back."""
    tail = " ".join(her.lower().split())
    tail = re.sub(r"[^\w?' ]+$", "", tail).rstrip()
    return any(tail.endswith(echo) for echo in rules().words.echo_questions)


def _gives_something(her: str, flags: frozenset[str], adds_value: bool) -> bool:
    """Play, a feeling, a detail of her own life, or warmth — not a bare question."""
    if flags & {"playful", "vulnerable"}:
        return True
    words = _words(her)
    if len(words) >= 5 and any(w in rules().words.first_person for w in words):
        return True
    return adds_value and "?" not in her


def score_turn(his: str, her: str) -> TurnScore:
    """0–3 stars for one return, and one line saying why in the article's terms."""
    result = critique(her)
    flags = result.flags
    limits = rules().limits
    blocker = next((flag for flag in BLOCKERS if flag in flags), None)
    if blocker is not None:
        return TurnScore(0, (), ASPECTS, blocker, _sentence(getattr(rules().blocker, blocker)))
    echo = _ends_with_echo(her)
    # a challenge is a tease in itself ("go on, be impressed"), praise of him is not
    tease = _challenge(her) or ("playful" in flags and _aimed_at_him(her) and not _praise(her))
    real_question = "invites_reply" in flags and not echo
    # "hbu" / "you?" hands the ball back too, if only as chit-chat (capped below)
    hands_back = real_question or echo or tease or _is_callback(his, her)
    gives = _gives_something(her, flags, result.adds_value)
    if not result.judgeable and not hands_back:
        gives = gives or bool(her.strip())  # an emoji-only wink still gives a little
    if not hands_back and not gives:
        return TurnScore(0, (), ASPECTS, "flat", _sentence(rules().blocker.flat))
    his_words, her_words = len(_words(his)), len(_words(her))
    in_proportion = her_words <= min(
        max(limits.factor * his_words, limits.free_words), limits.most_words
    )
    got = {"hands_back": hands_back, "gives": gives, "in_proportion": in_proportion}
    earned = tuple(a for a in ASPECTS if got[a])
    missed = tuple(a for a in ASPECTS if not got[a])
    stars = len(earned)
    # A short reply ending in "you?" / "wbu" is chit-chat, whatever its emoji.
    chit_chat = echo and not real_question and len(_words(her)) <= limits.chit_chat_words
    if "small_talk" in flags or chit_chat:
        stars = min(stars, limits.small_talk_cap)
    why = _why(earned, missed)
    if stars > limits.unrelated_cap and not _related(his, her):
        stars = limits.unrelated_cap
        why += " " + _sentence(rules().missed.related)
    return TurnScore(stars, earned, missed, None, why)


def his_answer(her: str, seed: int, turn: int) -> str | None:
    """When she asks about something of his ("how's your dog?"), his first words answer it
    ("my dog is doing great...") before he plays on: a rally answers what was said."""
    if "?" not in her:
        return None
    found = re.search(r"\byour ([a-z]+)", her.lower().replace("’", "'"))
    answers = rules().answers
    if found is None or found.group(1) in answers.not_things:
        return None
    lines = answers.lines
    return lines[_draw(seed, turn, "answer", len(lines))].format(thing="my " + found.group(1))


def _why(earned: Sequence[Aspect], missed: Sequence[Aspect]) -> str:
    said = [getattr(rules().earned, a) for a in earned]
    text = ("It " + _join(said) + ".") if said else ""
    if missed:
        text += (" " if text else "") + "Next time: " + getattr(rules().missed, missed[0]) + "."
    return text


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def stars_text(stars: int) -> str:
    return "⭐" * stars + "☆" * (MAX_STARS - stars)


# --- his lines: deterministic for a seed ------------------------------------------------------


def new_seed(user_id: int, started: str) -> int:
    """A fresh rally each time (`started`: when, as text), fixed once stored, so a restart
    replays the same one."""
    return stable_int(f"{user_id}:{started}", digest_size=6)


def _draw(seed: int, turn: int, salt: str, size: int) -> int:
    return stable_int(f"{seed}:{turn}:{salt}") % size


def _pick(seed: int, turn: int, moods: Sequence[Mood], used: Sequence[str]) -> HisLine:
    mood = moods[_draw(seed, turn, "mood", len(moods))]
    pool = [line for line in his_lines() if line.mood == mood and line.id not in used]
    if not pool:
        pool = [line for line in his_lines() if line.mood == mood]
    return pool[_draw(seed, turn, "line", len(pool))]


def opening_line(seed: int) -> HisLine:
    return _pick(seed, 0, rules().moods.opening, ())


def next_line(seed: int, turn: int, score: TurnScore, used: Sequence[str]) -> HisLine:
    """His answer to her return: warmer after a good one, cooler after a needy or hostile one."""
    blocked = score.blocker is not None and score.blocker != "flat"
    return _pick(seed, turn, rules().moods.after(score.stars, blocked), used)


# --- the scorecard ----------------------------------------------------------------------------


def best_turn(stars: Sequence[int]) -> int | None:
    """Index of her best return (the first, if several tie); None before any."""
    if not stars:
        return None
    return max(range(len(stars)), key=lambda i: (stars[i], -i))


def newest_is_best(stars: Sequence[int]) -> bool:
    """Whether the return just scored (the last of `stars`) is now her best: the one whose
    words the scorecard will quote."""
    return bool(stars) and best_turn(stars) == len(stars) - 1


def practise_next(missed_per_turn: Sequence[Sequence[str]]) -> str:
    """The one habit to practise: what her returns missed most often (blockers weigh double)."""
    counts: Counter[str] = Counter()
    for missed in missed_per_turn:
        blockers = [m for m in missed if m in (*BLOCKERS, "flat")]
        if blockers:
            counts.update({b: 2 for b in blockers})
        else:
            counts.update(missed)
    if not counts:
        return rules().practise.none
    order = [*BLOCKERS, "flat", *ASPECTS]
    top = max(counts, key=lambda k: (counts[k], -order.index(k)))
    return str(getattr(rules().practise, top))
