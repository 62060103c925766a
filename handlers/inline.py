"""Inline mode: "@bot words" in the chat with him lists openers to insert, personal and paged.

A query that is a whole sentence (at least four words) is a text she means to send, typically
one a "📤 Use it" button typed for her, so it comes first, exactly as written.
"""

from __future__ import annotations

import hashlib

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.ext import ContextTypes

from content.alternatives import INLINE_LIMIT
from content.openers import by_id, matches_query, openers
from content.picking import ordered_for
from handlers.services import services

PAGE = 10
ROTATE_SECONDS = 600
SENTENCE_WORDS = 4  # this many words is a text to send, not a topic to look up
AS_WRITTEN = "Send as written"


def is_sentence(text: str) -> bool:
    return len(text.split()) >= SENTENCE_WORDS


def as_written(text: str) -> InlineQueryResultArticle:
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()
    return InlineQueryResultArticle(
        id=f"text-{digest}",
        title=f"📤 {AS_WRITTEN}",
        description=text[:120],
        input_message_content=InputTextMessageContent(text),
    )


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    if query is None:
        return
    svc = services(context)
    text = query.query[:INLINE_LIMIT].strip()
    offset = int(query.offset) if query.offset.isdigit() else 0
    # A user we've never seen gets an empty history; nothing is stored for them.
    user = await svc.storage.users.get(query.from_user.id)
    given = await svc.storage.schedule.given(user.user_id, "opener") if user else {}
    exact = by_id(text[1:]) if text.startswith("#") else None
    pool = [exact] if exact else [o for o in openers() if matches_query(o, text)]
    pool = [o for o in pool if not o.needs_filling]  # picking one sends it unfinished
    sentence = is_sentence(text)
    if sentence:  # the text itself comes first; an opener with the same words isn't repeated
        pool = [o for o in pool if o.text != text]
    # A fresh order every ten minutes: not the same list each time she opens it, but stable
    # while Telegram fetches the next pages of one list.
    bucket = int(svc.clock().timestamp()) // ROTATE_SECONDS
    ordered = ordered_for(pool, given, seed=query.from_user.id * 1_000_003 + bucket)
    page = ordered[offset : offset + PAGE]
    results = [as_written(text)] if sentence and offset == 0 else []
    results += [
        InlineQueryResultArticle(
            id=o.id,
            title=o.label,
            description=o.text[:120],
            input_message_content=InputTextMessageContent(o.text),
        )
        for o in page
    ]
    more = offset + PAGE < len(ordered)
    await query.answer(
        results,
        cache_time=10,
        is_personal=True,
        next_offset=str(offset + PAGE) if more else "",
    )
