"""Callback data is whatever a client sends: every value, 0-64 bytes of any characters, gets an
answered callback and no traceback, whichever registered pattern it looks like."""

from __future__ import annotations

import asyncio
import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.buttons import SEPARATOR, Plain
from handlers.registry import BUTTONS
from tests.harness import Harness

# The start of every registered button's data, so the fuzz reaches each handler's own parsing.
PREFIXES = [""] + [
    kind.data if isinstance(kind, Plain) else kind.prefix + SEPARATOR for kind, _ in BUTTONS
]


def _fits(text: str) -> bool:
    return len(text.encode("utf-8")) <= 64


data = st.builds(
    lambda prefix, rest: prefix + rest,
    st.sampled_from(PREFIXES),
    st.text(max_size=40),
).filter(_fits)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=data)
def test_any_callback_data_is_answered_without_a_traceback(
    bot: Harness, value: str, caplog: object
) -> None:
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep = Keep(level=logging.ERROR)
    logging.getLogger().addHandler(keep)
    try:
        calls = asyncio.get_event_loop().run_until_complete(bot.driver.press(value, None))
    finally:
        logging.getLogger().removeHandler(keep)
    assert any(c.method == "answerCallbackQuery" for c in calls), (value, calls)
    assert not [r for r in records if r.exc_info], (value, [r.getMessage() for r in records])


async def test_what_the_first_reply_needs_is_loaded_before_any_update(tmp_path: object) -> None:
    """Lazy loading made the first draft after a start wait ~140 ms (the critic's rules and
    model, the lexicon), and every update queued behind it: all of it loads at start-up."""
    from pathlib import Path

    from bot.app import build_application
    from bot.memory_api import MemoryBotApi
    from content import alternatives, critique_rules, kinds, safety
    from content.critic_features import valence
    from tests.harness import offline_settings

    caches = (
        critique_rules.compiled,
        safety.word_model,
        safety.weights_by_feature,
        kinds.compiled_kinds,
        valence,
    )
    for cached in caches:
        cached.cache_clear()
    build_application(
        offline_settings(Path(str(tmp_path)) / "f.db"),
        request=MemoryBotApi(),
        rate_limit=False,
        throttle=None,
    )
    for cached in caches:
        assert cached.cache_info().currsize == 1, cached
    assert alternatives.alternatives.cache_info().currsize == 1
