"""How a critique looks in Telegram: verdict and score first, then what works and what to change.

Every piece of user text is clipped and escaped here; findings come from content/ and are
escaped too, so a `<` anywhere can never make Telegram refuse the message.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content.alternatives import has_blank
from content.coaching import Note
from content.critique import Critique
from content.steps import Step
from handlers.reply import esc, quote
from handlers.sent import show_step_button

USE_IT = "📤 Use it"


def verdict(critique: Critique) -> str:
    if not critique.judgeable:
        return "🤔 <b>I can only partly judge this one</b>"
    if critique.unsure:
        return "🤔 <b>Close call</b>"
    if critique.adds_value:
        return f"✅ <b>Adds value — {critique.score}/100</b>"
    if critique.fine_as_is:
        return "👌 <b>Fine as it is</b>"
    return f"⚠️ <b>Hold on — {critique.score}/100</b>"


def _line(step: int, text: str) -> str:
    return f"• {esc(text)} <i>(step {step})</i>"


def render_critique(
    critique: Critique,
    draft: str,
    *,
    intro: str | None = None,
    before: Sequence[str] = (),
    context: Sequence[Note] = (),
    alternative: str | None = None,
    best: str | None = None,
) -> str:
    """`intro` is trusted HTML (our own words); `before` are plain notes (safety, breaks);
    `alternative` is plain text to send instead (it may hold her words, so it is escaped);
    `best` is advice where the best text is none (chasing)."""
    parts: list[str] = [esc(note) for note in before]
    if intro:
        parts.append(intro)
    parts.append(f"{verdict(critique)}\n<i>“{quote(draft)}”</i>")
    if critique.unsure:
        parts.append(esc(critique.unsure))
    keep = [_line(f.step, f.text) for f in critique.findings if f.kind == "keep"]
    change = [_line(f.step, f.text) for f in critique.findings if f.kind == "change"]
    change += [_line(n.step, n.text) for n in context]
    limits = [_line(f.step, f.text) for f in critique.findings if f.kind == "limit"]
    if keep:
        parts.append("<b>What works</b>\n" + "\n".join(keep))
    if change:
        parts.append("<b>What to change</b>\n" + "\n".join(change))
    if limits:
        parts.append("<b>What I couldn't judge</b>\n" + "\n".join(limits))
    if not keep and not change and not limits:
        parts.append("Nothing to add — it reads fine.")
    if alternative:
        fill = (
            "\n(Fill in the [brackets] with something true of yours.)"
            if has_blank(alternative)
            else ""
        )
        parts.append(f"💡 <b>Send this instead</b>\n<i>{esc(alternative)}</i>{esc(fill)}")
    if best:
        parts.append(f"💡 {esc(best)}")
    return "\n\n".join(parts)


def cited_steps(critique: Critique, context: Sequence[Note] = ()) -> list[int]:
    steps = {f.step for f in critique.findings} | {n.step for n in context}
    return sorted(s for s in steps if 1 <= s <= 6)


def critique_keyboard(
    steps: Sequence[Step],
    cited: Sequence[int],
    actions: Sequence[InlineKeyboardButton],
    use_it: str | None = None,
) -> InlineKeyboardMarkup:
    """Composed from parts: the cited steps (three to a row), "📤 Use it" (opens the chat picker
    with `use_it` typed after the bot's name, for inline mode to insert), then `actions`: "I
    sent it" / "Try again" (sent.draft_actions), or during a break "Send anyway" / "Keep my
    break" (breaks.break_choice)."""
    by_number = {s.number: s for s in steps}
    step_buttons = [show_step_button(n, by_number[n].emoji) for n in cited if n in by_number]
    rows = [step_buttons[i : i + 3] for i in range(0, len(step_buttons), 3)]
    if use_it:
        rows.append([InlineKeyboardButton(USE_IT, switch_inline_query=use_it)])
    rows.append(list(actions))
    return InlineKeyboardMarkup(rows)
