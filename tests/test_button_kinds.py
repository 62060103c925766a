"""A button kind builds only data its own pattern routes back, and reads its value typed."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from content.openers import openers, topics
from handlers import banter, breaks, rally, sent, steps
from handlers.buttons import Plain, Valued
from handlers.registry import BUTTONS


def _pressed(kind: Plain | Valued[Any], data: str) -> Any:
    """A context as PTB hands it to the handler the kind's pattern routed `data` to."""
    match = kind.pattern.match(data)
    assert match is not None, data
    return SimpleNamespace(matches=[match])


def test_data_round_trips_to_a_typed_value() -> None:
    assert sent.SENT.data(42) == "sent:42"
    assert sent.SENT.read(_pressed(sent.SENT, "sent:42")) == 42
    assert breaks.START.read(_pressed(breaks.START, breaks.START.data("24h"))) == "24h"
    assert rally.START.read(_pressed(rally.START, rally.START.data("daily"))) == "daily"


def test_an_optional_value_left_out_reads_as_none() -> None:
    assert sent.RETRY.read(_pressed(sent.RETRY, "retry")) is None
    assert sent.RETRY.read(_pressed(sent.RETRY, "retry:40")) == 40
    assert banter.MORE.data() == "banter:more"


def test_data_the_handler_would_not_route_is_refused_when_the_keyboard_is_built() -> None:
    """A dead button (data no handler matches) is a bug to catch in the code, not in a chat."""
    with pytest.raises(ValueError):
        sent.SENT.data("forty-two")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        steps.STEP.data(100)
    with pytest.raises(ValueError):
        rally.START.data("marathon")


def test_a_value_is_read_only_from_its_own_kinds_match() -> None:
    """A handler reached by another kind's pattern (a registry slip) reads nothing, rather than
    parsing someone else's value as its own."""
    assert sent.SENT.read(_pressed(sent.REPLIED, "replied:7")) is None
    assert sent.SENT.read(SimpleNamespace(matches=None)) is None


def test_no_two_kinds_claim_the_same_data() -> None:
    kinds = [kind for kind, _ in BUTTONS]
    samples = [
        "steps", "step:3", "help", "about", "sent:1", "replied:1", "noreply:1", "retry",
        "retry:40", "show:2", "rally:stop", "rally:start:full", "banter:more", "banter:more:food",
        "banter:why:pun_1", "break:start:2h", "break:keep", "break:anyway:1",
        "settings:keep:on", "forget:no", "practice:skip",
    ]  # fmt: skip
    for data in samples:
        claimed = [k for k in kinds if k.pattern.match(data)]
        assert len(claimed) == 1, (data, claimed)
    unsampled = [k for k in kinds if not any(k.pattern.match(data) for data in samples)]
    assert unsampled == [], "add a sample of each new kind's data above"


def test_every_opener_can_ride_on_its_buttons() -> None:
    """Another (topic) and Why (opener id) carry content's names: each must fit the pattern,
    or the keyboard under that opener could not be built."""
    for topic in topics():
        banter.MORE.data(topic)
    for opener in openers():
        banter.WHY.data(opener.id)
