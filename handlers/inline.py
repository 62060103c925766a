"""Inline mode: "@bot words" in the chat with him lists openers to insert, personal and paged.

A query that is a whole sentence is a text she means to send, typically one a "📤 Use it"
button typed for her, so it comes first, exactly as written. Which openers, in what order, is
content.openers.inline_openers.
"""

from __future__ import annotations

import hashlib

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update

from content.alternatives import INLINE_LIMIT
from content.openers import inline_openers, is_sentence
from handlers.services import FonderContext, services

PAGE = 10  # results per page of the inline picker
PREVIEW = 120  # characters of a result shown under its title
CACHE_SECONDS = 10  # Telegram may reuse an answer to the same query, for the same user, this long
AS_WRITTEN = "Send as written"


def as_written(text: str) -> InlineQueryResultArticle:
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()
    return InlineQueryResultArticle(
        id=f"text-{digest}",
        title=f"📤 {AS_WRITTEN}",
        description=text[:PREVIEW],
        input_message_content=InputTextMessageContent(text),
    )


async def inline_query(update: Update, context: FonderContext) -> None:
    query = update.inline_query
    if query is None:
        return
    svc = services(context)
    text = query.query[:INLINE_LIMIT].strip()
    offset = int(query.offset) if query.offset.isdigit() else 0
    # A user we've never seen gets an empty history; nothing is stored for them.
    user = await svc.storage.users.get(query.from_user.id)
    given = await svc.storage.schedule.given(user.user_id, "opener") if user else {}
    ordered = inline_openers(text, given, query.from_user.id, svc.clock())
    page = ordered[offset : offset + PAGE]
    results = [as_written(text)] if is_sentence(text) and offset == 0 else []
    results += [
        InlineQueryResultArticle(
            id=o.id,
            title=o.label,
            description=o.text[:PREVIEW],
            input_message_content=InputTextMessageContent(o.text),
        )
        for o in page
    ]
    more = offset + PAGE < len(ordered)
    await query.answer(
        results,
        cache_time=CACHE_SECONDS,
        is_personal=True,
        next_offset=str(offset + PAGE) if more else "",
    )
