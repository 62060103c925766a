"""Everything content/ knows, loaded and validated once at start-up.

Each data file is read here so that a typo stops start-up with the file and field named,
instead of surfacing later as a broken reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from content import (
    alternatives,
    breaks,
    coaching,
    his_message,
    kinds,
    openers,
    practice,
    rally,
    replies,
    safety,
)
from content.steps import Step, load_steps


@dataclass(frozen=True)
class Library:
    steps: tuple[Step, ...]

    def step(self, number: int) -> Step | None:
        return self.steps[number - 1] if 1 <= number <= len(self.steps) else None


def validate_all() -> None:
    """Load (and cache) every other content file; raises ContentError on the first problem.

    Everything the first reply needs is loaded here, before Fonder takes updates: judging one
    draft warms the critic's rules, its word model, the sentiment lexicon and the kinds, and
    one alternative the templates. Left to the first draft, that took ~140 ms, and every
    update queued behind it waited too."""
    from content.critique import critique

    openers.openers()
    openers.check_counts()
    practice.prompts()
    replies.reply_ideas()
    breaks.ideas()
    breaks.reasons()
    coaching.rules()
    safety.safety_note("")
    kinds.kind_of("")
    his_message.read_his_message("")
    alternatives.alternatives()
    warm = "hey, how was your day?"
    alternatives.send_instead(warm, critique(warm))
    rally.rules()
    rally.his_lines()


def load_library(base: Path | None = None) -> Library:
    library = Library(steps=load_steps(base))
    if base is None:
        validate_all()
    return library
