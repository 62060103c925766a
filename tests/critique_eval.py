"""Scoring the critic against labeled drafts: adds_value accuracy and flag macro-F1."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from content.critique import FLAGS, critique

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "critique" / "dev_drafts.jsonl"
DATA = ROOT / "tests" / "data"


@dataclass(frozen=True)
class Score:
    n: int
    accuracy: float
    macro_f1: float
    per_flag: dict[str, float]


def load(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def dev_convention(flags: Iterable[str]) -> set[str]:
    """A label set as shared/critique/dev_drafts.jsonl writes it: what is wrong wins.

    Independent annotators of our own sets often add a good flag beside a bad one (a wall
    that is also vulnerable, a guilt trip that is also conflict). The dev set never does:
    its walls, chasers and games carry no playful, invites_reply or vulnerable, and none of
    its 8 games is also conflict or needy (no dev-style draft carries two of needy,
    conflict and manipulation). The unseen set is written to the same definitions as dev,
    so training and the blind figures use dev's convention; the critic applies it too.
    """
    found = set(flags)
    if "manipulation" in found:
        found -= {"conflict", "needy"}
    if found & {"needy", "conflict", "manipulation", "wall_of_text"}:
        found -= {"playful", "invites_reply", "vulnerable", "small_talk"}
    if "small_talk" in found:
        found -= {"playful", "vulnerable"}
    return found


def evaluate(rows: list[dict[str, object]]) -> Score:
    tp = dict.fromkeys(FLAGS, 0)
    fp = dict.fromkeys(FLAGS, 0)
    fn = dict.fromkeys(FLAGS, 0)
    right = 0
    for row in rows:
        result = critique(str(row["text"]))
        gold = set(row["flags"])  # type: ignore[call-overload]
        right += result.adds_value == row["adds_value"]
        for flag in FLAGS:
            if flag in result.flags and flag in gold:
                tp[flag] += 1
            elif flag in result.flags:
                fp[flag] += 1
            elif flag in gold:
                fn[flag] += 1
    per_flag = {}
    for flag in sorted(FLAGS):
        precision = tp[flag] / (tp[flag] + fp[flag]) if tp[flag] + fp[flag] else 1.0
        recall = tp[flag] / (tp[flag] + fn[flag]) if tp[flag] + fn[flag] else 1.0
        total = precision + recall
        per_flag[flag] = 2 * precision * recall / total if total else 0.0
    return Score(len(rows), right / len(rows), sum(per_flag.values()) / len(per_flag), per_flag)
