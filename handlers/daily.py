"""/daily practice prompts at the user's local time, the practice answer, and the streak.

A prompt goes claim → send → confirm (see storage/schedule.py), so a crash loses none and
can repeat at most the one message that was in flight.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.error import Forbidden, RetryAfter, TelegramError

from content.picking import pick_next
from content.practice import Prompt, prompt_by_id, prompts
from content.streaks import answer_window_open
from content.timezones import fmt_minute, parse_time, resolve_time_zone, suggest_time_zones, zone
from handlers import rally
from handlers.buttons import Plain
from handlers.commands import command_text
from handlers.critique_flow import critique_and_reply
from handlers.fallback import unknown_command
from handlers.reply import ECHO_WORD, answer, esc, plural, quote, send
from handlers.services import FonderContext, Services, services, stop_for_blocked, user_row
from handlers.streak import record_practice
from storage.models import DraftState, User

log = logging.getLogger("fonder.daily")
# A failed send (not a 429, which says when to retry) is tried again after this many seconds.
RETRY_FAILED = 300
# Waiting for her time zone ends after this long; a later text is a draft again. The question
# waits in the database (storage users.asked_tz_*), so any worker, after any restart, reads it.
ASK_TZ_TIMEOUT = 15 * 60
SKIP = Plain("practice:skip")


def render_prompt(prompt: Prompt) -> str:
    how = (
        "Tap <b>Start the rally</b> when you're ready."
        if prompt.kind == "rally"
        else "Reply here with your text and I'll critique it as practice."
    )
    return f"🏋️ <b>Today's practice</b> <i>(step {prompt.step})</i>\n\n{esc(prompt.text)}\n\n{how}"


def prompt_markup(prompt: Prompt) -> InlineKeyboardMarkup:
    skip = SKIP.button("Skip today")
    if prompt.kind == "rally":
        start = rally.START.button("🏓 Start the rally", "daily")
        return InlineKeyboardMarkup([[start, skip]])
    return InlineKeyboardMarkup([[skip]])


async def deliver_prompt(context: FonderContext, user_id: int) -> bool:
    """Send today's prompt to one user if it is due; True if a message went out.

    Runs one at a time: two runs for one user (the daily job and a catch-up) can't overlap,
    where a claim not yet confirmed would look "in flight from a crash" to the second; and a
    kill -9 can leave at most one prompt sent-but-unconfirmed, the one that gets re-sent.
    """
    async with services(context).broadcast_lock:
        return await _deliver(context, user_id)


async def _deliver(context: FonderContext, user_id: int) -> bool:
    svc = services(context)
    user = await svc.storage.users.get(user_id)
    if user is None or not user.active:
        return False
    now = svc.clock()
    local_date = now.astimezone(zone(user.time_zone)).date().isoformat()
    given = await svc.storage.schedule.given(user_id, "prompt")
    candidate, _ = pick_next(prompts(), given, seed=user_id)
    prompt_id = await svc.storage.schedule.claim_prompt(user_id, local_date, candidate.id, now)
    if prompt_id is None:
        return False
    prompt = prompt_by_id(prompt_id) or candidate
    try:
        await send(context, user.chat_id, render_prompt(prompt), prompt_markup(prompt))
    except Forbidden:
        await stop_for_blocked(svc, user_id)
        log.info("user %s blocked the bot; daily prompts stopped", user_id)
        return False
    except RetryAfter as error:
        wait = error.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        svc.scheduler.daily_soon(user_id, seconds + 1)
        return False
    except TelegramError:
        log.warning(
            "daily prompt to %s failed; retrying in %d s", user_id, RETRY_FAILED, exc_info=True
        )
        svc.scheduler.daily_soon(user_id, RETRY_FAILED)
        return False
    await svc.storage.schedule.confirm_prompt(user_id, local_date)
    return True


async def daily_prompt_job(context: FonderContext) -> None:
    job = context.job
    if job is not None and isinstance(job.data, int):
        await deliver_prompt(context, job.data)


async def daily_group_job(context: FonderContext) -> None:
    """It's this (zone, minute)'s prompt time: every subscriber in it, one after another.

    A stop (SIGTERM, `docker stop`) ends the broadcast between two prompts instead of
    holding shutdown for the rest (20,000 prompts at 30/s is 11 minutes, past any stop
    timeout); the prompts not sent are caught up at the next start (bot.jobs.rebuild_jobs).
    """
    job = context.job
    if job is None or not isinstance(job.data, tuple):
        return
    zone_name, at_minute = job.data
    for user_id in await services(context).storage.schedule.daily_group_members(
        str(zone_name), int(at_minute)
    ):
        if not context.application.running:
            return
        await deliver_prompt(context, user_id)


async def daily_catch_up_job(context: FonderContext) -> None:
    """After downtime: today's missed prompts, one user after another."""
    job = context.job
    if job is None or not isinstance(job.data, list):
        return
    for user_id in job.data:
        if not context.application.running:
            return
        await deliver_prompt(context, int(user_id))


async def _status(svc: Services, user_id: int) -> str:
    daily = await svc.storage.schedule.daily(user_id)
    user = await svc.storage.users.get(user_id)
    tz = user.time_zone if user and user.time_zone else None
    streak = (
        f"\nPractice streak: <b>{daily.streak}</b> {plural(daily.streak, 'day')}."
        if daily and daily.streak
        else ""
    )
    if daily is None or not daily.enabled:
        state = "Daily practice is <b>off</b>."
    else:
        at = fmt_minute(daily.at_minute)
        state = f"Daily practice is <b>on</b>, at <b>{at}</b> ({esc(tz or 'UTC')})."
    return (
        f"🏋️ {state}{streak}\n\n<code>/daily 19:30</code> turns it on at that time, "
        "<code>/daily off</code> turns it off, <code>/tz</code> sets your time zone."
    )


async def _turn_on(update: Update, context: FonderContext, user_id: int, minute: int) -> None:
    svc = services(context)
    await svc.storage.schedule.set_daily(user_id, minute, svc.clock())
    user = await svc.storage.users.get(user_id)
    tz = user.time_zone if user else None
    svc.scheduler.daily_on(user_id, minute, tz)
    await answer(
        update,
        context,
        f"🏋️ Done — a practice prompt every day at <b>{fmt_minute(minute)}</b> "
        f"({esc(tz or 'UTC')}). Answer it with a text and I'll critique it as practice.",
    )


async def daily_command(update: Update, context: FonderContext) -> None:
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    arg = command_text(context).lower()
    if not arg:
        await answer(update, context, await _status(svc, user.id))
        return
    if arg in {"off", "stop", "no"}:
        await svc.storage.schedule.set_daily(user.id, None)
        svc.scheduler.daily_off(user.id)
        await answer(update, context, "🏋️ Daily practice is off. Your streak is kept.")
        return
    minute = parse_time(arg)
    if minute is None:
        await answer(
            update,
            context,
            f"I couldn't read “{quote(arg, ECHO_WORD)}” as a time. Try <code>/daily 19:30</code>.",
        )
        return
    row = await user_row(context, user.id)
    if row is not None and row.time_zone is None:
        await svc.storage.users.ask_time_zone(user.id, minute, svc.clock())
        await answer(
            update,
            context,
            f"🌍 One thing first: which time zone should {fmt_minute(minute)} be in? Send a city "
            "or zone name, like <b>Berlin</b>, <b>New York</b> or <b>Europe/Madrid</b> "
            "(or /cancel).",
        )
        return
    await _turn_on(update, context, user.id, minute)


def asked_time_zone(user: User, now: datetime) -> int | None:
    """The /daily time whose zone she was asked for and hasn't answered, if still waiting."""
    if user.asked_tz_minute is None or user.asked_tz_at is None:
        return None
    if now - user.asked_tz_at > timedelta(seconds=ASK_TZ_TIMEOUT):
        return None
    return user.asked_tz_minute


async def daily_tz_answer(update: Update, context: FonderContext, minute: int) -> None:
    """Her answer to "which time zone?": a zone turns prompts on at `minute`; anything else
    is told what was close, and the question keeps waiting."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not message.text:
        return
    name = resolve_time_zone(message.text)
    if name is None:
        ideas = suggest_time_zones(message.text)
        hint = (
            "Did you mean " + " or ".join(f"<b>{esc(i)}</b>" for i in ideas) + "?"
            if ideas
            else "Try a big city near you."
        )
        await answer(update, context, f"I don't know “{quote(message.text, ECHO_WORD)}”. {hint}")
        return
    await services(context).storage.users.set_time_zone(user.id, name)  # answers the question
    await _turn_on(update, context, user.id, minute)


async def cancel_command(update: Update, context: FonderContext) -> None:
    """/cancel ends /daily's time-zone question; with no question waiting it is unknown."""
    user = update.effective_user
    svc = services(context)
    row = None if user is None else await user_row(context, user.id)
    if user is None or row is None or asked_time_zone(row, svc.clock()) is None:
        await unknown_command(update, context)
        return
    await svc.storage.users.drop_time_zone_question(user.id)
    await answer(update, context, "Okay — nothing changed.")


async def skip_button(update: Update, context: FonderContext) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    await services(context).storage.schedule.skip_answer(user.id)
    await query.answer("Skipped — see you tomorrow.")


async def practice_answer(
    update: Update, context: FonderContext, text: str, state: DraftState
) -> bool:
    """If today's prompt awaits an answer, critique `text` as practice and bump the streak."""
    user = update.effective_user
    if user is None or not state.awaiting_answer:
        return False
    svc = services(context)
    row = await user_row(context, user.id)
    today = svc.clock().astimezone(zone(row.time_zone if row else None)).date()
    if not answer_window_open(state.delivered_date, today):
        # A prompt left unanswered for days is stale: this text is an ordinary draft.
        await svc.storage.schedule.skip_answer(user.id)
        return False
    streak = await record_practice(svc, user.id, row.time_zone if row else None)
    prompt = prompt_by_id(state.claimed_prompt or "")
    task = f"\n<i>{esc(prompt.text)}</i>" if prompt else ""
    days = f"{streak} {plural(streak, 'day')}"
    await critique_and_reply(
        update,
        context,
        text,
        source="practice",
        intro=f"🏋️ <b>Practice answer</b>{task}\n🔥 Streak: <b>{days}</b>",
    )
    return True
