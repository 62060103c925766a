"""Kind answers for everything no feature claimed: unknown commands, stickers, photos, edits."""

from __future__ import annotations

from telegram import Message, Update

from handlers.reply import ECHO_WORD, answer, esc, quote
from handlers.services import FonderContext

WORDS_PLEASE = "Paste the words of your draft as a text message and I'll take a look."


def describe_non_text(message: Message) -> str:
    if message.sticker:
        return "Nice sticker! I can only coach words, though. " + WORDS_PLEASE
    if message.photo or message.video or message.animation:
        return "I can't see pictures or videos — but I can read a caption. " + WORDS_PLEASE
    if message.voice or message.audio or message.video_note:
        return "I can't listen to audio yet. " + WORDS_PLEASE
    if message.document:
        return "I don't open files. " + WORDS_PLEASE
    if message.location or message.venue or message.contact or message.poll:
        return "That's not something I can coach. " + WORDS_PLEASE
    return "I can't read that kind of message. " + WORDS_PLEASE


async def unknown_command(update: Update, context: FonderContext) -> None:
    message = update.effective_message
    word = (message.text or "").split()[0] if message and message.text else "/"
    await answer(
        update,
        context,
        f"I don't know {quote(word, ECHO_WORD)}. Send /help to see what I can do.",
    )


async def non_text(update: Update, context: FonderContext) -> None:
    message = update.effective_message
    if message is None:
        return
    await answer(update, context, esc(describe_non_text(message)))


async def expired_button(update: Update, context: FonderContext) -> None:
    """Callback data no handler recognises (old, or forged): say so, change nothing."""
    query = update.callback_query
    if query is not None:
        await query.answer("That button isn't active any more — send /help to start again.")
