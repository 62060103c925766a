"""Features the critic's word model reads: words, word pairs, shape markers, and feeling.

The feeling features come from VADER's sentiment lexicon (vaderSentiment ships it in the
package): 7,500 scored words let the model generalise past the words its labeled drafts
happen to contain. "selfish", "ruined" or "pathetic" near "you" is blame (conflict); "scared",
"lonely" or "embarrassed" near "I" is a feeling shared (vulnerable) — whether or not the
training drafts ever used that word.

Shared by the critic (content/critique.py) and its trainer (tools/train_critic.py), so the
model is always read with exactly the features it was trained on.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

_TOKEN = re.compile(r"[a-z0-9']+|[?!]+|[^\sa-z0-9'?!]")
_STRONG = 1.0  # |valence| from which a lexicon word counts as a feeling
_NEAR = 3  # words between a pronoun and a feeling word that still tie them together
_YOU = frozenset({"you", "your", "you're", "youre", "u", "ur", "yours", "yourself"})
_ME = frozenset({"i", "i'm", "im", "me", "my", "i've", "ive", "i'd", "i'll", "myself", "mine"})
_NEGATORS = frozenset(
    {"not", "no", "never", "don't", "dont", "isn't", "isnt", "wasn't", "wasnt", "can't", "cant"}
)


@lru_cache(maxsize=1)
def valence() -> dict[str, float]:
    """VADER's word → valence (-4 … 4), read once from the package's own lexicon."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return {
        word: float(score)
        for word, score in SentimentIntensityAnalyzer().lexicon.items()
        if word.isalpha() or "'" in word
    }


BREAK = "|"  # a clause boundary in a word list: feelings don't reach across it
_CLAUSE_END = frozenset(".,!?;:…") | {"...", "!!", "??", "?!", "!?"}


def _clauses(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        if token[0].isalnum() or token[0] == "'":
            out.append(token)
        elif (token in _CLAUSE_END or token[0] in "?!") and out and out[-1] != BREAK:
            out.append(BREAK)
    return out


def feeling_features(words: list[str]) -> set[str]:
    """Negative / positive words, and whether "you" or "I" is near them in the same clause.

    "the sunset is supposed to be insane. meet me at 7" is a plan, not a feeling of hers:
    "insane" and "me" are in different sentences, so BREAK keeps them apart.
    """
    lexicon = valence()
    found: set[str] = set()
    negatives = 0
    for index, word in enumerate(words):
        score = lexicon.get(word)
        if score is None or abs(score) < _STRONG:
            continue
        if index and words[index - 1] in _NEGATORS:
            score = -score
        tone = "neg" if score < 0 else "pos"
        negatives += tone == "neg"
        found.add(f"<lex:{tone}>")
        start, end = max(0, index - _NEAR), index + _NEAR + 1
        window = words[start:end]
        if BREAK in window:
            before = words[start:index]
            after = words[index + 1 : end]
            if BREAK in before:
                before = before[len(before) - before[::-1].index(BREAK) :]
            if BREAK in after:
                after = after[: after.index(BREAK)]
            window = before + after
        if any(w in _YOU for w in window):
            found.add(f"<lex:{tone}_you>")
        if any(w in _ME for w in window):
            found.add(f"<lex:{tone}_me>")
    if negatives >= 2:
        found.add("<lex:neg2>")
    return found


def _words(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t[0].isalnum() or t[0] == "'"]


def words_of(norm: str, max_tokens: int = 400) -> list[str]:
    """The words `features` reads, in order (punctuation and emoji left out)."""
    return _words(_TOKEN.findall(norm)[:max_tokens])


def features(
    norm: str, emoji_kinds: frozenset[str] = frozenset(), max_tokens: int = 400
) -> frozenset[str]:
    """`norm` is the lower-cased, normalised draft; `emoji_kinds` e.g. {"playful"}."""
    found = _text_features(norm, max_tokens)
    if not emoji_kinds:
        return found
    return found | {f"<emoji:{kind}>" for kind in emoji_kinds}


@lru_cache(maxsize=16)
def _text_features(norm: str, max_tokens: int) -> frozenset[str]:
    """What the words say. Cached for the last few drafts: the safety check and then the
    critic read the same draft's features on every draft (about 40 us each time)."""
    tokens = _TOKEN.findall(norm)[:max_tokens]
    words = _words(tokens)
    clauses = _clauses(tokens)
    found = {f"w:{w}" for w in words}
    # word starts ("cook" for cooking, cooked, cooks): real texts spell and inflect freely,
    # and a stem seen in training still counts (chosen by cross-validation over real sites)
    found |= {f"s:{w[:4]}" for w in words if len(w) > 4}
    found |= {f"b:{a}_{b}" for a, b in pairwise(words)}
    if words:
        found.add(f"first:{words[0]}")
        found.add(f"last:{words[-1]}")
    if "?" in norm:
        found.add("<q>")
    if "??" in norm:
        found.add("<qq>")
    if norm.rstrip().endswith("?"):
        found.add("<ends_q>")
    if "!" in norm:
        found.add("<excl>")
    if "..." in norm:
        found.add("<dots>")
    count = len(words)
    found.add(
        "<len:1-3>"
        if count <= 3
        else "<len:4-10>"
        if count <= 10
        else "<len:11-40>"
        if count <= 40
        else "<len:41+>"
    )
    found |= feeling_features(clauses)
    return frozenset(found)
