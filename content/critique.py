"""The critic: does a draft give him something, and what would make it better?

Pure and deterministic (see shared/critique/CONTRACT.md). The rules — patterns, word lists,
thresholds, scores and every sentence of advice — live in content/data/critique_rules.toml;
this module only applies them, in an order a reader can follow:

1. Can it be judged at all? (no words → emoji/punctuation only; mostly non-English words)
2. Which flags fire: the hand-written patterns per flag (precise), or the word model in
   content/data/critic_model.json (a weight per word or word pair and flag, trained by
   tools/train_critic.py on the labeled drafts; it catches phrasings no pattern lists).
3. The contract's precedence: a question that chases, accuses or tests is not an
   invitation; play or vulnerability inside a game, a fight or a wall doesn't count.
4. adds_value = judged, and none of small_talk / needy / conflict / manipulation / wall.
5. A score from the flags, and findings tied to the article's steps.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import emoji

from content.critic_features import features, valence
from content.critique_rules import (
    FLAGS,
    MODEL_FLAGS,
    NOT_VALUE,
    TROUBLE,
    VALUE,
    Finding,
)
from content.critique_rules import Compiled as _Compiled
from content.critique_rules import compiled as _compiled
from content.kinds import advice_for, kind_of

# The critic's public names; the vocabulary and Finding live with the rules they come from.
__all__ = [
    "FLAGS",
    "MODEL_FLAGS",
    "NOT_VALUE",
    "Critique",
    "Finding",
    "critique",
    "emoji_kinds",
    "normalise",
    "precedence",
]


@dataclass(frozen=True, slots=True)
class Critique:
    adds_value: bool
    flags: frozenset[str]
    score: int
    findings: tuple[Finding, ...]
    words: int
    judgeable: bool
    # What sort of text it is when it needs no hook (content/kinds.py): a close, logistics,
    # thanks, an apology, bad news... None for an ordinary draft, and for one that chases,
    # fights or plays a game, whatever its kind.
    kind: str | None = None
    # A close call, in plain words ("I can't tell if this reads as teasing or as a dig..."):
    # the verdict hangs on a guess of the word model right at its threshold.
    unsure: str | None = None
    # it asks him something, with or without its "?" ("r u coming sat or not")
    asks: bool = False

    @property
    def fine_as_is(self) -> bool:
        """A text of a kind that needs no hook, with nothing wrong but being short on hooks:
        "running 10 min late", "goodnight x", "my dad's in the hospital". Fonder says so
        instead of "hold on", and offers nothing to send instead."""
        if self.kind is None or self.flags & (NOT_VALUE - {"small_talk"}):
            return False
        # an apology with a "but" has something to change: not "fine as it is"
        return not any(f.kind == "change" for f in self.findings)


# --- text helpers -------------------------------------------------------------------------------


# Every non-ASCII code point used in an emoji, from the emoji package's data. Looking up the
# few non-ASCII characters of a draft in this set takes microseconds; emoji.replace_emoji on a
# 4,096-character draft takes milliseconds.
_EMOJI_POINTS = frozenset(ch for e in emoji.EMOJI_DATA for ch in e if ord(ch) > 0x7F)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _emoji_in(text: str) -> set[str]:
    if text.isascii():
        return set()
    return {ch for ch in _NON_ASCII.findall(text) if ch in _EMOJI_POINTS}


def emoji_kinds(text: str) -> frozenset[str]:
    """Which kinds of emoji a draft has: playful, sad, edge, other (features for the word model)."""
    return _kinds_of(_emoji_in(text), _compiled())


def _kinds_of(found: set[str], compiled: _Compiled) -> frozenset[str]:
    if not found:
        return frozenset()
    kinds = set()
    if found & compiled.playful_emoji:
        kinds.add("playful")
    if found & compiled.sad_emoji:
        kinds.add("sad")
    if found & compiled.edge_emoji:
        kinds.add("edge")
    plain = compiled.playful_emoji | compiled.sad_emoji | compiled.edge_emoji
    if found - plain - {"\ufe0f", "\u200d"}:
        kinds.add("other")
    return frozenset(kinds)


def _model_scores(found: AbstractSet[str], compiled: _Compiled) -> dict[str, float]:
    """The word model's log-odds past each column's threshold (> 0: a guess of that flag, or
    for VALUE that the text gives him something), from the draft's `found` features."""
    model = compiled.model
    if not model.flags:
        return {}
    table = model.by_feature
    rows = [table[f] for f in found if f in table]
    # fsum: the exact sum, whatever order the set of features is walked in. A plain sum
    # depends on that order, which changes with the process's string hashing, and a guess
    # right at a threshold (1.0 for a sure guess) flipped between restarts.
    totals = [math.fsum(column) for column in zip(model.biases, *rows, strict=True)]
    return dict(zip(model.flags, totals, strict=True))


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u200b": "", "\ufeff": ""})


# A curse people censor is still a curse: "f***ing", "f–king", "f&%^ing", "sh**head",
# "a**hole". Spelled out, the patterns and the word model read it as the word it stands for.
_SIGNS = r"*\-–—&%^#@$"  # what stands in for letters ("!" too in "sh!t", not in "f!!")
_MASK = rf"[{_SIGNS}]+"
_CENSORED = (
    (re.compile(rf"(?<![a-z])f{_MASK}(c?k)?(ing|in|ed|er|s)?(?![a-z*])"), r"fuck\2"),
    (re.compile(rf"(?<![a-z])sh[{_SIGNS}!]+t?(ty|head|s)?(?![a-z*])"), r"shit\1"),
    (re.compile(rf"(?<![a-z])a{_MASK}hole(s)?(?![a-z])"), r"asshole\1"),
    (re.compile(rf"(?<![a-z])b{_MASK}tch(es|y)?(?![a-z])"), r"bitch\1"),
)
_CENSOR_HINT = re.compile(rf"[fhab][{_SIGNS}!]")


def normalise(text: str) -> str:
    norm = " ".join(text.translate(_QUOTES).lower().split())
    if _CENSOR_HINT.search(norm):  # one quick scan; the four patterns only when it hits
        for pattern, word in _CENSORED:
            norm = pattern.sub(word, norm)
    return norm


def _is_english(words: list[str], compiled: _Compiled) -> bool:
    if not words:
        return False
    if all(w.isascii() for w in words):
        latin = len(words)
    else:
        latin = sum(1 for w in words if all(ord(c) < 0x250 for c in w))
    if latin < len(words) / 2:
        return False
    english = sum(1 for w in words if w in compiled.english)
    foreign = sum(1 for w in words if w in compiled.foreign and w not in compiled.english)
    if foreign and foreign >= english:
        return False
    if len(words) >= 4 and english / len(words) < compiled.rules.limits.english_min_share:
        return foreign == 0 and english > 0
    return True


def _small_talk(norm: str, compiled: _Compiled) -> bool:
    if not compiled.filler.search(norm):
        return False
    rest = compiled.filler.sub(" ", norm)
    own = [w for w in _WORD.findall(rest) if w not in compiled.ignore]
    return len(own) <= compiled.rules.limits.short_content_words


# --- the critic ---------------------------------------------------------------------------------


def critique(text: str) -> Critique:
    """Judge one draft; never raises, same answer for the same text."""
    compiled = _compiled()
    norm = normalise(text)
    words = _WORD.findall(norm)
    count = len(words)
    if not words:
        return _unjudged(text, norm, count, compiled, "no_words")
    if not _is_english(words, compiled):
        return _unjudged(text, norm, count, compiled, "not_english")

    plan = _concrete_plan(norm, compiled)
    reading = _flags(text, norm, words, compiled, plan)
    flags = reading.flags
    asks = _asks(norm, compiled)  # once: the kind, the tones and the plain-answer test need it
    adds_value = _adds_value(flags, reading.value, plan, compiled)
    # A wall gets the wall's advice whatever it holds; a chase, a fight or a game is that.
    kind = (
        None
        if flags & (TROUBLE | {"wall_of_text"})
        # a joke the rules are sure of (an emoji, a tease), not a guess of the word model
        else kind_of(text, asks=asks, playful="playful" in reading.ruled)
    )
    if kind is None and not flags & TROUBLE and _plain_answer(norm, count, flags, asks, compiled):
        kind = "answer"
    return Critique(
        adds_value=adds_value,
        flags=frozenset(flags),
        score=_score(flags, adds_value, count, compiled),
        findings=_findings(
            flags,
            adds_value,
            count,
            compiled,
            plan,
            kind,
            text,
            _tones(text, norm, flags, asks, compiled),
        ),
        words=count,
        judgeable=True,
        kind=kind,
        unsure=None if kind is not None else _unsure(reading, adds_value, plan, compiled),
        asks=asks,
    )


@dataclass(frozen=True)
class _Reading:
    """What _flags found: the flags, the word model's scores (log-odds past each threshold,
    VALUE among them) and the flags the rules decided on their own, before any guess."""

    flags: set[str]
    scores: dict[str, float]
    ruled: frozenset[str]
    # guesses the guards would never let through here (no edge for blame, too long or a plan
    # for filler, clear play): a score near their line is no close call
    barred: frozenset[str] = frozenset()

    @property
    def value(self) -> float:
        return self.scores.get(VALUE, 1.0)


def _flags(text: str, norm: str, words: list[str], compiled: _Compiled, plan: bool) -> _Reading:
    """`words` are the draft's words, split once by critique() and shared by every check;
    `plan`: whether it proposes a concrete plan (`_concrete_plan`)."""
    count = len(words)
    margin = compiled.rules.limits.unsure_margin
    hit = compiled.flag_set.matching(norm)
    hit |= {name for name, pattern in compiled.cased.items() if pattern and pattern.search(text)}
    emojis = _emoji_in(text)
    if emojis & compiled.playful_emoji:
        hit.add("playful")
    # The word model adds what no pattern lists, but a guess never overrides clear play: a
    # tease with a wink or a "you wish" is banter, not a fight and not filler.
    found = features(norm, _kinds_of(emojis, compiled))
    scores = _model_scores(found, compiled)
    ruled = frozenset(hit)
    confidence = {f: score for f, score in scores.items() if score > 0 and f != VALUE}
    guessed = set(confidence) - hit
    if "playful" in hit:
        guessed -= {"conflict", "small_talk"}
    if "needy" in hit:
        guessed.discard("conflict")  # chasing reads as chasing, however sharp the words
    if compiled.care.search(norm):
        guessed.discard("needy")  # a lone "are you ok?" is care for him, not a chase
    if {"playful", "invites_reply"} <= hit and not _rival_hint(norm, emojis, compiled):
        guessed.discard("manipulation")  # a playful challenge is a rally, not a game
    if count > compiled.rules.limits.model_small_talk_words or plan:
        guessed.discard("small_talk")
    # A hesitant guess of blame needs an edge in the words, and one of openness a feeling of
    # hers; a sure guess ("you're such a hypocrite", "got knocked back. gutted") needs neither.
    hesitant = {f for f in guessed if confidence[f] < compiled.rules.limits.sure_guess}
    if "conflict" in hesitant and not _has_edge(words, emojis, compiled):
        guessed.discard("conflict")
    if "vulnerable" in hesitant and not _shows_feeling(norm, found, compiled):
        guessed.discard("vulnerable")
    hit |= guessed
    if "playful" not in hit and _insults_him(words, compiled):
        hit.add("conflict")
    if _sarcastic(norm, emojis, compiled) or compiled.dismissive.search(norm):
        hit.add("conflict")
    if "conflict" in hit:
        constructive = compiled.constructive.search(norm)
        softened = compiled.softened.search(
            norm + " " + "".join(sorted(emojis))
        ) and compiled.softenable.search(norm)
        if constructive or softened:
            hit.discard("conflict")
    if _curt(norm, words, emojis, compiled):
        hit.add("conflict")
    if _repeated_check_in(words, compiled):
        hit.add("needy")
    if count > compiled.rules.limits.wall_words:
        hit.add("wall_of_text")
    if not plan and (_small_talk(norm, compiled) or _someday_plan(norm, count, compiled)):
        hit.add("small_talk")
    barred = set()
    if (
        "playful" in hit
        or "needy" in hit
        or (
            "conflict" not in hit
            and abs(scores.get("conflict", math.inf)) < margin  # only a close guess needs
            and not _has_edge(words, emojis, compiled)  # the (slower) edge check
        )
    ):
        barred.add("conflict")
    if count > compiled.rules.limits.model_small_talk_words or plan or "playful" in hit:
        barred.add("small_talk")
    return _Reading(precedence(hit), scores, ruled | (hit - set(scores)), frozenset(barred))


def precedence(flags: Iterable[str]) -> set[str]:
    """What is wrong wins, as the dev set labels: games and fights are not play; chasing is
    not an invitation; a letter is not a rally; filler that chases or snaps is chasing or
    snapping; and a game says it all (never also conflict or needy).

    The dev set never puts a good flag beside a bad one, nor two of needy, conflict and
    manipulation; ten helper authors asked to follow its style never did either (2,880
    drafts). The trainer and the blind figures read labels through this too.
    """
    found = set(flags)
    if "manipulation" in found:
        found -= {"playful", "invites_reply", "vulnerable", "conflict", "needy"}
    if found & {"needy", "conflict", "manipulation", "wall_of_text"}:
        found -= {"playful", "invites_reply", "vulnerable", "small_talk"}
    if "small_talk" in found:
        found -= {"playful", "vulnerable"}
    return found


def _unsure(reading: _Reading, adds_value: bool, plan: bool, compiled: _Compiled) -> str | None:
    """What the verdict hangs on when it is a close call: a guess of the word model (not a
    rule) within `unsure_margin` of its line, either way, whose flip would flip the verdict.
    Said in plain words instead of a confident verdict (critique_rules.toml [unsure])."""
    margin = compiled.rules.limits.unsure_margin
    texts = compiled.rules.unsure
    flags = reading.flags
    for flag in ("manipulation", "conflict", "needy", "small_talk"):
        score = reading.scores.get(flag)
        if score is None or flag in reading.ruled or abs(score) >= margin:
            continue
        if flag not in flags and flag in reading.barred:
            continue
        flipped = flags - {flag} if flag in flags else flags | {flag}
        if _adds_value(flipped, reading.value, plan, compiled) != adds_value:
            return texts[flag]
    if flags & NOT_VALUE or plan or flags & {"playful", "vulnerable"}:
        return None
    line = -compiled.rules.limits.value_margin if "invites_reply" in flags else 0.0
    return texts[VALUE] if abs(reading.value - line) < margin else None


def _adds_value(flags: set[str], value: float, plan: bool, compiled: _Compiled) -> bool:
    """Nothing wrong, and something given (CONTRACT.md): play, a feeling or a story, a
    plan, or what the word model reads as giving him something. A question alone has to come
    close to that line (`value_margin`): "which gate?" asks, but gives little. A plain
    statement has to earn it: "Tex is in town." gives little, "Hey, just thinking of you."
    gives warmth."""
    if flags & NOT_VALUE:
        return False
    if plan or value > 0 or flags & {"playful", "vulnerable"}:
        return True
    return "invites_reply" in flags and value > -compiled.rules.limits.value_margin


def _tones(
    text: str, norm: str, flags: set[str], asks: bool, compiled: _Compiled
) -> frozenset[str]:
    """How a text sounds, so its advice can name it: dismissive ("cool story bro") rather than
    a fight, panicked (shouted in capitals) rather than plain chasing; "asks" for a question
    with or without its "?", which needs no "end with a question"."""
    tones = set()
    if "conflict" in flags and compiled.dismissive.search(norm):
        tones.add("dismissive")
    if "needy" in flags and _shouted(text):
        tones.add("panicked")
    if asks:
        tones.add("asks")
    return frozenset(tones)


_LOWER = re.compile(r"[a-z]")
_UPPER = re.compile(r"[A-Z]")


def _shouted(text: str) -> bool:
    """Mostly capitals: at least six, and more than four in five of the letters."""
    upper = len(_UPPER.findall(text))
    return upper >= 6 and upper > 4 * len(_LOWER.findall(text))


def _plain_answer(norm: str, count: int, flags: set[str], asks: bool, compiled: _Compiled) -> bool:
    """A short plain statement with no hook and nothing wrong: "Thai", "I get off at 6", "I
    have two brothers". Most likely an answer to him, and fine as it is; only texts that ask
    for attention and give nothing ("hey", "wyd", "ok cool") are filler."""
    if count > compiled.rules.limits.answer_max_words or flags & {
        "playful",
        "vulnerable",
        "invites_reply",
        "wall_of_text",
    }:
        return False
    if asks or compiled.filler.search(norm):
        return False
    return not _someday_plan(norm, count, compiled)


def _asks(norm: str, compiled: _Compiled) -> bool:
    """A question, with or without its "?" ("r u coming sat or not")."""
    return "?" in norm or bool(compiled.question_start.search(norm))


def _concrete_plan(norm: str, compiled: _Compiled) -> bool:
    """A time, and something to do or a proposal of hers: "dinner friday?", "meet at 6?"."""
    time, activity, ask, not_ask = compiled.plan
    if not time.search(norm) or not ask.search(norm) or not_ask.search(norm):
        return False
    # Asked only by its question mark, it needs something to do: "busy tomorrow?" is not a plan.
    return bool(activity.search(norm)) or not norm.rstrip().endswith("?")


def _someday_plan(norm: str, count: int, compiled: _Compiled) -> bool:
    """ "We should catch up at some point": a plan with nothing in it, so filler."""
    when, wish = compiled.someday
    limit = compiled.rules.plan.someday_max_words
    return count <= limit and bool(when.search(norm)) and bool(wish.search(norm))


def _curt(norm: str, words: list[str], emojis: set[str], compiled: _Compiled) -> bool:
    """A reply of bare acknowledgments that is cold or clipped: "noted.", "fine", "ok."."""
    curt = compiled.rules.curt
    if not words or len(words) > curt.max_words or "!" in norm or "?" in norm:
        return False
    if emojis & compiled.playful_emoji or any(w in curt.warm for w in words):
        return False
    allowed = curt.words | curt.cold | curt.beside
    if not all(w in allowed for w in words) or all(w in curt.beside for w in words):
        return False
    clipped = norm.rstrip().endswith(".")
    thrice = len(words) >= 3 and len(set(words)) == 1
    return clipped or thrice or any(w in curt.cold for w in words)


def _repeated_check_in(words: list[str], compiled: _Compiled) -> bool:
    """The same greeting or check-in again and again: "hey. hey. hey.", "wyd wyd wyd"."""
    rule = compiled.rules.repeated
    if len(words) > rule.max_words:
        return False
    return any(words.count(w) >= rule.times for w in set(words) if w in rule.words)


def _shows_feeling(norm: str, found: AbstractSet[str], compiled: _Compiled) -> bool:
    """A feeling of hers: a cue word, or a scored word within three words of I/me/my (a
    feature the word model's `found` already holds)."""
    if compiled.feeling_cues.search(norm):
        return True
    return bool({"<lex:neg_me>", "<lex:pos_me>"} & found)


def _has_edge(words: list[str], emojis: set[str], compiled: _Compiled) -> bool:
    """A guess of blame needs an edge: a harsh word that isn't turned around ("you're not
    stupid") or his state ("you sound tired"), or an eye-roll. A warm or neutral text ("what
    are you up to") that the word model finds blame-shaped is not a fight."""
    if emojis & compiled.edge_emoji:
        return True
    lexicon = valence()
    rules = compiled.rules.insult
    for index, word in enumerate(words):
        score = lexicon.get(word)
        if score is None or score > rules.edge_valence or word in rules.not_insults:
            continue
        if not (index > 0 and words[index - 1] in rules.negators):
            return True
    return False


def _rival_hint(norm: str, emojis: set[str], compiled: _Compiled) -> bool:
    """Another man in the text with a wink or a "just saying": maybe jealousy bait, so a
    playful look doesn't clear the word model's guess of a game."""
    return bool(compiled.rival_hint.search(norm + " " + "".join(sorted(emojis))))


def _sarcastic(norm: str, emojis: set[str], compiled: _Compiled) -> bool:
    """Mock praise with a grievance, aimed at him: "wow, a reply after 6 hours. honoured".

    Praise alone is praise and a grievance alone may be chasing; together they are sarcasm,
    which the contract counts as conflict, whatever emoji soften it.
    """
    opener, grievance, about_him = compiled.sarcasm
    if not opener.search(norm) or not about_him.search(norm):
        return False
    return bool(grievance.search(norm + " " + "".join(sorted(emojis))))


def _insults_him(words: list[str], compiled: _Compiled) -> bool:
    """ "you're (so) <a word the sentiment lexicon scores as harsh>": an insult aimed at him."""
    rules = compiled.rules.insult
    lexicon = valence()
    table = compiled.insult_subjects
    for start, word in enumerate(words):
        seconds = table.get(word)
        if seconds is None:
            continue
        after = words[start + 1] if start + 1 < len(words) else ""
        for subject in seconds.get("", ()) + seconds.get(after, ()):
            end = start + len(subject)
            if tuple(words[start:end]) != subject:
                continue
            for follower in words[end : end + 4]:
                if follower in rules.negators:
                    break
                if follower in rules.fillers:
                    continue
                score = lexicon.get(follower)
                if score is not None and score <= rules.valence:
                    return follower not in rules.not_insults
                break
    return False


def _score(flags: set[str], adds_value: bool, count: int, compiled: _Compiled) -> int:
    s = compiled.rules.scores
    if adds_value:
        score = s.adds_value_base
        score += s.playful * ("playful" in flags) + s.invites_reply * ("invites_reply" in flags)
        score += s.vulnerable * ("vulnerable" in flags)
        if count > compiled.rules.limits.long_words:
            score -= s.long_penalty
        return max(s.value_range[0], min(s.value_range[1], score))
    penalties = [getattr(s, f) for f in flags & NOT_VALUE]
    low, high = s.hold_range
    return max(low, min(high, min(penalties) if penalties else high))


def _findings(
    flags: set[str],
    adds_value: bool,
    count: int,
    compiled: _Compiled,
    plan: bool,
    kind: str | None,
    text: str,
    tones: frozenset[str] = frozenset(),
) -> tuple[Finding, ...]:
    """What works and what to change. A text of a kind that needs no hook (a close, an
    apology, bad news...) is coached by its kind's own advice: never "add a question", never
    "filler"."""
    f = compiled.findings
    found: list[Finding] = []
    for flag in ("playful", "invites_reply", "vulnerable"):
        if flag in flags:
            found.append(f[f"keep_{'invites' if flag == 'invites_reply' else flag}"])
    if adds_value and plan:
        found.append(f["keep_plan"])
    if kind is not None:
        for advice in advice_for(kind, text):
            found.append(Finding(advice.step, "change" if advice.change else "keep", advice.text))
    elif adds_value and not found:
        found.append(f["keep_value"])
    elif not adds_value and not flags:
        found.append(f["plain_question"] if "asks" in tones else f["plain"])
    named = {"conflict": "dismissive", "needy": "panicked"}
    for flag in ("manipulation", "conflict", "needy", "wall_of_text", "small_talk"):
        if flag in flags and not (kind is not None and flag == "small_talk"):
            found.append(f[named[flag]] if named.get(flag) in tones else f[flag])
    if _rally_hint(flags, adds_value, kind, tones):
        found.append(f["add_question"])
    if adds_value and count > compiled.rules.limits.long_words:
        found.append(f["trim"])
    if adds_value and "vulnerable" in flags and count >= compiled.rules.limits.voice_words:
        found.append(f["voice_idea"])
    return tuple(found)


def _rally_hint(flags: set[str], adds_value: bool, kind: str | None, tones: frozenset[str]) -> bool:
    """Whether to suggest ending with a question or a dare: for play or news that stops
    short of handing the ball back. Not for a feeling shared (step 3 asks nothing more of it),
    a text of a kind that needs no hook, or one that already asks."""
    if not adds_value or kind is not None or "asks" in tones:
        return False
    return not flags & {"invites_reply", "vulnerable"}


def _unjudged(text: str, norm: str, count: int, compiled: _Compiled, reason: str) -> Critique:
    """No fake verdict: say what couldn't be judged. A lone wink emoji still reads as play."""
    flags: set[str] = set()
    emojis = _emoji_in(text)
    if emojis & compiled.playful_emoji:
        flags.add("playful")
    elif reason == "no_words" and emojis & compiled.warm_emoji:
        reason = "no_words_warm"  # kisses and hearts are warmth, not a wink
    if reason == "no_words" and re.fullmatch(r"\?+", norm.replace(" ", "")):
        flags.add("needy")
    return Critique(
        adds_value=False,
        flags=frozenset(flags),
        score=compiled.rules.scores.unjudged,
        findings=(compiled.findings[reason],),
        words=count,
        judgeable=False,
    )
