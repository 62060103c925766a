"""Train the critic's word model: one logistic regression per flag over words and word pairs.

    python tools/train_critic.py [--holdout tests/data/X.jsonl]

Reads the labeled drafts (shared/critique/dev_drafts.jsonl and tests/data/*.jsonl), writes
content/data/critic_model.json. With --holdout, that file is left out of training and scored,
which is the honest estimate of how the critic does on drafts it never saw.

Files whose name ends in `_blind.jsonl` (e.g. tests/data/drafts_blind.jsonl, written from the
contract alone) are never trained on, by default: they are the held-out yardstick for drafts
the critic has not seen. With --holdout on such a file it is scored as usual.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from content.critic_features import features  # noqa: E402
from content.critique import (  # noqa: E402
    MODEL_FLAGS,
    NOT_VALUE,
    _emoji_kinds,
    _normalise,
    precedence,
)

NEGATIVE_MARGIN = 0.25
# Flags whose word-model guesses need a wider margin than the rest (chosen by leave-one-
# author-out cross-validation; see the README's critic section).
FLAG_MARGINS: dict[str, float] = {"needy": 1.0, "playful": 0.5}
# Never trained on: the blind set stays an honest measure of unseen drafts.
BLIND_SUFFIX = "_blind.jsonl"

OUT = ROOT / "content" / "data" / "critic_model.json"


def load(paths: list[Path]) -> list[dict[str, object]]:
    rows = []
    for path in paths:
        rows += [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    return rows


def as_dev_labels(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Labels in the dev set's convention (content.critique.precedence)."""
    return [{**r, "flags": sorted(precedence(r["flags"]))} for r in rows]  # type: ignore[arg-type]


def featurise(rows: list[dict[str, object]]) -> list[set[str]]:
    return [features(_normalise(str(r["text"])), _emoji_kinds(str(r["text"]))) for r in rows]


def train(rows: list[dict[str, object]], l2: float = 0.003, epochs: int = 400) -> dict[str, object]:
    feats = featurise(rows)
    counts: dict[str, int] = {}
    for f in feats:
        for name in f:
            counts[name] = counts.get(name, 0) + 1
    vocab = sorted(n for n, c in counts.items() if c >= 2 or n.startswith("<"))
    index = {n: i for i, n in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)))
    for r, f in enumerate(feats):
        for name in f:
            if name in index:
                x[r, index[name]] = 1.0
    model: dict[str, object] = {}
    for flag in sorted(MODEL_FLAGS):
        y = np.array([1.0 if flag in r["flags"] else 0.0 for r in rows])  # type: ignore[operator]
        pos = max(y.sum(), 1.0)
        weight = np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * max(len(y) - pos, 1.0)))
        w = np.zeros(len(vocab))
        b = 0.0
        for _ in range(epochs):
            p = 1 / (1 + np.exp(-(x @ w + b)))
            g = (p - y) * weight
            w -= 0.5 * (x.T @ g / len(y) + l2 * w)
            b -= 0.5 * g.mean()
        kept = {vocab[i]: round(float(w[i]), 3) for i in range(len(vocab)) if abs(w[i]) >= 0.02}
        model[flag] = {"bias": round(b, 3), "weights": kept}
    # The model alone may add a negative flag (one that turns the verdict to "hold on") only
    # with a clear margin: with a few hundred drafts, generic words carry some weight.
    margins = {
        f: FLAG_MARGINS.get(f, NEGATIVE_MARGIN if f in NOT_VALUE else 0.0)
        for f in sorted(MODEL_FLAGS)
    }
    return {"flags": model, "threshold": 0.5, "margins": margins, "trained_on": len(rows)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--holdout", type=Path)
    args = parser.parse_args()
    sources = [
        ROOT.parent / "shared" / "critique" / "dev_drafts.jsonl",
        *sorted((ROOT / "tests" / "data").glob("*.jsonl")),
    ]
    training = [
        p
        for p in sources
        if p.exists()
        and not p.name.endswith(BLIND_SUFFIX)
        and (args.holdout is None or p.resolve() != args.holdout.resolve())
    ]
    model = train(as_dev_labels(load(training)))
    OUT.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", "utf-8")
    where = OUT.relative_to(ROOT)
    print(f"trained on {model['trained_on']} drafts from {len(training)} files -> {where}")
    if args.holdout:
        from content import critique as critic
        from tests.critique_eval import evaluate

        critic._compiled.cache_clear()
        score = evaluate(load([args.holdout]))
        figures = f"accuracy={score.accuracy:.3f} macro-F1={score.macro_f1:.3f}"
        print(f"held out {args.holdout.name}: n={score.n} {figures}")
        print("  " + " ".join(f"{k}={v:.2f}" for k, v in score.per_flag.items()))


if __name__ == "__main__":
    main()
