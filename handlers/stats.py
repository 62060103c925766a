"""/stats: the 70% rule (content/data/coaching.toml) on her own texts, with a chart of the
last CHART_DAYS days."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from telegram import InputFile, Update

from content.coaching import rules, value_ratio_line
from content.insights import Rate
from content.stats import CHART_DAYS, daily_series
from content.timezones import local_day_start
from handlers.charts import stats_png
from handlers.reply import answer, esc, plural
from handlers.services import FonderContext, services, user_row

NOTHING_YET = (
    "📊 No sent texts logged yet. After a critique, tap <b>✅ I sent it</b> when you send one, "
    "and your value ratio and chart will appear here."
)


async def stats_command(update: Update, context: FonderContext) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    svc = services(context)
    row = await user_row(context, user.id)
    if row is None:
        return
    now = svc.clock()
    today_start = local_day_start(now, row.time_zone)
    summary = await svc.storage.drafts.summary(user.id, today_start)
    if summary.last_ten == 0:
        await answer(update, context, NOTHING_YET)
        return
    start = today_start - timedelta(days=CHART_DAYS - 1)
    sent = await svc.storage.drafts.sent_between(user.id, start, now + timedelta(seconds=1))
    series = daily_series(
        [(d.sent_at, d.adds_value, d.outcome) for d in sent if d.sent_at],
        row.time_zone,
        today_start.date(),
    )
    total = sum(s.sent for s in series)
    adding = sum(s.adding_value for s in series)
    marked = sum(s.marked for s in series)
    replied = sum(s.replied for s in series)
    lines = [
        "📊 <b>Your texting, by the six steps</b>",
        f"• {esc(value_ratio_line(summary.last_ten_adding_value, summary.last_ten))}",
        f"• Last {CHART_DAYS} days: {total} sent, {adding} added value.",
        f"• Sent today: {summary.sent_today}. Since he last replied: {summary.since_his_reply}.",
        f"• Reply rate: {replied} of {marked} marked texts got a reply"
        + (f" ({Rate(replied, marked).percent}%)." if marked else ". /insights explains how."),
    ]
    daily = await svc.storage.schedule.daily(user.id)
    if daily is not None and daily.streak:
        lines.append(f"• Practice streak: {daily.streak} {plural(daily.streak, 'day')}.")
    await answer(update, context, "\n".join(lines))
    target = rules().value_ratio.target
    png = await asyncio.to_thread(stats_png, series, target)
    await context.bot.send_photo(
        chat_id=chat.id,
        photo=InputFile(png, filename="fonder-stats.png"),
        caption=(
            "Bars: texts sent per day. Red: share adding value. Blue: share of marked texts "
            f"he replied to. Green dashes: the {round(100 * target)}% goal."
        ),
    )
