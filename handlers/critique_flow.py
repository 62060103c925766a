"""Critiquing one draft and replying: the path pasted, forwarded, edited and practice drafts share.

The critic judges the words; this adds what only stored state knows (his open hours, how many
texts she has sent, a running break) and remembers the outcome, not the words, by default.
"""

from __future__ import annotations

from telegram import Message, MessageOriginUser, Update

from content.alternatives import best_move, has_blank, send_instead
from content.coaching import Note, hour_ranges, pace_notes, rules, timing_note
from content.critique import critique
from content.timezones import local_day_start, zone
from handlers.breaks import break_choice
from handlers.care import care_note
from handlers.critique_view import cited_steps, critique_keyboard, render_critique
from handlers.reply import answer, esc
from handlers.sent import LAST_SCORE, draft_actions
from handlers.services import FonderContext, Services, services, user_row
from storage.models import DraftState, NewDraft, User

AFTER_CONCERN = (
    "<i>If that was only a figure of speech, no worries — send me the text again in other "
    "words and I'll critique it.</i>"
)
EMPTY = "That looks empty to me — paste the words of your draft and I'll take a look."
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
_DROP_INVISIBLE = str.maketrans("", "", INVISIBLE)


def is_blank(text: str) -> bool:
    return not text.translate(_DROP_INVISIBLE).strip()


def is_own_draft(message: Message, user_id: int) -> bool:
    """Hers unless forwarded from another person.

    From herself, or a hidden account (we can't tell, so we assume hers): her draft. A post
    from a channel or an anonymous group admin isn't him either; she is asking about it as
    something she might send, so it is critiqued and never logged as his reply.
    """
    origin = message.forward_origin
    if not isinstance(origin, MessageOriginUser):
        return True
    return origin.sender_user.id == user_id


async def draft_state(svc: Services, user: User) -> DraftState:
    return await svc.storage.drafts.draft_state(
        user.user_id, local_day_start(svc.clock(), user.time_zone)
    )


def context_notes(
    svc: Services, user: User, state: DraftState, *, practice: bool = False
) -> list[Note]:
    """What the critic can't see: his open hours, and how many texts she has sent. A practice
    answer isn't going to him now, so no timing note."""
    now = svc.clock()
    notes = pace_notes(state.since_his_reply, state.sent_today)
    if practice:
        return notes
    ranges = hour_ranges(user.settings.open_hours)
    timing = timing_note(now.astimezone(zone(user.time_zone)).time(), ranges)
    if timing is not None:
        suffix = "" if user.time_zone else " " + rules().timing.no_time_zone
        notes.insert(0, Note(timing.step, timing.text + suffix))
    return notes


def _change_since_last(update: Update, score: int) -> list[str]:
    """When her draft answers the Try-again prompt, the prompt names the last version's
    score: say how this one compares ("✏️ New version: 40 → 78")."""
    message = update.effective_message
    prompt = message.reply_to_message if message else None
    if prompt is None or prompt.from_user is None or not prompt.from_user.is_bot:
        return []
    found = LAST_SCORE.search(prompt.text or "")
    if found is None:
        return []
    return [f"✏️ New version: {int(found.group(1))} → {score}"]


async def critique_and_reply(
    update: Update,
    context: FonderContext,
    text: str,
    *,
    source: str,
    intro: str | None = None,
) -> None:
    tg_user = update.effective_user
    if tg_user is None:
        return
    if is_blank(text):
        await answer(update, context, EMPTY)
        return
    svc = services(context)
    user = await user_row(context, tg_user.id)
    concern = await care_note(context, tg_user, text)
    if concern is not None:
        # Care comes first and alone: a score, tips or a cheerful alternative next to a
        # mention of self-harm or violence would be the wrong message. Nothing is stored.
        await answer(update, context, f"{esc(concern.text)}\n\n{AFTER_CONCERN}")
        return
    if user is None:  # remember_user always runs first; this only guards a race with /forget
        return
    result = critique(text)
    draft_id, state = await svc.storage.drafts.add_with_state(
        NewDraft(
            user_id=user.user_id,
            created_at=svc.clock(),
            source=source,
            adds_value=result.adds_value,
            score=result.score,
            flags=result.flags,
            words=result.words,
            chars=len(text),
            text=text if user.settings.keep_draft_text else None,
        ),
        local_day_start(svc.clock(), user.time_zone),
    )
    notes = context_notes(svc, user, state, practice=source == "practice")
    before: list[str] = []
    on_break = state.break_ends_at is not None and state.break_ends_at > svc.clock()
    if state.break_ends_at is not None and on_break:
        until = state.break_ends_at.astimezone(zone(user.time_zone)).strftime("%H:%M")
        before.append(
            f"🌿 Gentle reminder: you're on a break until {until}. Here's the critique anyway — "
            "it's your call whether to send it."
        )
    alternative = send_instead(text, result)
    before += _change_since_last(update, result.score)
    body = render_critique(
        result,
        text,
        intro=intro,
        before=before,
        context=notes,
        alternative=alternative,
        best=best_move(result),
    )
    # A text with a [blank] isn't ready to send: no "Use it" until she has filled it in.
    ready = alternative if alternative and not has_blank(alternative) else None
    actions = break_choice(draft_id) if on_break else draft_actions(draft_id, result.score)
    markup = critique_keyboard(svc.library.steps, cited_steps(result, notes), actions, ready)
    await answer(update, context, body, markup)
