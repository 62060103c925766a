"""Scoring the critic against labeled drafts: adds_value accuracy and flag macro-F1."""

from __future__ import annotations

import json
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
    positives: dict[str, int]  # how many agreed positives each flag had


def load(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def evaluate(rows: list[dict[str, object]]) -> Score:
    """Adds-value accuracy and flag macro-F1. Rows labeled by two annotators (the real sets)
    count only what both agreed on: no adds_value where it is None, and only the flags in
    `flags_known` (CONTRACT.md)."""
    tp = dict.fromkeys(FLAGS, 0)
    fp = dict.fromkeys(FLAGS, 0)
    fn = dict.fromkeys(FLAGS, 0)
    right = judged = 0
    for row in rows:
        result = critique(str(row["text"]))
        gold = set(row["flags"])  # type: ignore[call-overload]
        known = set(row.get("flags_known", FLAGS))  # type: ignore[call-overload]
        if row["adds_value"] is not None:
            judged += 1
            right += result.adds_value == row["adds_value"]
        for flag in known & FLAGS:
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
    positives = {flag: tp[flag] + fn[flag] for flag in sorted(FLAGS)}
    return Score(
        len(rows),
        right / max(judged, 1),
        sum(per_flag.values()) / len(per_flag),
        per_flag,
        positives,
    )
