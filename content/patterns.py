"""Compiling pattern lists from data files, with errors that name the file and field."""

from __future__ import annotations

import re
from collections.abc import Iterable

import re2

from content.loader import ContentError


def compile_any(patterns: list[str], where: str) -> re.Pattern[str]:
    """One case-insensitive alternation, so a whole list costs one regex search."""
    for index, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as error:
            raise ContentError(f"{where}[{index}]: bad regular expression ({error})") from None
    joined = "|".join(f"(?:{p})" for p in patterns) or r"(?!x)x"
    return re.compile(joined, re.IGNORECASE)


class PatternSet:
    """Many owners' RE2 patterns searched in one linear pass: which owners match, in the
    order they were given. RE2 (no look-arounds) keeps a 4,096-character draft as fast as a
    short one, where Python's backtracking alternations grow with every pattern."""

    def __init__(self, owned: Iterable[tuple[str, str]], where: str) -> None:
        self._set = re2.Set.SearchSet(re2.Options())
        owners: list[str] = []
        for index, (owner, pattern) in enumerate(owned):
            try:
                re2.compile(pattern)
            except re2.error as error:
                raise ContentError(
                    f"{where}[{index}] ({owner}): not an RE2 pattern ({error})"
                ) from None
            self._set.Add(pattern)
            owners.append(owner)
        self._set.Compile()
        self.owners = tuple(owners)

    def matching(self, text: str) -> set[str]:
        return {self.owners[i] for i in self._set.Match(text) or ()}
