"""Features the critic's word model reads: words, word pairs and a few shape markers.

Shared by the critic (content/critique.py) and its trainer (tools/train_critic.py), so the
model is always read with exactly the features it was trained on.
"""

from __future__ import annotations

import re
from itertools import pairwise

_TOKEN = re.compile(r"[a-z0-9']+|[?!]+|[^\sa-z0-9'?!]")


def features(
    norm: str, emoji_kinds: frozenset[str] = frozenset(), max_tokens: int = 400
) -> set[str]:
    """`norm` is the lower-cased, normalised draft; `emoji_kinds` e.g. {"playful"}."""
    tokens = _TOKEN.findall(norm)[:max_tokens]
    words = [t for t in tokens if t[0].isalnum() or t[0] == "'"]
    found = {f"w:{w}" for w in words}
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
    found |= {f"<emoji:{kind}>" for kind in emoji_kinds}
    return found
