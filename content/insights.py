"""/insights: which of her own habits get replies, from her own marked outcomes only.

Rates are shown with the counts behind them, and not at all below a minimum of marked texts:
a "67%" from three texts would be noise dressed up as advice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

MIN_OUTCOMES = 10
# His message forwarded within this long after she sent a text counts as his answer to it;
# later, it is a new conversation.
REPLY_WINDOW_HOURS = 48
REPLY_WINDOW = timedelta(hours=REPLY_WINDOW_HOURS)


class MarkedText(Protocol):
    """A sent text she marked "he replied" or "no reply" (storage.models.Outcome fits)."""

    @property
    def flags(self) -> frozenset[str]: ...
    @property
    def in_hours(self) -> bool | None: ...
    @property
    def replied(self) -> bool: ...


@dataclass(frozen=True)
class Rate:
    replied: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.replied / self.total) if self.total else 0

    def __str__(self) -> str:
        if not self.total:
            return "no texts yet"
        return f"{self.replied} of {self.total} got a reply ({self.percent}%)"


@dataclass(frozen=True)
class Comparison:
    habit: str
    step: int
    with_it: Rate
    without_it: Rate


@dataclass(frozen=True)
class Insights:
    marked: int
    overall: Rate
    comparisons: tuple[Comparison, ...]
    needed: int  # more marked outcomes needed before rates are shown (0: enough)
    hours_unknown: int  # marked texts sent before she set his open hours


def _rate(texts: Sequence[MarkedText]) -> Rate:
    return Rate(sum(t.replied for t in texts), len(texts))


def _split(texts: Sequence[MarkedText], test: Callable[[MarkedText], bool]) -> tuple[Rate, Rate]:
    return _rate([t for t in texts if test(t)]), _rate([t for t in texts if not test(t)])


def insights(texts: Sequence[MarkedText], minimum: int = MIN_OUTCOMES) -> Insights:
    overall = _rate(texts)
    if len(texts) < minimum:
        return Insights(len(texts), overall, (), minimum - len(texts), 0)
    invites = _split(texts, lambda t: "invites_reply" in t.flags)
    playful = _split(texts, lambda t: "playful" in t.flags)
    timed = [t for t in texts if t.in_hours is not None]
    hours = _split(timed, lambda t: bool(t.in_hours))
    comparisons = (
        Comparison("hand the ball back (a question or invitation)", 2, *invites),
        Comparison("are playful", 2, *playful),
        Comparison("went out inside his open hours", 1, *hours),
    )
    return Insights(len(texts), overall, comparisons, 0, len(texts) - len(timed))
