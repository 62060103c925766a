"""The global error handler: the user hears we slipped, the log gets the (redacted) traceback."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

log = logging.getLogger("fonder.errors")

SORRY = "Something went wrong on my side — nothing you sent was lost. Please try again in a moment."


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
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
