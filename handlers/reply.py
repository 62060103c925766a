"""Sending that never breaks: escaped user text, bounded length, tolerant edits.

Telegram refuses a whole message whose HTML does not parse or that is over 4,096 characters,
and the user then gets silence; every reply goes through here so that cannot happen.
"""

from __future__ import annotations

import html
import logging
import re

from telegram import ForceReply, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from handlers.services import FonderContext
from handlers.telegram_html import HtmlError, parse, utf16_len

log = logging.getLogger(__name__)
MAX_MESSAGE = 4096
_TAG = re.compile(r"<[^<>]*>")
# Coaching text often quotes a link she pasted; a preview card would bury the critique.
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def esc(text: str) -> str:
    """Escape user-supplied (or data-file) text for Telegram's HTML parse mode."""
    return html.escape(text, quote=False)


def plural(count: int, noun: str) -> str:
    """ "day" or "days" for `count` (our own nouns, all regular)."""
    return noun if count == 1 else noun + "s"


# How much of her text a reply repeats back: a word Fonder didn't understand, or a draft (or
# his message) quoted above its verdict. Enough to recognise it, short enough to scan.
ECHO_WORD = 40
ECHO_TEXT = 200


def quote(text: str, limit: int = ECHO_TEXT) -> str:
    """User text, clipped to `limit` characters *before* escaping, ready to embed in HTML."""
    clean = " ".join(text.split())
    if len(clean) > limit:
        clean = clean[: limit - 1].rstrip() + "…"
    return esc(clean)


def plain_text(html_text: str) -> str:
    """Tags dropped and entities decoded: the fallback when Telegram refuses our HTML."""
    return html.unescape(_TAG.sub("", html_text))


def safe_html(text: str) -> tuple[str, str | None]:
    """The text and parse mode to send: HTML if it fits, else clipped plain text.

    A source of at most 4,096 UTF-16 units can't render longer than that, so only longer
    ones are parsed here; whether Telegram accepts the HTML is checked by `send` itself.
    """
    if utf16_len(text) <= MAX_MESSAGE:
        return text, ParseMode.HTML
    try:
        plain = parse(text).text
    except HtmlError:
        log.error("reply HTML did not parse; sending it as plain text")
        plain = text
        if utf16_len(plain) <= MAX_MESSAGE:
            return plain, None
    else:
        if utf16_len(plain) <= MAX_MESSAGE and utf16_len(text) <= 3 * MAX_MESSAGE:
            return text, ParseMode.HTML
        log.error("reply over %d characters; clipping", MAX_MESSAGE)
    clipped = plain
    while utf16_len(clipped) > MAX_MESSAGE - 1:
        clipped = clipped[: len(clipped) - max(1, utf16_len(clipped) - (MAX_MESSAGE - 1))]
    return clipped + "…", None


async def send(
    context: FonderContext,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | ForceReply | None = None,
) -> None:
    """Send HTML; if Telegram can't parse it, send the same words as plain text instead of
    leaving the user with silence. Through `Bot.send_message`, PTB's public call for it."""
    body, mode = safe_html(text)
    try:
        await _send_message(context, chat_id, body, mode, markup)
    except BadRequest as error:
        if mode is None or "parse entities" not in str(error).lower():
            raise
        log.error("Telegram refused our HTML (%s); sending plain text", error)
        fallback, _ = safe_html(esc(plain_text(body)))
        await _send_message(context, chat_id, plain_text(fallback), None, markup)


async def _send_message(
    context: FonderContext,
    chat_id: int,
    text: str,
    mode: str | None,
    markup: InlineKeyboardMarkup | ForceReply | None,
) -> None:
    await context.bot.send_message(
        chat_id=chat_id,
        text=text,
        parse_mode=mode,
        reply_markup=markup,
        link_preview_options=NO_PREVIEW,
    )


async def answer(
    update: Update,
    context: FonderContext,
    text: str,
    markup: InlineKeyboardMarkup | ForceReply | None = None,
) -> None:
    """Reply in the chat the update came from (no-op when there is no chat)."""
    chat = update.effective_chat
    if chat is None:
        return
    await send(context, chat.id, text, markup)


async def edit_or_send(
    update: Update,
    context: FonderContext,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Edit the message whose button was pressed; pressing twice is not an error.

    Telegram answers 400 "message is not modified" when nothing changes, and an edit of a
    message too old or gone fails too; in the latter case a fresh message is sent instead.
    """
    query = update.callback_query
    message = query.message if query else None
    body, mode = safe_html(text)
    if isinstance(message, Message):
        try:
            await message.edit_text(
                body, parse_mode=mode, reply_markup=markup, link_preview_options=NO_PREVIEW
            )
            return
        except BadRequest as error:
            if "not modified" in str(error).lower():
                return
            log.info("edit failed (%s); sending a new message", error)
    chat = update.effective_chat
    user = update.effective_user
    # A button on a message Telegram no longer gives us: in a private chat, chat id = user id.
    chat_id = chat.id if chat else user.id if user else None
    if chat_id is not None:
        await send(context, chat_id, text, markup)
