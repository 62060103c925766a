"""Everything content/ knows, loaded and validated once at start-up.

Each data file is read here so that a typo stops start-up with the file and field named,
instead of surfacing later as a broken reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
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


# Data files that hold rules, not words Fonder says; and, in the rest, tables of patterns.
_NOT_SAID = frozenset({"safety.toml", "helplines.toml"})
_SAID_PARTS = {"critique_rules.toml": ("findings", "unsure")}


def said_by_fonder() -> list[str]:
    """Every string in content/data that Fonder can send (openers, prompts, his rally lines,
    step texts, reply ideas, advice, alternatives' parts): the safety check must never trip
    on its own words, and its trainer takes them as known-safe text."""
    from content.loader import read_toml

    folder = resources.files("content").joinpath("data")
    said: list[str] = []
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml")):
        if name in _NOT_SAID:
            continue
        table = read_toml(name)
        if name in _SAID_PARTS:
            table = {key: table[key] for key in _SAID_PARTS[name]}
        if name == "kinds.toml":  # its patterns are not words
            table = {
                "kind": [{k: v for k, v in e.items() if k != "patterns"} for e in table["kind"]]
            }
        said += strings_in(table)
    return said


def strings_in(value: object) -> list[str]:
    """Every string in a TOML table, however nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def load_library(base: Path | None = None) -> Library:
    library = Library(steps=load_steps(base))
    if base is None:
        validate_all()
    return library
