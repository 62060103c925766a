"""Advice that fits the text, against texts written by helpers who never saw the rules.

tests/data/coaching/*_dev.jsonl were read while writing the kinds and alternatives;
*_blind.jsonl were written later by another helper and never read for errors.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from content.alternatives import best_move, send_instead
from content.critique import Critique, critique
from content.kinds import KINDS, advice_for

SETS = Path(__file__).resolve().parent / "data" / "coaching"
STOCK_EVENTS = ("pigeon", "fitted sheet", "ladder", "croissant", "smoke alarm", "parallel park")


def _rows(name: str) -> list[dict[str, str]]:
    lines = (SETS / name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _pushed_for_a_hook(result: Critique) -> bool:
    """Told to end with a question or a dare, or called filler."""
    return any(
        ("question" in f.text.lower() and "dare" in f.text.lower()) or "filler" in f.text.lower()
        for f in result.findings
    )


@pytest.mark.parametrize("name", ["functional_dev.jsonl", "functional_blind.jsonl"])
def test_texts_that_need_no_hook_are_not_pushed_for_one(name: str) -> None:
    """A goodnight, logistics, thanks, love, an apology, bad news, a breakup, support: at most
    5 % are told to add a question or dare, or called filler (blind: 5 of 153 today)."""
    rows = _rows(name)
    pushed = [r["text"] for r in rows if _pushed_for_a_hook(critique(r["text"]))]
    assert len(rows) >= 100 and len(pushed) <= 0.05 * len(rows), pushed


EXAMPLES = {
    "bad_news": "my dad's in the hospital, so I'll be quiet tonight",
    "breakup": "I don't think this is working for me, I'm sorry",
    "support": "that sounds really hard. I'm here if you want to talk",
    "apology": "I'm sorry I snapped at you yesterday, that wasn't fair of me",
    "thanks": "thank you for dinner last night",
    "affection": "I love you so much",
    "logistics": "running 10 min late!",
    "closing": "goodnight, talk tomorrow",
    "answer": "I get off at 6",
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_gets_advice_of_its_own(kind: str) -> None:
    text = EXAMPLES[kind]
    result = critique(text)
    assert result.kind == kind, (text, result.kind)
    own = advice_for(kind, text)[0].text
    assert own in [f.text for f in result.findings]
    assert not _pushed_for_a_hook(result)
    assert send_instead(text, result) is None  # no joke glued onto it


def test_an_apology_with_a_but_is_told_so() -> None:
    result = critique("I'm sorry I was late, but you were late last week too")
    assert result.kind == "apology" and not result.fine_as_is
    # a change to make: the apology advice itself ("skips the 'but'") names it too
    assert any(f.kind == "change" and '"but"' in f.text for f in result.findings)


@pytest.mark.parametrize("name", ["weak_dev.jsonl", "weak_blind.jsonl"])
def test_alternatives_come_from_her_intent_and_never_repeat_a_stock_line(name: str) -> None:
    rows = _rows(name)
    assert len(rows) >= 100
    runs: dict[tuple[str, ...], set[int]] = defaultdict(set)
    given = 0
    for index, row in enumerate(rows):
        result = critique(row["text"])
        alternative = send_instead(row["text"], result)
        if alternative is None:
            continue
        given += 1
        assert critique(alternative).adds_value, alternative  # it passes the critic
        assert not any(e in alternative.lower() for e in STOCK_EVENTS), alternative
        words = re.findall(r"[\w']+", alternative.lower())
        for start in range(len(words) - 4):
            runs[tuple(words[start : start + 5])].add(index)
    repeated = {" ".join(run): len(drafts) for run, drafts in runs.items() if len(drafts) > 3}
    assert given >= 60 and not repeated, repeated


@pytest.mark.parametrize("name", ["weak_dev.jsonl", "weak_blind.jsonl"])
def test_chasing_gets_the_advice_to_send_nothing(name: str) -> None:
    """Most chasing and panicked drafts are read as chasing (today 27/38 dev, 29/44 blind;
    the rest as a fight or a game, which get their own alternative), and those get the
    advice to send nothing, never a text."""
    chasing = [r for r in _rows(name) if r["kind"] in ("chasing", "panicked")]
    assert len(chasing) >= 30
    advised = [r for r in chasing if best_move(critique(r["text"])) is not None]
    assert len(advised) >= 0.6 * len(chasing)
    for row in advised:
        assert send_instead(row["text"], critique(row["text"])) is None


def test_an_apology_that_takes_itself_back_is_not_fine_as_it_is() -> None:
    result = critique("sorry I snapped at you yesterday, but you started it")
    assert result.kind == "apology" and not result.fine_as_is
    assert any(f.kind == "change" and "but" in f.text for f in result.findings)
    assert send_instead("sorry I snapped at you yesterday, but you started it", result) is None
    assert critique("sorry I snapped at you yesterday, that wasn't fair").fine_as_is
