"""/rally: she practises a banter rally against a simulated him, one scored return at a time.

The rally lives in SQLite (storage/rally.py), so a restart mid-rally resumes it; any other
command closes it cleanly. The scoring and his lines are content/rally.py's.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from content.rally import (
    MAX_STARS,
    TURNS,
    best_turn,
    his_answer,
    line_by_id,
    new_seed,
    newest_is_best,
    next_line,
    opening_line,
    practise_next,
    score_turn,
    stars_text,
)
from handlers.buttons import Plain, Valued
from handlers.care import care_note
from handlers.commands import command_text
from handlers.reply import answer, esc, plural, quote
from handlers.services import FonderContext, services, user_row
from handlers.streak import record_practice
from storage.models import Rally, RallyTurnRecord

STOP = Plain("rally:stop")
# "full" from the start menu, "daily" from a daily prompt (shorter, and counts as practice)
START = Valued("rally:start", "|".join(sorted(TURNS)), str)

INTRO = (
    "🎾 <b>Rally practice</b> — I'll play him for {turns} turns. Answer each line the way you'd "
    "text him and I'll score every return 0–{stars} ⭐: does it hand the ball back, give him "
    "something of you, and match his length? (step 2)"
)


def _stop_markup() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[STOP.button("⏹ End the rally")]])


def _him(text: str) -> str:
    return f"💬 <b>Him:</b> {esc(text)}"


async def start_rally(update: Update, context: FonderContext, turns: int, origin: str) -> None:
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    seed = new_seed(user.id, svc.clock().isoformat())
    first = opening_line(seed)
    await svc.storage.rallies.start(user.id, seed, turns, origin, first.id, svc.clock())
    await answer(
        update,
        context,
        INTRO.format(turns=turns, stars=MAX_STARS) + "\n\n" + _him(first.text),
        _stop_markup(),
    )


async def rally_command(update: Update, context: FonderContext) -> None:
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    arg = command_text(context).lower()
    if arg in {"stop", "end", "off", "quit"}:
        if not await finish(update, context, user.id):
            await answer(update, context, "No rally running. /rally starts one.")
        return
    running = await svc.storage.rallies.get(user.id)
    if running is not None:
        line = line_by_id(running.his_line)
        await answer(
            update,
            context,
            f"🎾 We're mid-rally (turn {len(running.turns) + 1} of {running.max_turns}). "
            "His last line again:\n\n" + _him(line.text if line else "…"),
            _stop_markup(),
        )
        return
    await start_rally(update, context, TURNS["full"], "command")


async def play_turn(update: Update, context: FonderContext, text: str) -> None:
    """Her return: score it, then his next line — or the scorecard after the last turn."""
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    concern = await care_note(context, user, text)
    if concern is not None:  # care, not stars: the practice stops here
        await svc.storage.rallies.end(user.id)
        await answer(update, context, f"{esc(concern.text)}\n\n<i>I've ended the rally.</i>")
        return
    rally = await svc.storage.rallies.get(user.id)
    if rally is None:
        return
    his = line_by_id(rally.his_line) or opening_line(rally.seed)
    score = score_turn(his.text, text)
    turn = len(rally.turns) + 1
    last = turn >= rally.max_turns
    following = None if last else next_line(rally.seed, turn, score, rally.used)
    record = RallyTurnRecord(stars=score.stars, missed=score.misses)
    stars = [*(t.stars for t in rally.turns), record.stars]
    best_text = text if newest_is_best(stars) else rally.best_text
    updated = await svc.storage.rallies.record_turn(
        rally, record, best_text, following.id if following else None
    )
    if updated is None:  # the same message delivered twice: its turn is already scored
        return
    verdict = f"{stars_text(score.stars)} <b>Turn {turn}/{rally.max_turns}</b> — {esc(score.why)}"
    if following is None:
        await answer(update, context, verdict)
        await finish(update, context, user.id)
        return
    said = his_answer(text, rally.seed, turn)
    line = f"{said} {following.text}" if said else following.text
    await answer(update, context, verdict + "\n\n" + _him(line), _stop_markup())


def scorecard(rally: Rally) -> str:
    stars = [t.stars for t in rally.turns]
    if not stars:
        return "🎾 Rally ended before your first return. /rally starts another whenever you like."
    played = len(stars)
    per_turn = " · ".join(f"{n}: {stars_text(s)}" for n, s in enumerate(stars, 1))
    best = best_turn(stars)
    early = "" if played == rally.max_turns else " (ended early)"
    turns = f"{played} {plural(played, 'turn')}{early}"
    parts = [f"🏁 <b>Rally over</b> — {sum(stars)} of {MAX_STARS * played} ⭐ in {turns}", per_turn]
    if best is not None and rally.best_text:
        parts.append(
            f"<b>Your best return</b> (turn {best + 1}, {stars_text(stars[best])}):\n"
            f"<i>“{quote(rally.best_text)}”</i>"
        )
    tip = practise_next([t.missed for t in rally.turns])
    parts.append(f"<b>Practise next:</b> {esc(tip)}\n\n/rally plays another.")
    return "\n\n".join(parts)


async def finish(update: Update, context: FonderContext, user_id: int) -> bool:
    """End her rally with the scorecard; False if none was running."""
    svc = services(context)
    rally = await svc.storage.rallies.end(user_id)
    if rally is None:
        return False
    if rally.origin == "daily" and rally.turns:
        row = await user_row(context, user_id)
        streak = await record_practice(svc, user_id, row.time_zone if row else None)
        suffix = f"\n\n🔥 Today's practice is done — streak: <b>{streak}</b>."
    else:
        suffix = ""
    await answer(update, context, scorecard(rally) + suffix)
    return True


async def stop_button(update: Update, context: FonderContext) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    ended = await finish(update, context, user.id)
    await query.answer("Rally ended" if ended else "That rally is already over.")


async def start_button(update: Update, context: FonderContext) -> None:
    query, kind = update.callback_query, START.read(context)
    if query is None or kind is None:
        return
    await query.answer()
    await start_rally(update, context, TURNS[kind], "daily" if kind == "daily" else "command")


async def leave_on_command(update: Update, context: FonderContext) -> None:
    """Any other command ends a running rally first, so no half-played state lingers."""
    user = update.effective_user
    if user is not None:
        await finish(update, context, user.id)
