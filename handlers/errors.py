"""The global error handler: the user hears we slipped, the log gets the (redacted) traceback,
and the operators in ADMIN_IDS hear of each new kind of error (rules-bot does the same with an
error channel): its type and the line of Fonder's own code it came from, at most once an hour
per kind. Never the error's message, which may hold a user's words or a URL with the token."""

from __future__ import annotations

import logging
import traceback
from datetime import timedelta
from pathlib import Path

from telegram import Update
from telegram.constants import ChatType

from handlers.services import FonderContext, Services, services

log = logging.getLogger("fonder.errors")

SORRY = "Something went wrong on my side — nothing you sent was lost. Please try again in a moment."
ALERT_EVERY = timedelta(hours=1)  # per kind of error
OUR_CODE = ("handlers", "content", "storage", "bot")


def error_kind(error: BaseException) -> str:
    """ "KeyError at handlers/steps.py:61 (step_button)": the type and the deepest frame of
    Fonder's own code, so the same fault raised from anywhere in a library is one kind."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if Path(f.filename).parent.name in OUR_CODE]
    if not ours:
        return type(error).__name__
    frame = ours[-1]
    where = f"{Path(frame.filename).parent.name}/{Path(frame.filename).name}:{frame.lineno}"
    return f"{type(error).__name__} at {where} ({frame.name})"


async def alert_operators(context: FonderContext, error: BaseException) -> None:
    svc = services(context)
    if not svc.admin_ids:
        return
    kind = error_kind(error)
    if not await _first_this_hour(svc, kind):
        return
    text = f"⚠️ Fonder error: {kind}. The log has the traceback; the user was told to retry."
    for admin in sorted(svc.admin_ids):
        try:
            await context.bot.send_message(chat_id=admin, text=text)
        except Exception:  # an operator who blocked the bot must not break the handler
            log.warning("could not alert operator %s", admin, exc_info=True)


async def _first_this_hour(svc: Services, kind: str) -> bool:
    """Claimed in the database, so N workers tell the operators once an hour between them.
    If the database is what failed, this process's own memory keeps it to once an hour."""
    now = svc.clock()
    try:
        return await svc.storage.alerts.claim(kind, now, ALERT_EVERY)
    except Exception:
        log.warning("could not record the operators' alert; using this process's memory")
    last = svc.alerted.get(kind)
    if last is not None and now - last < ALERT_EVERY:
        return False
    svc.alerted[kind] = now
    return True


async def on_error(update: object, context: FonderContext) -> None:
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
    if context.error is not None:
        await alert_operators(context, context.error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query:
            await update.callback_query.answer()
        chat = update.effective_chat
        if chat is not None and chat.type == ChatType.PRIVATE:
            await context.bot.send_message(chat_id=chat.id, text=SORRY)
    except Exception:  # the apology itself failed (network, blocked): log, never loop
        log.warning("could not tell user about the error", exc_info=True)
