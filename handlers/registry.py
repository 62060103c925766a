"""Every handler Fonder has, registered here and only here, in the order they are tried.

The map, one hop from every route:
- groups -4..-1, every update: throttle.throttle (a flooding user) -> guards.private_only
  (groups get one refusal) -> guards.remember_user (her row, read once per update) ->
  rally.leave_on_command (any command but /rally ends a rally);
- group 0, the first match wins: the commands, the buttons (each kind defined once beside its
  handler, e.g. sent.SENT, and routed here by the pattern it owns: handlers/buttons.py; a
  query with no data goes to
  fallback.expired_button first), inline queries, voice notes, and then text:
  drafts.on_text decides what a text is, in this order:
    his message (forwarded from someone else)   -> his.on_his_message
    her typed answer to /daily's time zone      -> daily.daily_tz_answer (the question
                                                   waits in the database, for any worker)
    her forwarded draft or a photo caption      -> critique_flow.critique_and_reply
    her typed text during a rally               -> rally.play_turn
    her typed text after a daily prompt         -> daily.practice_answer
    any other typed text                        -> critique_flow.critique_and_reply
  and edited drafts (drafts.on_edited), then fallback for anything else;
- errors: errors.on_error (the user is told, operators alerted once an hour per kind);
- timed work is not a handler: bot/jobs.py schedules the daily prompts (one job per time zone
  and minute), break ends and catch-ups on PTB's JobQueue, rebuilt from SQLite at start-up.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers import (
    admin,
    banter,
    breaks,
    daily,
    drafts,
    errors,
    fallback,
    guards,
    hours,
    inline,
    insights,
    privacy,
    rally,
    sent,
    start,
    stats,
    steps,
    throttle,
    voice,
)
from handlers.buttons import Plain, Valued

THROTTLE = -4
GUARDS = -3
MEMORY = -2
LEAVE_RALLY = -1
FEATURES = 0

NEW = filters.UpdateType.MESSAGE


# Every button kind and the handler that answers it: the kind (defined beside its handler)
# owns the pattern its CallbackQueryHandler routes by. Tests read this table, so a kind added
# here is fuzzed and checked for overlaps without anyone updating a list.
BUTTONS: tuple[tuple[Plain | Valued[Any], Any], ...] = (
    (steps.STEP, steps.step_button),
    (steps.STEPS_LIST, steps.steps_button),
    (start.HELP, start.help_command),
    (start.ABOUT, start.about),
    (sent.SENT, sent.on_sent),
    (sent.REPLIED, sent.on_replied),
    (sent.NO_REPLY, sent.on_no_reply),
    (sent.RETRY, sent.on_retry),
    (sent.SHOW_STEP, sent.on_show_step),
    (rally.STOP, rally.stop_button),
    (rally.START, rally.start_button),
    (banter.MORE, banter.more_button),
    (banter.WHY, banter.why_button),
    (breaks.START, breaks.start_button),
    (breaks.KEEP, breaks.keep_button),
    (breaks.ANYWAY, breaks.anyway_button),
    (daily.SKIP, daily.skip_button),
    (privacy.KEEP_TEXT, privacy.settings_button),
    (privacy.FORGET, privacy.forget_button),
)


def _button(kind: Plain | Valued[Any], callback: Any) -> CallbackQueryHandler[Any, Any]:
    """A button kind is routed by the pattern it owns (handlers/buttons.py)."""
    return CallbackQueryHandler(callback, pattern=kind.pattern)


def _command(name: str, callback: Any) -> CommandHandler[Any, Any]:
    """Commands answer new messages only: an edited "/start" must not run twice."""
    return CommandHandler(name, callback, filters=NEW)


def register_handlers(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(TypeHandler(Update, throttle.throttle), group=THROTTLE)
    app.add_handler(TypeHandler(Update, guards.private_only), group=GUARDS)
    app.add_handler(TypeHandler(Update, guards.remember_user), group=MEMORY)
    # Any command but /rally closes a running rally before the command itself runs.
    app.add_handler(
        MessageHandler(
            NEW & filters.COMMAND & ~filters.Regex(r"^/rally(@\w+)?(\s|$)"), rally.leave_on_command
        ),
        group=LEAVE_RALLY,
    )

    features = [
        _command("daily", daily.daily_command),
        _command("cancel", daily.cancel_command),  # ends /daily's time-zone question
        _command("start", start.start),
        _command("help", start.help_command),
        _command("about", start.about),
        _command("steps", steps.steps_command),
        _command("step", steps.step_command),
        _command("banter", banter.banter_command),
        _command("rally", rally.rally_command),
        _command("insights", insights.insights_command),
        _command("break", breaks.break_command),
        _command("stats", stats.stats_command),
        _command("hours", hours.hours_command),
        _command("tz", hours.tz_command),
        _command("settings", privacy.settings_command),
        _command("export", privacy.export_command),
        _command("forget", privacy.forget_command),
        _command("admin", admin.admin_command),  # ADMIN_IDS only; not in the menu
        # A callback query with no data (no real button sends one; anyone can forge it) passes
        # every CallbackQueryHandler's pattern check in PTB 22 (check_update returns True when
        # there is neither data nor a game name). This one, first in line, takes exactly those:
        # its pattern refuses any data there is.
        CallbackQueryHandler(fallback.expired_button, pattern=_no_data),
        *(_button(kind, answer) for kind, answer in BUTTONS),
        InlineQueryHandler(inline.inline_query),
        MessageHandler(NEW & filters.TEXT & ~filters.COMMAND, drafts.on_text),
        MessageHandler(NEW & filters.CAPTION, drafts.on_text),
        MessageHandler(NEW & filters.VOICE, voice.on_voice),
        MessageHandler(filters.UpdateType.EDITED_MESSAGE, drafts.on_edited),
        # Fallbacks last: whatever no feature claimed gets a kind, specific answer.
        MessageHandler(NEW & filters.COMMAND, fallback.unknown_command),
        MessageHandler(NEW & ~filters.TEXT, fallback.non_text),
        CallbackQueryHandler(fallback.expired_button),
    ]
    for handler in features:
        app.add_handler(handler, group=FEATURES)
    app.add_error_handler(errors.on_error)


def _no_data(data: object) -> bool:
    """A pattern no callback data matches: only a query with none reaches its handler."""
    return False
