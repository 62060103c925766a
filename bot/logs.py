"""Logging with the bot token redacted from every line, message, argument and traceback.

python-telegram-bot logs the Bot API URL (token inside) at DEBUG and httpx logs request URLs at
INFO, so silencing one logger is not enough: the filter sits on every handler instead.
"""

from __future__ import annotations

import logging
import sys
import urllib.parse
from collections.abc import Iterable

from telegram.error import InvalidToken

REDACTED = "<token>"


class RedactingFilter(logging.Filter):
    """Rewrites a record in place so that none of the given secrets survive formatting."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        variants: set[str] = set()
        for secret in secrets:
            if secret:
                variants.add(secret)
                variants.add(urllib.parse.quote(secret, safe=""))
                variants.add(urllib.parse.quote(secret))
        # Longest first so a quoted form is not half-replaced by a shorter one.
        self._secrets = sorted(variants, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken %-format must not hide the line
            message = f"{record.msg!r} {record.args!r}"
        record.msg = self.redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class ConfigErrorFilter(logging.Filter):
    """A rejected token is a setting to fix, not a crash: keep the log line, drop the traceback.

    PTB logs InvalidToken with its traceback before re-raising it; the CLI then says in one
    line what to do. At DEBUG the traceback stays, for whoever is digging.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        rejected = record.exc_info is not None and isinstance(record.exc_info[1], InvalidToken)
        if rejected and logging.getLogger().getEffectiveLevel() > logging.DEBUG:
            record.exc_info = None
            record.exc_text = None
        return True


def install_redaction(secrets: Iterable[str], logger: logging.Logger | None = None) -> None:
    """Attach one redacting filter to every handler of `logger` (root by default)."""
    target = logger or logging.getLogger()
    redactor = RedactingFilter(secrets)
    for handler in target.handlers:
        for old in [f for f in handler.filters if isinstance(f, RedactingFilter)]:
            handler.removeFilter(old)
        handler.addFilter(redactor)


def setup_logging(level: str, secrets: Iterable[str], stream: object = None) -> None:
    """Configure root logging to stderr with redaction; httpx request lines only at DEBUG."""
    handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx's per-request INFO lines are noise at INFO; at DEBUG they stay (and are redacted).
    logging.getLogger("httpx").setLevel(level if level == "DEBUG" else "WARNING")
    handler.addFilter(ConfigErrorFilter())  # before redaction, which formats the traceback
    install_redaction(secrets, root)
