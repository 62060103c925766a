"""Choosing the next item a user hasn't seen: fresh ones first, then the least recently given."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, TypeVar


class HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=HasId)


def stable_int(text: str, digest_size: int = 8) -> int:
    """A number from `text` that is the same in every process and on every machine (Python's
    own hash() is salted per process): every seeded choice in content/ draws from this."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=digest_size).digest())


def _shuffle_key(seed: int, item_id: str) -> int:
    """A stable per-user order, so two users don't get the same sequence."""
    return stable_int(f"{seed}:{item_id}")


def pick_next(
    items: Sequence[T],
    given: Mapping[str, str],
    seed: int,
    prefer: Callable[[T], bool] | None = None,
) -> tuple[T, bool]:
    """The next item, and whether `prefer` matched (False: nothing matched, any item given).

    `given` maps item id to when it was last given (sortable text). Never-given items come
    first in a per-seed shuffled order; when all are given, the least recently given wins.
    """
    if not items:
        raise ValueError("nothing to pick from")
    pool = [i for i in items if prefer(i)] if prefer else list(items)
    matched = bool(pool) or prefer is None
    if not pool:
        pool = list(items)
    fresh = [i for i in pool if i.id not in given]
    if fresh:
        return min(fresh, key=lambda i: _shuffle_key(seed, i.id)), matched
    return min(pool, key=lambda i: (given[i.id], _shuffle_key(seed, i.id))), matched


def ordered_for(items: Sequence[T], given: Mapping[str, str], seed: int) -> list[T]:
    """All items in the order pick_next would give them: fresh first, then oldest given."""
    fresh = sorted((i for i in items if i.id not in given), key=lambda i: _shuffle_key(seed, i.id))
    seen = sorted(
        (i for i in items if i.id in given), key=lambda i: (given[i.id], _shuffle_key(seed, i.id))
    )
    return fresh + seen
