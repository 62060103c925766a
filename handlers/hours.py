"""/hours (when he's open to texts) and /tz (the user's time zone)."""

from __future__ import annotations

from telegram import Update

from content.coaching import format_hours, hour_ranges, read_hours
from content.timezones import fmt_minute, resolve_time_zone, suggest_time_zones
from handlers.commands import command_text
from handlers.reply import ECHO_WORD, answer, esc, quote
from handlers.services import FonderContext, services, user_row

HOURS_HELP = (
    "Tell me when he's usually happy to get texts, in your local time, e.g. "
    "<code>/hours 12-14 18-22</code>. <code>/hours off</code> forgets them."
)


async def hours_command(update: Update, context: FonderContext) -> None:
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    row = await user_row(context, user.id)
    if row is None:
        return
    spec = command_text(context)
    if not spec:
        current = hour_ranges(row.settings.open_hours)
        shown = format_hours(current) if current else "not set"
        await answer(update, context, f"⏰ His open hours: <b>{shown}</b>.\n\n{HOURS_HELP}")
        return
    if spec.lower() in {"off", "clear", "none"}:
        await svc.storage.users.set_settings(
            user.id, row.settings.model_copy(update={"open_hours": []})
        )
        await answer(update, context, "⏰ Open hours cleared — I won't comment on timing.")
        return
    try:
        ranges, notes = read_hours(spec)
    except ValueError as error:
        await answer(update, context, f"Hmm: {esc(str(error))}.\n\n{HOURS_HELP}")
        return
    pairs = [(r.start, r.end) for r in ranges]
    await svc.storage.users.set_settings(
        user.id, row.settings.model_copy(update={"open_hours": pairs})
    )
    tz_note = "" if row.time_zone else " (in UTC until you set /tz)"
    await answer(
        update,
        context,
        f"⏰ Got it: he's open to texts {format_hours(ranges)}{tz_note}. Outside those hours "
        "I'll remind you of step 1 — text when he can enjoy it."
        + "".join(f"\n\n{esc(note)}." for note in notes),
    )


async def tz_command(update: Update, context: FonderContext) -> None:
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    name = command_text(context)
    if not name:
        row = await user_row(context, user.id)
        current = row.time_zone if row and row.time_zone else "not set (UTC)"
        await answer(
            update,
            context,
            f"🌍 Your time zone: <b>{esc(current)}</b>.\nSet it with e.g. "
            "<code>/tz Europe/Berlin</code> or <code>/tz New York</code>.",
        )
        return
    resolved = resolve_time_zone(name)
    if resolved is None:
        ideas = suggest_time_zones(name)
        hint = (
            ("Did you mean " + " or ".join(f"<code>{esc(i)}</code>" for i in ideas) + "?")
            if ideas
            else "Try a city, like <code>/tz Europe/Paris</code>."
        )
        await answer(
            update, context, f"I don't know the time zone “{quote(name, ECHO_WORD)}”. {hint}"
        )
        return
    await svc.storage.users.set_time_zone(user.id, resolved)
    daily = await svc.storage.schedule.daily(user.id)
    moved = ""
    if daily is not None and daily.enabled:
        # Her prompt group is (zone, minute): the new zone's group needs its job now.
        svc.scheduler.daily_on(user.id, daily.at_minute, resolved)
        moved = f" Your daily practice now arrives at {fmt_minute(daily.at_minute)} there."
    await answer(update, context, f"🌍 Time zone set to <b>{esc(resolved)}</b>.{moved}")
