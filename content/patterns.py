"""Compiling pattern lists from data files, with errors that name the file and field."""

from __future__ import annotations

import re

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
