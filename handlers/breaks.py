"""/break: space from texting (step 4) — to recharge and be missed, never to make him chase."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Forbidden

from content import breaks as content_breaks
from content.openers import ready_to_send
from content.picking import pick_next
from content.timezones import zone
from handlers.buttons import Plain, Valued
from handlers.commands import command_text
from handlers.draft_buttons import draft_press, mark_sent
from handlers.reply import answer, esc, send
from handlers.services import FonderContext, services, stop_for_blocked, user_row
from storage.models import DraftState

START = Valued("break:start", r"\d{1,4}[mhd]", str)  # "break:start:24h"
# Under a critique during a break: send it anyway (ends the break) or keep the break.
ANYWAY = Valued("break:anyway", r"\d{1,12}", int)
KEEP = Plain("break:keep")


def break_choice(draft_id: int) -> list[InlineKeyboardButton]:
    """The row under a critique written during a break, in place of "I sent it"."""
    return [ANYWAY.button("📤 Send anyway", draft_id), KEEP.button("🌿 Keep my break")]


async def start_break(update: Update, context: FonderContext, spec: str) -> None:
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    try:
        length = content_breaks.parse_duration(spec)
    except ValueError as error:
        await answer(
            update, context, f"Hmm — {esc(str(error))}. For example <code>/break 24h</code>."
        )
        return
    now = svc.clock()
    ends = now + length
    await svc.storage.schedule.start_break(user.id, now, ends)
    svc.scheduler.break_on(user.id, ends)
    row = await user_row(context, user.id)
    local_end = ends.astimezone(zone(row.time_zone if row else None))
    when = local_end.strftime("%H:%M") if length.days < 1 else local_end.strftime("%a %d %b, %H:%M")
    if row is None or row.time_zone is None:
        when += " UTC (set your time zone with /tz)"
    reason = content_breaks.pick(content_breaks.reasons(), user.id + now.toordinal())
    idea = content_breaks.pick(content_breaks.ideas(), user.id + now.day)
    await answer(
        update,
        context,
        f"🌿 <b>Break on for {content_breaks.describe(length)}</b> — until {when}.\n\n"
        f"{esc(reason)}\n\n<b>An idea for the time:</b> {esc(idea)}\n\n"
        "You can still send me drafts; I'll remind you gently. "
        "<code>/break off</code> ends it early.",
    )


async def break_command(update: Update, context: FonderContext) -> None:
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    spec = command_text(context).lower()
    if spec in {"off", "stop", "end"}:
        ended = await svc.storage.schedule.cut_break_short(user.id, svc.clock())
        svc.scheduler.break_off(user.id)
        await answer(
            update, context, "🌿 Break ended. Welcome back." if ended else "You're not on a break."
        )
        return
    if not spec:
        current = await svc.storage.schedule.current_break(user.id)
        if current is not None and current.ends_at > svc.clock():
            row = await user_row(context, user.id)
            until = current.ends_at.astimezone(zone(row.time_zone if row else None)).strftime(
                "%a %H:%M"
            )
            await answer(
                update,
                context,
                f"🌿 You're on a break until {until}. <code>/break off</code> ends it.",
            )
            return
        await answer(
            update,
            context,
            "🌿 <b>Take a break from texting</b> — step 4: space lets you focus on yourself, and "
            "gives him room to miss you. Never a game to make him chase.\n\n"
            "<code>/break 30m</code>, <code>/break 2h</code>, <code>/break 24h</code>, "
            "<code>/break 3d</code> — or tap:",
            InlineKeyboardMarkup([[START.button(label, label) for label in ("2h", "24h", "3d")]]),
        )
        return
    await start_break(update, context, spec)


async def start_button(update: Update, context: FonderContext) -> None:
    query, spec = update.callback_query, START.read(context)
    if query is None or spec is None:
        return
    await query.answer()
    await start_break(update, context, spec)


async def keep_button(update: Update, context: FonderContext) -> None:
    query = update.callback_query
    if query is not None:
        await query.answer("Good call. 🌿")
    await answer(
        update,
        context,
        "🌿 Keeping your break. The draft will still be here in your chat when it's over.",
    )


async def anyway_button(update: Update, context: FonderContext) -> None:
    """She decides to send it: log it as sent and end the break — her call, not a rule."""
    press = await draft_press(update, context, ANYWAY)
    if press is None or not await mark_sent(press):
        return
    await press.svc.storage.schedule.cut_break_short(press.user_id, press.svc.clock())
    press.svc.scheduler.break_off(press.user_id)
    await press.query.answer("Logged as sent")
    await answer(
        update, context, "📤 Logged as sent, and your break is over. Enjoy the conversation."
    )


async def break_over_job(context: FonderContext) -> None:
    """The break ended: ask how it felt and hand over a fresh opener. Send, then clear."""
    job = context.job
    if job is None or not isinstance(job.data, int):
        return
    user_id = job.data
    svc = services(context)
    current = await svc.storage.schedule.current_break(user_id)
    row = await svc.storage.users.get(user_id)
    if current is None or row is None or current.ends_at > svc.clock():
        return
    given = await svc.storage.schedule.given(user_id, "opener")
    opener, _ = pick_next(ready_to_send(), given, seed=user_id)
    try:
        await send(
            context,
            row.chat_id,
            "🌿 <b>Your break is over.</b> How did it feel to have that space?\n\n"
            f"If you'd like to reach out, here's a fresh opener:\n<i>“{esc(opener.text)}”</i>",
        )
    except Forbidden:  # she blocked the bot: end the break quietly, stop her jobs
        await svc.storage.schedule.end_break(user_id)
        await stop_for_blocked(svc, user_id)
        return
    await svc.storage.schedule.mark_given(user_id, "opener", opener.id, svc.clock())
    await svc.storage.schedule.end_break(user_id)


async def maybe_suggest_break(
    update: Update,
    context: FonderContext,
    user_id: int,
    time_zone: str | None,
    state: DraftState,
) -> None:
    """After "I sent it": suggest a break, at most once a day, when content.breaks finds a
    reason (too many texts in a short window, or in a row since his last reply).

    `state` is what "I sent it" read after marking the text, so it is not read again here."""
    svc = services(context)
    now = svc.clock()
    if state.break_ends_at is not None:  # on a break already
        return
    recent = await svc.storage.drafts.sent_since(user_id, now - content_breaks.SUGGEST_WINDOW)
    why = content_breaks.suggestion_reason(recent, state.since_his_reply)
    if why is None:
        return
    today = now.astimezone(zone(time_zone)).date().isoformat()
    if not await svc.storage.schedule.claim_break_suggestion(user_id, today):
        return
    await answer(
        update,
        context,
        f"🌿 That's {why}. Step 4: a little distance gives him room to miss you — and gives "
        "you time for yourself. Fancy a break?",
        InlineKeyboardMarkup([[START.button("🌿 Start a 24h break", "24h")]]),
    )
