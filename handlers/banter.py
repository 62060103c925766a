"""/banter: a playful opener this user hasn't had yet, with Another / Why / Use it buttons."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from content.alternatives import INLINE_LIMIT
from content.openers import Opener, by_id, matches_topic, openers, topics
from content.picking import pick_next
from handlers.buttons import Valued
from handlers.reply import answer, edit_or_send, esc
from handlers.services import FonderContext, services

# A topic is kept to this many characters: it rides in "Another"'s data (64 bytes at most).
TOPIC_MAX = 20
# "banter:more" or "banter:more:food" (another opener on the same topic)
MORE = Valued("banter:more", rf"[a-z]{{1,{TOPIC_MAX}}}", str, optional=True)
WHY = Valued("banter:why", r"[a-z0-9_-]{1,40}", str)


def inline_text(opener: Opener) -> str:
    return opener.text if len(opener.text) <= INLINE_LIMIT else f"#{opener.id}"


def opener_keyboard(opener: Opener, topic: str | None) -> InlineKeyboardMarkup:
    rows = [[MORE.button("🔁 Another", topic), WHY.button("💡 Why it works", opener.id)]]
    if opener.sendable:  # choosing an inline result sends it as is: no brackets, no voice idea
        rows.append(
            [InlineKeyboardButton("📤 Use it in a chat", switch_inline_query=inline_text(opener))]
        )
    return InlineKeyboardMarkup(rows)


def render_opener(opener: Opener, topic: str | None, matched: bool, why: bool = False) -> str:
    head = f"🎾 <b>{esc(opener.label)}</b>" + (f" · {esc(topic)}" if topic and matched else "")
    body = f"{head}\n\n<i>“{esc(opener.text)}”</i>"
    if opener.needs_filling:
        body += "\n✍️ <i>Swap the part in [brackets] for what he told you, then send it.</i>"
    if topic and not matched:
        known = ", ".join(topics())
        body = (
            f"I have no openers about “{esc(topic)}” yet, so here's one from everything. "
            f"Topics I know: {esc(known)}.\n\n" + body
        )
    if why:
        body += f"\n\n💡 <b>Why it works</b> <i>(step {opener.step})</i>: {esc(opener.why)}"
    return body


async def _give(update: Update, context: FonderContext, topic: str | None, edit: bool) -> None:
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    given = await svc.storage.schedule.given(user.id, "opener")
    prefer = (lambda o: matches_topic(o, topic)) if topic else None
    opener, matched = pick_next(openers(), given, seed=user.id, prefer=prefer)
    await svc.storage.schedule.mark_given(user.id, "opener", opener.id, svc.clock())
    text = render_opener(opener, topic, matched)
    markup = opener_keyboard(opener, topic if matched else None)
    if edit:
        await edit_or_send(update, context, text, markup)
    else:
        await answer(update, context, text, markup)


async def banter_command(update: Update, context: FonderContext) -> None:
    args = context.args or []
    words = [w.lower() for w in args if w.isalpha()]
    # "/banter 🍕": no word to match, but she asked for a topic — say there's none, don't
    # silently hand over any opener as if it were about pizza.
    topic = words[0] if words else (args[0] if args else None)
    await _give(update, context, topic[:TOPIC_MAX] if topic else None, edit=False)


async def more_button(update: Update, context: FonderContext) -> None:
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    await _give(update, context, MORE.read(context), edit=True)


async def why_button(update: Update, context: FonderContext) -> None:
    query, opener_id = update.callback_query, WHY.read(context)
    if query is None or opener_id is None:
        return
    opener = by_id(opener_id)
    if opener is None:
        await query.answer("That opener isn't around any more — try /banter.")
        return
    await query.answer()
    await edit_or_send(
        update, context, render_opener(opener, None, True, why=True), opener_keyboard(opener, None)
    )
