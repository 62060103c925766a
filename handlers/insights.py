"""/insights: her reply rates by habit, from her own marked texts only, counts always shown."""

from __future__ import annotations

from telegram import Update

from content.insights import REPLY_WINDOW_HOURS, Comparison, Insights, insights
from handlers.reply import answer, esc, plural
from handlers.services import FonderContext, services

HOW_TO_MARK = (
    "After a critique, tap <b>✅ I sent it</b>; later tap <b>💬 He replied</b> or "
    f"<b>🔇 No reply</b> — or just forward me his answer within {REPLY_WINDOW_HOURS} hours."
)


def _comparison(c: Comparison) -> str:
    if not c.with_it.total and not c.without_it.total:
        return ""
    return (
        f"• Texts that {esc(c.habit)}: {c.with_it}\n"
        f"  The others: {c.without_it} <i>(step {c.step})</i>"
    )


def render_insights(found: Insights, waiting: int = 0) -> str:
    """`waiting`: sent texts she hasn't marked yet (he replied / no reply)."""
    if found.needed:
        so_far = f"{found.marked} marked" + (f": {found.overall}" if found.marked else "")
        if waiting:
            so_far += (
                f", and {waiting} sent {plural(waiting, 'text')} waiting for you to mark "
                "whether he replied"
            )
        return (
            f"📈 <b>Not enough to go on yet.</b> I need {found.needed} more marked "
            f"{plural(found.needed, 'text')} before I show rates — so far {so_far}. "
            "Rates from a handful of texts would be guesses.\n\n" + HOW_TO_MARK
        )
    lines = [
        "📈 <b>What gets replies — from your own texts</b>",
        f"All marked texts: {found.overall}.",
        "",
    ]
    lines += [text for c in found.comparisons if (text := _comparison(c))]
    if found.hours_unknown == found.marked:
        lines.append("• Timing: set his open hours with /hours to compare inside vs outside them.")
    elif found.hours_unknown:
        lines.append(
            f"<i>{found.hours_unknown} of them went out before you set his hours, so they're "
            "left out of the timing line.</i>"
        )
    lines += ["", "<i>Your own history only; small numbers swing a lot.</i>"]
    return "\n".join(lines)


async def insights_command(update: Update, context: FonderContext) -> None:
    user = update.effective_user
    if user is None:
        return
    drafts = services(context).storage.drafts
    outcomes = await drafts.outcomes(user.id)
    waiting = await drafts.unmarked(user.id)
    await answer(update, context, render_insights(insights(outcomes), waiting))
