"""How a critique looks in Telegram: verdict and score first, then what works and what to change.

Every piece of user text is clipped and escaped here; findings come from content/ and are
escaped too, so a `<` anywhere can never make Telegram refuse the message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content.alternatives import has_blank
from content.coaching import Note
from content.critique import Critique
from content.steps import Step
from handlers.reply import esc, quote

SENT_PREFIX = "sent:"
USE_IT = "📤 Use it"
RETRY = "retry"
# "retry:40": Try again on a draft that scored 40, so the new version can show "40 → 78".
# A bare "retry" (buttons sent before scores rode along) still works.
RETRY_PATTERN = r"^retry(?::(\d{1,3}))?$"
RETRY_PROMPT = "✍️ Send me the new version whenever you're ready."
# Said in the prompt, and read back from it when her new version replies to it.
LAST_SCORE = re.compile(r"Last version: (\d{1,3})/100")
SHOW_STEP_PREFIX = "show:"
SENT_PATTERN = r"^sent:(\d{1,12})$"
SHOW_STEP_PATTERN = r"^show:(\d)$"


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
    parts.append(f"{verdict(critique)}\n<i>“{quote(draft, 200)}”</i>")
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


@lru_cache(maxsize=32)
def _step_button(number: int, emoji: str) -> InlineKeyboardButton:
    """PTB buttons are immutable and cost ~10 µs each to build: the step buttons, the same for
    every critique, are built once."""
    return InlineKeyboardButton(
        f"{emoji} Step {number}", callback_data=f"{SHOW_STEP_PREFIX}{number}"
    )


@lru_cache(maxsize=128)
def _try_again(score: int) -> InlineKeyboardButton:
    return InlineKeyboardButton("✏️ Try again", callback_data=f"{RETRY}:{score}")


def critique_keyboard(
    draft_id: int,
    steps: Sequence[Step],
    cited: Sequence[int],
    use_it: str | None = None,
    score: int = 0,
) -> InlineKeyboardMarkup:
    """Step buttons, then "📤 Use it" (opens the chat picker with `use_it` typed after the
    bot's name, for inline mode to insert), then the last row, which must stay last: during a
    break critique_flow swaps it for Send anyway / Keep my break."""
    by_number = {s.number: s for s in steps}
    step_buttons = [_step_button(n, by_number[n].emoji) for n in cited if n in by_number]
    rows = [step_buttons[i : i + 3] for i in range(0, len(step_buttons), 3)]
    if use_it:
        rows.append([InlineKeyboardButton(USE_IT, switch_inline_query=use_it)])
    rows.append(
        [
            InlineKeyboardButton("✅ I sent it", callback_data=f"{SENT_PREFIX}{draft_id}"),
            _try_again(score),
        ]
    )
    return InlineKeyboardMarkup(rows)
